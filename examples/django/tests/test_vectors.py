"""Every test vector of protocol/vectors/, replayed against the app with the exact prior state
(idle time and age) on the test's clock, and the state after the request compared too."""

import base64
import json
from pathlib import Path

from django.contrib.sessions.models import Session
from django.test import Client, TestCase, override_settings

from session_security_v1.models import ActivityRecord

from .support import ClockMixin, demo_user, environ_of, session_key, set_clocks, token_of

VECTORS_DIR = Path(__file__).resolve().parents[3] / 'protocol' / 'vectors'


def load_vectors():
    return [json.loads(path.read_text('utf-8')) for path in sorted(VECTORS_DIR.glob('*.json'))]


def media_type(value):
    return (value or '').split(';', 1)[0].strip().lower()


class VectorTests(ClockMixin, TestCase):
    def test_the_vectors_are_there(self):
        self.assertGreater(len(load_vectors()), 50, f'no vectors found in {VECTORS_DIR}')

    def test_every_vector(self):
        for vector in load_vectors():
            with self.subTest(vector=vector['name']):
                self.replay(vector)

    def replay(self, vector):
        timeouts = vector['timeouts']
        with override_settings(
            SESSION_SECURITY_WARN_AFTER=timeouts['warnAfterSeconds'],
            SESSION_SECURITY_EXPIRE_AFTER=timeouts['expireAfterSeconds'],
            SESSION_SECURITY_ABSOLUTE_TIMEOUT=timeouts['absoluteTimeoutSeconds'],
        ):
            client = Client()
            prior = vector['prior']
            now_ms = self.clock.now_ms
            if prior['session'] == 'active':
                client.force_login(demo_user())
                set_clocks(client, now_ms, prior['idleMs'], prior['ageMs'])
            key, token = session_key(client), token_of(client)
            sessions_before = Session.objects.count()
            records_before = ActivityRecord.objects.count()
            request = vector['request']
            body = request.get('body')
            if 'bodyBase64' in request:
                body = base64.b64decode(request['bodyBase64'])
            response = client.request(
                **environ_of(request['method'], request['path'], request['headers'], body)
            )
            self.assert_response(vector['response'], response)
            self.assert_after(vector['after'], key, token, now_ms, sessions_before, records_before)
        self.clock.advance(1000)

    def assert_response(self, expected, response):
        self.assertEqual(response.status_code, expected['status'], response.content)
        self.assertEqual(media_type(response.get('Content-Type')), expected['contentType'])
        if 'body' in expected:
            self.assertEqual(json.loads(response.content), expected['body'])
        if 'problemType' in expected:
            self.assertEqual(json.loads(response.content)['type'], expected['problemType'])
        for name, value in expected.get('headers', {}).items():
            self.assertEqual(response.get(name), value, name)
        for name in expected.get('absentHeaders', []):
            if name == 'set-cookie':
                self.assertEqual(list(response.cookies), [], 'no Set-Cookie')
            else:
                self.assertFalse(response.has_header(name), name)

    def assert_after(self, expected, key, token, now_ms, sessions_before, records_before):
        if expected['session'] == 'none':
            if key is None:
                # An anonymous caller: nothing was created.
                self.assertEqual(Session.objects.count(), sessions_before)
                self.assertEqual(ActivityRecord.objects.count(), records_before)
            else:
                self.assertFalse(Session.objects.filter(session_key=key).exists(), 'session destroyed')
                record = ActivityRecord.objects.get(token=token)
                self.assertNotEqual(record.ended_reason, '', 'the record is a tombstone')
            return
        self.assertTrue(Session.objects.filter(session_key=key).exists(), 'session kept')
        record = ActivityRecord.objects.get(token=token)
        self.assertEqual(record.ended_reason, '')
        self.assertEqual(now_ms - record.last_activity_ms, expected['idleMs'])
        self.assertEqual(now_ms - record.started_at_ms, expected['ageMs'])
