"""Helpers of the app's tests: a clock the test moves, requests with exact header fields, and
the state of a session's activity record."""

import json
from contextlib import contextmanager
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test.client import FakePayload

from session_security_v1 import clock
from session_security_v1.guard import TOKEN_SESSION_KEY
from session_security_v1.models import ActivityRecord
from session_security_v1.signals import session_ended

START_MS = 1_800_000_000_000
SAME_ORIGIN = {
    'host': 'localhost',
    'origin': 'http://localhost',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
}
REPORT_HEADERS = {**SAME_ORIGIN, 'content-type': 'application/json', 'session-security-version': '1'}
LOGOUT_HEADERS = {**SAME_ORIGIN, 'session-security-version': '1'}
PAGE_HEADERS = {
    'host': 'localhost',
    'accept': 'text/html,*/*;q=0.8',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-dest': 'document',
    'sec-fetch-user': '?1',
}
API_HEADERS = {
    'host': 'localhost',
    'accept': 'application/json',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
}


class FakeClock:
    """Epoch milliseconds that move only when the test says so."""

    def __init__(self, now_ms=START_MS):
        self.now_ms = now_ms

    def advance(self, milliseconds):
        self.now_ms += milliseconds

    def __call__(self):
        return self.now_ms


class ClockMixin:
    """Installs a FakeClock as the app's clock for every test of the class (self.clock)."""

    def setUp(self):
        super().setUp()
        self.clock = FakeClock()
        patcher = mock.patch.object(clock, 'now_ms', self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)


def environ_of(method, path, headers, body=None):
    """A WSGI environ with exactly these header fields (lower-case names) and raw body."""
    path, _, query = path.partition('?')
    environ = {'REQUEST_METHOD': method, 'PATH_INFO': path, 'QUERY_STRING': query}
    for name, value in headers.items():
        if name == 'content-type':
            environ['CONTENT_TYPE'] = value
        else:
            environ['HTTP_' + name.upper().replace('-', '_')] = value
    content = (body or '').encode('utf-8') if isinstance(body, (str, type(None))) else body
    environ['CONTENT_LENGTH'] = str(len(content))
    environ['wsgi.input'] = FakePayload(content)
    return environ


def send(client, method, path, headers, body=None):
    return client.request(**environ_of(method, path, headers, body))


def report(client, idle_seconds, headers=REPORT_HEADERS):
    return send(client, 'POST', '/session-security', headers, json.dumps({'idleSeconds': idle_seconds}))


def status(client, headers=API_HEADERS):
    return send(client, 'GET', '/session-security', headers)


def body_of(response):
    return json.loads(response.content.decode('utf-8'))


def demo_user():
    user, _ = get_user_model().objects.get_or_create(username='demo')
    return user


def session_key(client):
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie is not None else None


def token_of(client):
    key = session_key(client)
    session = Session.objects.filter(session_key=key).first()
    return None if session is None else session.get_decoded().get(TOKEN_SESSION_KEY)


def record_of(client):
    token = token_of(client)
    return None if token is None else ActivityRecord.objects.filter(token=token).first()


def set_clocks(client, now_ms, idle_ms, age_ms):
    """Sets the signed-in session's last activity and sign-in moment relative to `now_ms`."""
    ActivityRecord.objects.filter(token=token_of(client)).update(
        last_activity_ms=now_ms - idle_ms, started_at_ms=now_ms - age_ms
    )


@contextmanager
def ended_sessions():
    """Collects (username, reason) of every session_ended signal sent inside the block."""
    seen = []

    def receiver(sender, request, user, reason, **kwargs):
        seen.append((user.get_username(), reason))

    session_ended.connect(receiver, dispatch_uid='tests.ended_sessions')
    try:
        yield seen
    finally:
        session_ended.disconnect(dispatch_uid='tests.ended_sessions')
