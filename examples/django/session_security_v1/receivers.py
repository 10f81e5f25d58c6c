"""Sign-in and logout through django.contrib.auth, wherever they happen (the app's own views,
the admin, the protocol's DELETE): a sign-in starts the session's clocks under a new token, a
logout tombstones the token and announces the end."""

import secrets

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import clock, store
from .conf import read_settings
from .guard import CheckFailed, TOKEN_SESSION_KEY, logger, record_ttl_ms, send_session_ended

TOKEN_AT_START_ATTRIBUTE = '_session_security_token_at_start'
# The middleware's timeouts_for(request), set on the requests it sees.
TIMEOUTS_FOR_ATTRIBUTE = '_session_security_timeouts_for'


@receiver(user_logged_in, dispatch_uid='session_security_v1.signed_in')
def start_clocks(sender, request, user, **kwargs):
    session = getattr(request, 'session', None)
    if session is None:
        return
    now_ms = clock.now_ms()
    # The session this browser had before (login() keeps a same-user session's data under a new
    # key): end it, so that a late save of the old session cannot bring it back.
    previous = {session.get(TOKEN_SESSION_KEY), getattr(request, TOKEN_AT_START_ATTRIBUTE, None)}
    if session.get(TOKEN_SESSION_KEY) is not None:
        # login() keeps the session id when the same user signs in again; a sign-in must issue
        # a new one (no session fixation).
        session.cycle_key()
    try:
        for token in previous - {None}:
            store.end(token, 'logout', now_ms)
        timeouts_for = getattr(request, TIMEOUTS_FOR_ATTRIBUTE, None)
        timeouts = read_settings().timeouts if timeouts_for is None else timeouts_for(request)
        token = secrets.token_urlsafe(32)
        store.start(token, now_ms, record_ttl_ms(timeouts))
    except (store.StoreUnavailable, CheckFailed) as error:
        # The sign-in stands; without a token the session's next ordinary request starts the
        # clocks (or, while the store is down, is refused with 503).
        logger.error('could not start the clocks of a new session: %s', error)
        session.pop(TOKEN_SESSION_KEY, None)
        return
    session[TOKEN_SESSION_KEY] = token


@receiver(user_logged_out, dispatch_uid='session_security_v1.signed_out')
def tombstone_on_logout(sender, request, user, **kwargs):
    session = getattr(request, 'session', None)
    if session is None or getattr(request, '_session_security_ending', False):
        return  # the middleware ends expired sessions itself, with their reason
    token = session.get(TOKEN_SESSION_KEY)
    if token is None:
        return
    try:
        ended = store.end(token, 'logout', clock.now_ms())
    except store.StoreUnavailable as error:
        # The logout goes on: logout() deletes the session from the session store next.
        logger.error('could not tombstone a logged-out session: %s', error)
        return
    if ended:
        send_session_ended(request, user, 'logout')
