"""What a request is, from its header fields: passive, an API call, counted as activity, and
the server origin it is compared with (protocol v1, sections 7 and 9)."""

from django.urls import Resolver404, resolve

PASSIVE_HEADER = 'HTTP_SESSION_SECURITY_PASSIVE'
DEFAULT_PORTS = {'http': '80', 'https': '443'}


def header(request, meta_name: str):
    """The value of a request header field by its META name, or None when absent."""
    return request.META.get(meta_name)


def has_passive_header(request) -> bool:
    value = header(request, PASSIVE_HEADER)
    return value is not None and value.strip() == '1'


def resolve_or_none(request):
    """The URL match of the request, or None when no URL pattern matches."""
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


def is_passive_route(request, app_settings, match) -> bool:
    """SESSION_SECURITY_PASSIVE_URLS (exact paths), _PASSIVE_URL_NAMES (URL names) and views
    marked with session_security_v1.views.passive."""
    if request.path_info in app_settings.passive_urls or request.path in app_settings.passive_urls:
        return True
    if match is None:
        return False
    return (
        getattr(match.func, 'session_security_passive', False)
        or match.url_name in app_settings.passive_url_names
        or match.view_name in app_settings.passive_url_names
    )


def counts_as_activity(request) -> bool:
    """Only what a user of this site did counts (section 9.1): requests whose Fetch Metadata
    says same-origin or none (or that carry none, as from older browsers), and top-level
    navigations the user started (Sec-Fetch-User: ?1). A page of another site that loads an
    image of this one, or moves a window it opened, must not keep the session alive."""
    site = header(request, 'HTTP_SEC_FETCH_SITE')
    if site is None or site.strip() in ('same-origin', 'none'):
        return True
    dest = header(request, 'HTTP_SEC_FETCH_DEST')
    return (
        (header(request, 'HTTP_SEC_FETCH_MODE') or '').strip() == 'navigate'
        and (header(request, 'HTTP_SEC_FETCH_USER') or '').strip() == '?1'
        and (dest is None or dest.strip() == 'document')
    )


def _lists_html(media_range: str) -> bool:
    """Whether one media range of Accept is text/html with a weight other than 0."""
    media_type, *parameters = media_range.split(';')
    if media_type.strip().lower() != 'text/html':
        return False
    for parameter in parameters:
        name, _, value = parameter.partition('=')
        if name.strip().lower() == 'q':
            try:
                return float(value.strip()) != 0
            except ValueError:
                return False
    return True


def is_api_request(request) -> bool:
    """Sec-Fetch-Mode present and not `navigate`; without it, an Accept field (or none) that
    does not list text/html (wildcards do not, nor text/html;q=0)."""
    mode = header(request, 'HTTP_SEC_FETCH_MODE')
    if mode is not None:
        return mode.strip() != 'navigate'
    accept = header(request, 'HTTP_ACCEPT') or ''
    return not any(_lists_html(media_range) for media_range in accept.split(','))


def server_origin(request, app_settings) -> str:
    """SESSION_SECURITY_ORIGIN, else scheme://host[:port] of this request, without the
    scheme's default port, as browsers serialize an origin."""
    if app_settings.origin is not None:
        return app_settings.origin
    scheme = request.scheme
    host = request.get_host().lower()
    default_port = DEFAULT_PORTS.get(scheme)
    if default_port and host.endswith(f':{default_port}'):
        host = host[: -len(default_port) - 1]
    return f'{scheme}://{host}'
