"""SessionSecurityMiddleware: protocol v1 on every request. Place it after
django.contrib.auth.middleware.AuthenticationMiddleware."""

import logging
import secrets
from dataclasses import dataclass
from typing import Optional

from django.core.exceptions import ImproperlyConfigured

from . import clock, guard, store
from .conf import InvalidTimeouts, Timeouts, read_settings, validate_timeouts
from .receivers import TIMEOUTS_FOR_ATTRIBUTE, TOKEN_AT_START_ATTRIBUTE
from .reports import csrf_problem, report_problem_or_idle_seconds
from .requests import (
    counts_as_activity,
    has_passive_header,
    is_api_request,
    is_passive_route,
    resolve_or_none,
)
from .responses import (
    ALLOWED_METHODS,
    STORE_UNAVAILABLE_DETAIL,
    active_status,
    expired_status,
    problem,
    status_response,
)

logger = logging.getLogger('session_security_v1')

# Ordinary requests write the last activity at most once a second per session (section 8.5).
ACTIVITY_WRITE_GRANULARITY_MS = 1000
# Reports are answered to the millisecond but written at most once a second (section 8.4).
REPORT_WRITE_GRANULARITY_MS = 1000


@dataclass
class RequestState:
    """`request.session_security`, for the application's views and templates."""

    passive: bool
    # 'idle', 'absolute', 'logout' or 'no-session' when this request found its session ended
    # (the request then runs as anonymous: a login page can say why); else None.
    expired_reason: Optional[str]
    # The timeouts of the request's session, or None for anonymous callers.
    timeouts: Optional[Timeouts]


class SessionSecurityMiddleware:
    """Expiry first on every request of a signed-in session (idle, then absolute), then the
    request counts as activity unless it is passive; the protocol resource
    (SESSION_SECURITY_RESOURCE_PATH) is answered here, before Django's CSRF middleware would
    look at it: it has its own CSRF defence (section 7).

    Subclass and override `timeouts_for(request)` for per-user or per-role timeouts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def timeouts_for(self, request) -> Timeouts:
        """The timeouts of this request's session (request.user is signed in)."""
        return read_settings().timeouts

    def _timeouts_for(self, request) -> Timeouts:
        try:
            return validate_timeouts(self.timeouts_for(request))
        except InvalidTimeouts as error:
            raise guard.CheckFailed(f'timeouts_for() answered invalid timeouts: {error}') from None
        except (ImproperlyConfigured, guard.CheckFailed):
            raise
        except Exception as error:  # a failing hook must fail closed, not with a 500
            raise guard.CheckFailed(f'timeouts_for() failed: {error!r}') from error

    def __call__(self, request):
        app_settings = read_settings()
        if request.path_info == app_settings.resource_path:
            response = self.resource(request, app_settings)
            # Only a DELETE that was answered may clear the cookie; nothing else sets one.
            if request.method != 'DELETE' or response.status_code != 200:
                guard.forget_session_cookie(request)
            return response
        response = self.ordinary(request, app_settings)
        if request.session_security.passive:
            guard.forget_session_cookie(request)
        return response

    # Ordinary requests (section 9).

    def ordinary(self, request, app_settings):
        # A sign-in during this request starts the clocks with the new user's timeouts.
        setattr(request, TIMEOUTS_FOR_ATTRIBUTE, self._timeouts_for)
        match = resolve_or_none(request)
        passive = (
            has_passive_header(request)
            or is_passive_route(request, app_settings, match)
            or not counts_as_activity(request)
        )
        # The legacy ping answers an ended session itself ("logout"), as the old script expects.
        legacy_ping = match is not None and getattr(match.func, 'session_security_legacy_ping', False)
        request.session_security = RequestState(passive, None, None)
        now_ms = clock.now_ms()
        try:
            evaluation = guard.evaluate(request, self._timeouts_for, now_ms, clear_cookie=False)
            setattr(request, TOKEN_AT_START_ATTRIBUTE, evaluation.token)
            if evaluation.state == 'untracked':
                evaluation = self._untracked(request, evaluation, passive)
            request.session_security.timeouts = evaluation.timeouts
            if evaluation.state == 'anonymous' and not passive and not is_api_request(request):
                # The page load after an element's request ended the session can say why.
                request.session_security.expired_reason = guard.reason_for_stale_cookie(request)
            if evaluation.state == 'ended':
                request.session_security.expired_reason = evaluation.reason
                if is_api_request(request) and not legacy_ping:
                    return problem(
                        'session-expired', 'the session has ended; sign in again', evaluation.reason
                    )
            elif evaluation.state == 'active' and not passive:
                store.advance(
                    evaluation.token,
                    now_ms,
                    ACTIVITY_WRITE_GRANULARITY_MS,
                    now_ms,
                    guard.record_ttl_ms(evaluation.timeouts),
                )
        except (guard.CheckFailed, store.StoreUnavailable) as error:
            logger.error('session-security: %s', error)
            return problem('store-unavailable', STORE_UNAVAILABLE_DETAIL)
        return self.get_response(request)

    def _untracked(self, request, evaluation, passive):
        """A session signed in before this app saw it (installed while users were signed in):
        a non-passive request starts its clocks now; a passive one may not write the session,
        so it ends the session rather than let it run untimed."""
        if passive:
            return guard.end(request, None, 'no-session', evaluation.timeouts, evaluation.now_ms, False)
        token = secrets.token_urlsafe(32)
        record = store.start(token, evaluation.now_ms, guard.record_ttl_ms(evaluation.timeouts))
        request.session[guard.TOKEN_SESSION_KEY] = token
        return guard.Evaluation(
            'active', evaluation.now_ms, evaluation.timeouts, token=token, record=record
        )

    # The protocol resource (sections 2, 7 and 8).

    def resource(self, request, app_settings):
        method = request.method
        if method not in ALLOWED_METHODS:
            return problem(
                'method-not-allowed', f'{method} is not allowed; use {", ".join(ALLOWED_METHODS)}'
            )
        idle_seconds = None
        if method in ('POST', 'DELETE'):
            refusal = csrf_problem(request, app_settings)
            if refusal is not None:
                return refusal
        if method == 'POST':
            refusal, idle_seconds = report_problem_or_idle_seconds(request)
            if refusal is not None:
                return refusal
        request.session_security = RequestState(True, None, None)
        now_ms = clock.now_ms()
        try:
            evaluation = guard.evaluate(
                request, self._timeouts_for, now_ms, clear_cookie=method == 'DELETE'
            )
            if evaluation.state == 'untracked':
                # A status read or report may not write the session to start its clocks.
                evaluation = guard.end(
                    request, None, 'no-session', evaluation.timeouts, now_ms, method == 'DELETE'
                )
            if evaluation.state == 'anonymous':
                return status_response(expired_status('no-session'), head=method == 'HEAD')
            if evaluation.state == 'ended':
                return status_response(expired_status(evaluation.reason), head=method == 'HEAD')
            if method == 'DELETE':
                guard.end(request, evaluation.token, 'logout', evaluation.timeouts, now_ms, True)
                return status_response(expired_status('logout'))
            record = evaluation.record
            if method == 'POST':
                record = self._apply_report(evaluation, idle_seconds)
                if record.ended:  # a logout in another request won the race
                    return status_response(expired_status(record.ended_reason))
            status = active_status(record, evaluation.timeouts, now_ms)
            return status_response(status, head=method == 'HEAD')
        except (guard.CheckFailed, store.StoreUnavailable) as error:
            logger.error('session-security: %s', error)
            return problem('store-unavailable', STORE_UNAVAILABLE_DETAIL)

    def _apply_report(self, evaluation, idle_seconds: float) -> store.Record:
        """The answer applies the report exactly: last activity = max(last activity,
        min(now, now - N)), in milliseconds. The store is written only when that moves the
        last activity by a second or more (section 8.4), so a client reporting in a loop costs
        at most one write per second per session; the stored value lags by less than a second,
        which can only end the session earlier."""
        now_ms = evaluation.now_ms
        record = evaluation.record
        reported_ms = min(now_ms, now_ms - round(idle_seconds * 1000))
        if reported_ms - record.last_activity_ms >= REPORT_WRITE_GRANULARITY_MS:
            wrote = store.advance(
                evaluation.token,
                reported_ms,
                REPORT_WRITE_GRANULARITY_MS,
                now_ms,
                guard.record_ttl_ms(evaluation.timeouts),
            )
            if not wrote:
                # A concurrent request moved it, or a logout ended the session: read it again.
                stored = store.get(evaluation.token)
                if stored is None or stored.ended:
                    return stored or store.Record(0, 0, 'no-session')
                record = stored
        return store.Record(
            max(record.last_activity_ms, reported_ms), record.started_at_ms, record.ended_reason
        )
