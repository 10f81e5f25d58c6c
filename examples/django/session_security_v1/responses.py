"""The answers of protocol v1: session status objects and problem details (RFC 9457), each
with Cache-Control: no-store."""

import json

from django.http import HttpResponse

PROBLEM_TYPE_BASE = 'https://session-security.dev/problems/'
ALLOWED_METHODS = ('GET', 'HEAD', 'POST', 'DELETE')
PROBLEMS = {
    'invalid-request': (400, 'The request body is not a valid protocol message'),
    'unsupported-version': (400, 'This protocol version is not supported'),
    'session-expired': (401, 'The session has expired'),
    'cross-site-request': (403, 'Cross-site protocol requests are refused'),
    'missing-version-header': (403, 'The Session-Security-Version request header is required'),
    'method-not-allowed': (405, 'Method not allowed on the protocol resource'),
    'payload-too-large': (413, 'The request body is too large'),
    'unsupported-media-type': (415, 'The request body must be application/json'),
    'store-unavailable': (503, 'The session store is unavailable'),
}
STORE_UNAVAILABLE_DETAIL = 'the session could not be checked right now; try again later'


def _json_response(content: dict, status: int, content_type: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(content, separators=(',', ':')), status=status, content_type=content_type
    )
    response['Cache-Control'] = 'no-store'
    return response


def problem(name: str, detail=None, reason=None) -> HttpResponse:
    status, title = PROBLEMS[name]
    content = {'type': PROBLEM_TYPE_BASE + name, 'title': title, 'status': status}
    if detail is not None:
        content['detail'] = detail
    if reason is not None:
        content['reason'] = reason
    response = _json_response(content, status, 'application/problem+json')
    if name == 'method-not-allowed':
        response['Allow'] = ', '.join(ALLOWED_METHODS)
    if name == 'session-expired':
        # RFC 9110 wants a challenge on every 401; protocol v1 defines this one.
        response['WWW-Authenticate'] = 'Session-Security'
    return response


def _seconds(milliseconds: int):
    """Milliseconds as JSON seconds: a whole number when whole, else millisecond precision."""
    return milliseconds // 1000 if milliseconds % 1000 == 0 else milliseconds / 1000


def expired_status(reason: str) -> dict:
    return {'version': 1, 'state': 'expired', 'reason': reason}


def active_status(record, timeouts, now_ms: int) -> dict:
    status = {
        'version': 1,
        'state': 'active',
        'idleSeconds': _seconds(max(0, now_ms - record.last_activity_ms)),
        'warnAfterSeconds': timeouts.warn_after_seconds,
        'expireAfterSeconds': timeouts.expire_after_seconds,
    }
    if timeouts.absolute_timeout_seconds is not None:
        age_ms = max(0, now_ms - record.started_at_ms)
        remaining_ms = round(timeouts.absolute_timeout_seconds * 1000) - age_ms
        status['absoluteRemainingSeconds'] = _seconds(max(0, remaining_ms))
    return status


def status_response(status: dict, head: bool = False) -> HttpResponse:
    response = _json_response(status, 200, 'application/json')
    if head:
        # HEAD answers like GET, same header fields, no content.
        response['Content-Length'] = str(len(response.content))
        response.content = b''
    return response
