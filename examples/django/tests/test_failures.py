"""Fail closed: a store that cannot be read or written, invalid per-request timeouts and invalid
settings are errors (503, ImproperlyConfigured, system checks), never a 500 or a default."""

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, TestCase, override_settings

from session_security_v1.conf import Timeouts, read_settings
from session_security_v1.middleware import SessionSecurityMiddleware

from .support import (
    API_HEADERS,
    LOGOUT_HEADERS,
    PAGE_HEADERS,
    ClockMixin,
    body_of,
    demo_user,
    record_of,
    report,
    send,
    status,
)

MIDDLEWARE = 'session_security_v1.middleware.SessionSecurityMiddleware'


def drop_table(name):
    # SQLite drops tables inside the test's transaction; the rollback brings them back.
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE {name}')


class StoreFailureTests(ClockMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(demo_user())

    def assert_unavailable(self, response):
        self.assertEqual(response.status_code, 503, response.content)
        self.assertEqual(response['Cache-Control'], 'no-store')
        self.assertEqual(body_of(response)['type'], 'https://session-security.dev/problems/store-unavailable')
        self.assertEqual(list(response.cookies), [])

    def test_no_activity_store_means_503_for_every_signed_in_request(self):
        drop_table('session_security_v1_activity')
        requests = [
            ('GET', '/', PAGE_HEADERS, None),
            ('GET', '/', API_HEADERS, None),
            ('GET', '/session-security', API_HEADERS, None),
            ('DELETE', '/session-security', LOGOUT_HEADERS, None),
        ]
        for method, path, headers, body in requests:
            with self.subTest(method=method, path=path):
                self.assert_unavailable(send(self.client, method, path, headers, body))
        self.assert_unavailable(report(self.client, 0))

    def test_no_session_store_means_503(self):
        drop_table('django_session')
        self.assert_unavailable(status(self.client))
        self.assert_unavailable(send(self.client, 'GET', '/', PAGE_HEADERS))

    def test_anonymous_callers_do_not_need_the_activity_store(self):
        drop_table('session_security_v1_activity')
        self.assertEqual(body_of(status(Client()))['reason'], 'no-session')


class BrokenTimeoutsMiddleware(SessionSecurityMiddleware):
    def timeouts_for(self, request):
        if request.user.get_username() == 'demo':
            return Timeouts(warn_after_seconds=10, expire_after_seconds=5)
        raise RuntimeError('the directory is down')


class PerUserTimeoutsMiddleware(SessionSecurityMiddleware):
    def timeouts_for(self, request):
        return Timeouts(warn_after_seconds=100, expire_after_seconds=200, absolute_timeout_seconds=900)


def middleware_with(replacement):
    from django.conf import settings

    return [replacement if entry == MIDDLEWARE else entry for entry in settings.MIDDLEWARE]


class TimeoutsForTests(ClockMixin, TestCase):
    @override_settings(MIDDLEWARE=middleware_with('tests.test_failures.PerUserTimeoutsMiddleware'))
    def test_per_user_timeouts_reach_the_status(self):
        self.client.force_login(demo_user())
        answer = body_of(status(self.client))
        self.assertEqual(
            (answer['warnAfterSeconds'], answer['expireAfterSeconds'], answer['absoluteRemainingSeconds']),
            (100, 200, 900),
        )

    @override_settings(
        MIDDLEWARE=middleware_with('tests.test_failures.PerUserTimeoutsMiddleware'),
        SESSION_SECURITY_WARN_AFTER=5,
        SESSION_SECURITY_EXPIRE_AFTER=10,
        PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher'],
    )
    def test_a_sign_in_keeps_the_record_as_long_as_the_user_s_own_timeouts_need(self):
        user = demo_user()
        user.set_password('demo')
        user.save()
        self.client.post('/login', {'username': 'demo', 'password': 'demo'})
        record = record_of(self.client)
        self.assertEqual(record.started_at_ms, self.clock.now_ms)
        # 200 s of idle timeout plus the margin, not the settings' 10 s.
        self.assertEqual(record.keep_until_ms, self.clock.now_ms + 200_000 + 60_000)

    @override_settings(MIDDLEWARE=middleware_with('tests.test_failures.BrokenTimeoutsMiddleware'))
    def test_invalid_or_failing_timeouts_fail_closed(self):
        self.client.force_login(demo_user())
        self.assertEqual(status(self.client).status_code, 503)
        self.assertEqual(send(self.client, 'GET', '/', PAGE_HEADERS).status_code, 503)
        other = type(demo_user()).objects.create(username='other')
        self.client.force_login(other)
        self.assertEqual(status(self.client).status_code, 503)


class SettingsTests(TestCase):
    def test_invalid_settings_are_refused_with_their_name(self):
        cases = [
            ({'SESSION_SECURITY_WARN_AFTER': 600}, 'SESSION_SECURITY_WARN_AFTER (600) must be less than'),
            ({'SESSION_SECURITY_EXPIRE_AFTER': 0}, 'SESSION_SECURITY_EXPIRE_AFTER must be a number'),
            ({'SESSION_SECURITY_EXPIRE_AFTER': '600'}, 'SESSION_SECURITY_EXPIRE_AFTER must be a number'),
            ({'SESSION_SECURITY_ABSOLUTE_TIMEOUT': -1}, 'SESSION_SECURITY_ABSOLUTE_TIMEOUT must be None'),
            ({'SESSION_SECURITY_ABSOLUTE_TIMEOUT': float('nan')}, 'SESSION_SECURITY_ABSOLUTE_TIMEOUT must be None'),
            ({'SESSION_SECURITY_PASSIVE_URLS': '/poll'}, 'SESSION_SECURITY_PASSIVE_URLS must be a list'),
            ({'SESSION_SECURITY_RESOURCE_PATH': 'session-security'}, 'SESSION_SECURITY_RESOURCE_PATH must'),
            ({'SESSION_SECURITY_ORIGIN': 'https://app.example/'}, 'SESSION_SECURITY_ORIGIN must'),
        ]
        for changes, message in cases:
            with self.subTest(**changes), override_settings(**changes):
                with self.assertRaisesMessage(ImproperlyConfigured, message):
                    read_settings()

    def ids(self):
        return sorted(message.id for message in run_checks() if message.id.startswith('session_security_v1'))

    def test_the_demo_settings_pass_the_checks(self):
        self.assertEqual(self.ids(), [])

    def test_settings_that_break_the_protocol_fail_the_checks(self):
        from django.conf import settings

        before_auth = [entry for entry in settings.MIDDLEWARE if entry != MIDDLEWARE]
        before_auth.insert(1, MIDDLEWARE)
        cases = [
            ({'SESSION_SAVE_EVERY_REQUEST': True}, ['session_security_v1.E003']),
            ({'MIDDLEWARE': [entry for entry in settings.MIDDLEWARE if entry != MIDDLEWARE]}, ['session_security_v1.E001']),
            ({'MIDDLEWARE': before_auth}, ['session_security_v1.E002']),
            (
                {'SESSION_SECURITY_ABSOLUTE_TIMEOUT': 3600, 'SESSION_COOKIE_AGE': 600},
                ['session_security_v1.W001'],
            ),
        ]
        for changes, expected in cases:
            with self.subTest(changes=list(changes)), override_settings(**changes):
                self.assertEqual(self.ids(), expected)
