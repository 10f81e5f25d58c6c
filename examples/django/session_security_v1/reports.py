"""The checks of a POST to the resource, in the order of protocol v1 sections 7 and 2.2: each
answers the problem of the first check that fails, or None."""

import json
import math

from .conf import MAX_DURATION_SECONDS
from .requests import header, server_origin
from .responses import problem

MAX_BODY_BYTES = 1024


def csrf_problem(request, app_settings):
    """Section 7, steps 1 to 3, for POST and DELETE."""
    site = header(request, 'HTTP_SEC_FETCH_SITE')
    if site is not None and site != 'same-origin':
        return problem(
            'cross-site-request',
            f'Sec-Fetch-Site is {json.dumps(site)}; only same-origin requests are accepted',
        )
    origin = header(request, 'HTTP_ORIGIN')
    if origin is not None and origin != server_origin(request, app_settings):
        return problem('cross-site-request', f"Origin {json.dumps(origin)} is not this server's origin")
    version = header(request, 'HTTP_SESSION_SECURITY_VERSION')
    if version is None:
        return problem(
            'missing-version-header',
            'the Session-Security-Version header is required on POST and DELETE',
        )
    if version.strip() != '1':
        return problem(
            'unsupported-version',
            f'Session-Security-Version {json.dumps(version)} is not supported; this server speaks 1',
        )
    return None


class InvalidReport(ValueError):
    """The content is not a valid activity report; the message is the problem's detail."""


def _number_text(value) -> str:
    """A number as JavaScript would print it, for details such as `got -1` or `got Infinity`."""
    if isinstance(value, float):
        if math.isinf(value):
            return 'Infinity' if value > 0 else '-Infinity'
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
    return repr(value)


def _kind(value) -> str:
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'a boolean'
    if isinstance(value, str):
        return 'a string'
    if isinstance(value, list):
        return 'an array'
    if isinstance(value, dict):
        return 'an object'
    return 'a number'


def _refuse_constant(name: str):
    raise InvalidReport(f'invalid JSON: {name} is not a JSON value')


def parse_report(content: bytes) -> float:
    """The idleSeconds of a report body, or InvalidReport saying what is wrong."""
    if content.startswith(b'\xef\xbb\xbf'):
        content = content[3:]  # one leading byte order mark is ignored (section 4.3)
    try:
        text = content.decode('utf-8')
    except UnicodeDecodeError as error:
        raise InvalidReport(f'the body is not valid UTF-8: {error.reason} at byte {error.start}') from None
    try:
        body = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise InvalidReport(f'invalid JSON: {error.msg} at position {error.pos}') from None
    except RecursionError:
        raise InvalidReport('invalid JSON: nested too deeply') from None
    if not isinstance(body, dict):
        raise InvalidReport(f'the body must be a JSON object, got {_kind(body)}')
    if 'idleSeconds' not in body:
        raise InvalidReport('idleSeconds is required')
    idle = body['idleSeconds']
    if _kind(idle) != 'a number':
        raise InvalidReport(f'idleSeconds must be a finite number, got {_kind(idle)}')
    if isinstance(idle, float) and not math.isfinite(idle):
        raise InvalidReport(f'idleSeconds must be a finite number, got {_number_text(idle)}')
    if idle < 0:
        raise InvalidReport(f'idleSeconds must be at least 0, got {_number_text(idle)}')
    if idle > MAX_DURATION_SECONDS:
        raise InvalidReport(
            f'idleSeconds must be at most {MAX_DURATION_SECONDS}, got {_number_text(idle)}'
        )
    return float(idle)


def report_problem_or_idle_seconds(request):
    """Section 2.2 steps 2 to 4: (problem, None) or (None, idleSeconds)."""
    content_type = header(request, 'CONTENT_TYPE') or ''
    if content_type.split(';', 1)[0].strip().lower() != 'application/json':
        shown = json.dumps(content_type) if content_type else 'none'
        return problem('unsupported-media-type', f'Content-Type must be application/json, got {shown}'), None
    try:
        declared = int(header(request, 'CONTENT_LENGTH') or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return problem(
            'payload-too-large',
            f'the body is {declared} bytes; at most {MAX_BODY_BYTES} are accepted',
        ), None
    content = request.read(MAX_BODY_BYTES + 1)
    if len(content) > MAX_BODY_BYTES:
        return problem(
            'payload-too-large', f'the body is over {MAX_BODY_BYTES} bytes; at most {MAX_BODY_BYTES} are accepted'
        ), None
    try:
        return None, parse_report(content)
    except InvalidReport as error:
        return problem('invalid-request', str(error)), None
