"""django-session-security's ping, answered from protocol v1's activity records, for the
switch: pages still on the old script (or the element with legacy-ping-url) keep working and
share one last activity with pages on protocol v1. Route it where the old URL was:

    path('session_security/ping/', legacy.ping, name='session_security_ping')

Remove it once no page pings it: it is a GET that moves activity (protocol v1 appendix A), which
v1 itself never offers."""

import json

from django.http import HttpResponse

from . import clock, store
from .conf import MAX_DURATION_SECONDS
from .guard import TOKEN_SESSION_KEY, record_ttl_ms
from .responses import problem


def _answer(value, status=200) -> HttpResponse:
    response = HttpResponse(json.dumps(value), status=status, content_type='application/json')
    response['Cache-Control'] = 'no-store'
    return response


def ping(request):
    """GET ?idleFor=N: last activity = max(last activity, now - N); answers the idle seconds
    across all tabs (whole seconds, rounded down, as the old view did) or "logout". The
    middleware has checked expiry first and treats this request as passive."""
    if request.method != 'GET':
        response = _answer('method not allowed', 405)
        response['Allow'] = 'GET'
        return response
    site = request.META.get('HTTP_SEC_FETCH_SITE')
    if site is not None and site != 'same-origin':
        return problem('cross-site-request', f'Sec-Fetch-Site is {json.dumps(site)}')
    idle_for = request.GET.get('idleFor', '')
    if not idle_for.isascii() or not idle_for.isdigit() or int(idle_for) > MAX_DURATION_SECONDS:
        return _answer(f'idleFor must be a whole number of seconds up to {MAX_DURATION_SECONDS}', 400)
    state = getattr(request, 'session_security', None)
    token = request.session.get(TOKEN_SESSION_KEY) if request.user.is_authenticated else None
    if state is None or state.timeouts is None or token is None:
        return _answer('logout')
    now_ms = clock.now_ms()
    try:
        store.advance(token, now_ms - int(idle_for) * 1000, 0, now_ms, record_ttl_ms(state.timeouts))
        record = store.get(token)
    except store.StoreUnavailable:
        return problem('store-unavailable', 'the session could not be checked right now')
    if record is None or record.ended:
        return _answer('logout')
    return _answer(max(0, now_ms - record.last_activity_ms) // 1000)


ping.session_security_passive = True
ping.session_security_legacy_ping = True
