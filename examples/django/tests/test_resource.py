"""The resource beyond the vectors: HEAD, origins, bodies the vectors do not cover."""

import json

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from .support import (
    API_HEADERS,
    REPORT_HEADERS,
    ClockMixin,
    body_of,
    demo_user,
    record_of,
    report,
    send,
    status,
)


@override_settings(SESSION_SECURITY_WARN_AFTER=5, SESSION_SECURITY_EXPIRE_AFTER=10)
class ResourceTests(ClockMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(demo_user())
        self.clock.advance(4000)

    def assert_refused(self, response, status_code, problem, detail=None):
        self.assertEqual(response.status_code, status_code, response.content)
        self.assertEqual(response['Cache-Control'], 'no-store')
        self.assertEqual(body_of(response)['type'], f'https://session-security.dev/problems/{problem}')
        if detail is not None:
            self.assertEqual(body_of(response)['detail'], detail)
        self.assertEqual(record_of(self.client).last_activity_ms, self.clock.now_ms - 4000)

    def test_head_answers_like_get_without_content(self):
        get = status(self.client)
        head = send(self.client, 'HEAD', '/session-security', API_HEADERS)
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head.content, b'')
        for name in ('Content-Type', 'Cache-Control', 'Content-Length'):
            self.assertEqual(head[name], get[name], name)

    def test_every_other_method_gets_405_with_allow(self):
        for method in ('PUT', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'LOCK'):
            with self.subTest(method=method):
                response = send(self.client, method, '/session-security', REPORT_HEADERS, '{}')
                self.assert_refused(response, 405, 'method-not-allowed')
                self.assertEqual(response['Allow'], 'GET, HEAD, POST, DELETE')
                self.assertFalse(any(name.lower().startswith('access-control-') for name in response.headers))

    def test_the_path_is_exact(self):
        for path in ('/session-security/', '/Session-Security', '/session-security/x'):
            with self.subTest(path=path):
                self.assertEqual(send(self.client, 'GET', path, API_HEADERS).status_code, 404)

    def test_a_query_string_is_ignored(self):
        response = send(self.client, 'GET', '/session-security?idleFor=0&idleSeconds=0', API_HEADERS)
        self.assertEqual(body_of(response)['idleSeconds'], 4)

    def test_the_origin_is_compared_without_the_default_port(self):
        other_port = {**REPORT_HEADERS, 'host': 'localhost:8000'}
        self.assert_refused(report(self.client, 0, other_port), 403, 'cross-site-request')
        headers = {**REPORT_HEADERS, 'host': 'localhost:80'}
        self.assertEqual(body_of(report(self.client, 0, headers))['idleSeconds'], 0)

    @override_settings(SESSION_SECURITY_ORIGIN='https://app.example')
    def test_a_configured_origin_wins_over_the_host(self):
        self.assert_refused(report(self.client, 0), 403, 'cross-site-request')
        headers = {**REPORT_HEADERS, 'origin': 'https://app.example'}
        self.assertEqual(body_of(report(self.client, 0, headers))['idleSeconds'], 0)

    def test_bodies_that_are_not_reports_get_400_with_a_detail(self):
        bodies = {
            b'\xff{"idleSeconds":0}': 'the body is not valid UTF-8: invalid start byte at byte 0',
            '\ufeff\ufeff{"idleSeconds":0}'.encode(): None,
            b'[' * 500 + b']' * 500: 'the body must be a JSON object, got an array',
            b'{"idleSeconds":NaN}': None,
            b'{"idleSeconds":Infinity}': None,
            b'{"idleSeconds":1e309}': 'idleSeconds must be a finite number, got Infinity',
            b'{"idleSeconds":true}': 'idleSeconds must be a finite number, got a boolean',
            b'{"idleSeconds":-0.5}': 'idleSeconds must be at least 0, got -0.5',
            b'"x"': 'the body must be a JSON object, got a string',
            b'': None,
        }
        for content, detail in bodies.items():
            with self.subTest(content=content[:40]):
                response = send(self.client, 'POST', '/session-security', REPORT_HEADERS, content)
                self.assert_refused(response, 400, 'invalid-request', detail)

    def test_one_leading_byte_order_mark_is_ignored(self):
        content = '\ufeff{"idleSeconds":1}'.encode()
        response = send(self.client, 'POST', '/session-security', REPORT_HEADERS, content)
        self.assertEqual(body_of(response)['idleSeconds'], 1)

    def test_size_is_checked_after_the_media_type_and_counted_in_bytes(self):
        big = json.dumps({'idleSeconds': 0, 'pad': 'é' * 600}).encode()
        form = {**REPORT_HEADERS, 'content-type': 'text/plain'}
        self.assert_refused(send(self.client, 'POST', '/session-security', form, big), 415, 'unsupported-media-type')
        self.assert_refused(
            send(self.client, 'POST', '/session-security', REPORT_HEADERS, big),
            413,
            'payload-too-large',
            f'the body is {len(big)} bytes; at most 1024 are accepted',
        )

    def test_reports_in_a_loop_cost_at_most_one_store_write_a_second(self):
        with CaptureQueriesContext(connection) as queries:
            for _ in range(250):  # one every 4 ms for a second
                self.clock.advance(4)
                self.assertEqual(body_of(report(self.client, 0))['idleSeconds'], 0)
        writes = [query for query in queries if query['sql'].startswith('UPDATE "session_security_v1_activity"')]
        self.assertEqual(len(writes), 1, 'one write: the first report moved it by 4 s')
        # The stored value lags the answers by less than a second.
        self.assertEqual(self.clock.now_ms - record_of(self.client).last_activity_ms, 996)
        self.clock.advance(4)
        report(self.client, 0)
        self.assertEqual(record_of(self.client).last_activity_ms, self.clock.now_ms, 'a second later')

    def test_reports_move_last_activity_to_the_millisecond_and_only_forward(self):
        self.assertEqual(body_of(report(self.client, 1.2346))['idleSeconds'], 1.235)
        self.assertEqual(body_of(report(self.client, 3))['idleSeconds'], 1.235)
        self.assertEqual(record_of(self.client).last_activity_ms, self.clock.now_ms - 1235)
