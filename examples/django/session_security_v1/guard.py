"""The expiry check shared by every request (protocol v1, section 8.3): what the request's
session is, and the ending of a session that has expired."""

import logging
from dataclasses import dataclass
from typing import Optional

from django.conf import settings
from django.contrib import auth
from django.db import DatabaseError

from . import store
from .conf import Timeouts
from .signals import session_ended

TOKEN_SESSION_KEY = '_session_security_v1'
STALE_KEY_MAX_LENGTH = 64
logger = logging.getLogger('session_security_v1')


class CheckFailed(Exception):
    """The session could not be checked (store error, invalid per-request timeouts): the
    request is refused with 503, never treated as valid. The message is for the log only."""


@dataclass(frozen=True)
class Evaluation:
    """`state`: 'anonymous', 'untracked' (signed in before the app saw the session: no token),
    'ended' (with `reason`) or 'active' (with `token` and `record`)."""

    state: str
    now_ms: int
    timeouts: Optional[Timeouts] = None
    reason: Optional[str] = None
    token: Optional[str] = None
    record: Optional[store.Record] = None


def expiry_reason(record: store.Record, timeouts: Timeouts, now_ms: int) -> Optional[str]:
    """'idle', then 'absolute', or None: expired AT the deadline, valid 1 ms before; a clock
    that stepped back counts as no time at all."""
    if max(0, now_ms - record.last_activity_ms) >= round(timeouts.expire_after_seconds * 1000):
        return 'idle'
    absolute = timeouts.absolute_timeout_seconds
    if absolute is not None and max(0, now_ms - record.started_at_ms) >= round(absolute * 1000):
        return 'absolute'
    return None


def record_ttl_ms(timeouts: Timeouts) -> int:
    return round(timeouts.expire_after_seconds * 1000) + store.RECORD_TTL_MARGIN_MS


def destroy_session(request, clear_cookie: bool) -> None:
    """Signs the request out: django.contrib.auth.logout() (user_logged_out is sent, the
    session is flushed from its store, request.user becomes anonymous). Without
    `clear_cookie` the request then continues as if it had come without the session cookie,
    so SessionMiddleware sends no Set-Cookie (status reads and passive requests never do)."""
    request._session_security_ending = True
    try:
        auth.logout(request)
    finally:
        request._session_security_ending = False
    if not clear_cookie:
        forget_session_cookie(request)


def forget_session_cookie(request) -> None:
    """Lets SessionMiddleware treat the request as one that came without the session cookie:
    it then never sends a cookie-deleting Set-Cookie for an empty (ended, unknown) session.
    A session the application writes during the request is still saved."""
    request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)


def evaluate(request, timeouts_for, now_ms: int, clear_cookie: bool) -> Evaluation:
    """Checks the request's session at `now_ms`: an expired or ended session is tombstoned,
    announced (session_ended, once) and destroyed before this returns."""
    try:
        user = request.user
        if not user.is_authenticated:
            return Evaluation('anonymous', now_ms)
        token = request.session.get(TOKEN_SESSION_KEY)
    except DatabaseError as error:
        raise CheckFailed(f'the session store failed: {error}') from error
    timeouts = timeouts_for(request)
    if token is None:
        return Evaluation('untracked', now_ms, timeouts)
    try:
        record = store.get(token)
        if record is None:
            # Tombstones outlive any request in flight; a token without a record belongs to a
            # session that ended long ago (or to a session blob written back after it).
            return end(request, None, 'no-session', timeouts, now_ms, clear_cookie)
        if record.ended:
            return end(request, None, record.ended_reason, timeouts, now_ms, clear_cookie)
        reason = expiry_reason(record, timeouts, now_ms)
        if reason is not None:
            return end(request, token, reason, timeouts, now_ms, clear_cookie)
    except store.StoreUnavailable as error:
        raise CheckFailed(str(error)) from error
    return Evaluation('active', now_ms, timeouts, token=token, record=record)


def end(request, token, reason, timeouts, now_ms, clear_cookie) -> Evaluation:
    """Ends the session: tombstone first (so a racing request cannot revive it), the
    announcement if this request ended it, then the destruction. `token` None: the session
    ended earlier and is only destroyed here."""
    user = request.user
    # Without clear_cookie the browser keeps the cookie: remember its key with the tombstone.
    stale_key = '' if clear_cookie else (request.COOKIES.get(settings.SESSION_COOKIE_NAME) or '')
    if len(stale_key) > STALE_KEY_MAX_LENGTH:
        stale_key = ''  # a signed-cookie session: its cookie still carries the token
    announce = token is not None and store.end(token, reason, now_ms, stale_key)
    try:
        destroy_session(request, clear_cookie)
    except DatabaseError as error:
        raise CheckFailed(f'the session store failed: {error}') from error
    if announce:
        send_session_ended(request, user, reason)
    return Evaluation('ended', now_ms, timeouts, reason=reason)


def reason_for_stale_cookie(request) -> Optional[str]:
    """For an anonymous request whose session cookie names no session: why the session of that
    cookie ended (an earlier request ended it without clearing the cookie), or None."""
    stale_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not stale_key or len(stale_key) > STALE_KEY_MAX_LENGTH:
        return None
    if request.session.session_key is not None:
        return None  # a live (anonymous) session
    return store.reason_ended_with_key(stale_key)


def send_session_ended(request, user, reason: str) -> None:
    for receiver, result in session_ended.send_robust(
        sender=Evaluation, request=request, user=user, reason=reason
    ):
        if isinstance(result, Exception):
            logger.error(
                'session_ended receiver %r failed', receiver, exc_info=(type(result), result, result.__traceback__)
            )
