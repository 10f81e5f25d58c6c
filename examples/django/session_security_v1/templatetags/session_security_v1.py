"""{% load session_security_v1 %} then {% session_security_element %} in a base template: the
element's module script and the <session-security> element, for signed-in users only."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils.html import format_html, format_html_join

from ..conf import read_settings

register = template.Library()

# Keyword arguments of the tag -> attributes of the element.
ATTRIBUTES = {
    'expire_action': 'expire-action',
    'redirect_url': 'redirect-url',
    'hide_on_expire': 'hide-on-expire',
    'variant': 'variant',
    'channel': 'channel',
    'activity_events': 'activity-events',
}


def _number(seconds):
    return int(seconds) if float(seconds).is_integer() else seconds


@register.simple_tag(takes_context=True)
def session_security_element(context, **options):
    """Renders nothing for anonymous visitors (an anonymous page would expire at once)."""
    request = context.get('request')
    if request is None or not request.user.is_authenticated:
        return ''
    unknown = sorted(set(options) - set(ATTRIBUTES))
    if unknown:
        raise template.TemplateSyntaxError(
            f'session_security_element: unknown option(s) {", ".join(unknown)}; '
            f'known: {", ".join(sorted(ATTRIBUTES))}'
        )
    app_settings = read_settings()
    state = getattr(request, 'session_security', None)
    timeouts = state.timeouts if state is not None and state.timeouts else app_settings.timeouts
    attributes = [
        ('endpoint', get_script_prefix().rstrip('/') + app_settings.resource_path),
        # Fallbacks until the first answer: the server's answers carry the real values.
        ('warn-after', _number(timeouts.warn_after_seconds)),
        ('expire-after', _number(timeouts.expire_after_seconds)),
    ] + [(ATTRIBUTES[name], value) for name, value in options.items()]
    script_url = getattr(settings, 'SESSION_SECURITY_SCRIPT_URL', None) or static('session-security.js')
    return format_html(
        '<script type="module" src="{}"></script>\n<session-security{}></session-security>',
        script_url,
        format_html_join('', ' {}="{}"', attributes),
    )
