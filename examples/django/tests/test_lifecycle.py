"""Sign-in, logout and the end of a session: clocks start at sign-in, an ended session never
comes back (tombstones), and session_ended is sent once with the reason."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client, TestCase, override_settings

from session_security_v1 import store
from session_security_v1.guard import TOKEN_SESSION_KEY
from session_security_v1.models import ActivityRecord

from .support import (
    API_HEADERS,
    LOGOUT_HEADERS,
    PAGE_HEADERS,
    ClockMixin,
    body_of,
    demo_user,
    ended_sessions,
    record_of,
    report,
    send,
    session_key,
    status,
    token_of,
)


@override_settings(
    SESSION_SECURITY_WARN_AFTER=5,
    SESSION_SECURITY_EXPIRE_AFTER=10,
    SESSION_SECURITY_ABSOLUTE_TIMEOUT=60,
    PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher'],  # fast, for tests only
)
class LifecycleTests(ClockMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_user('demo', password='demo')

    def sign_in(self, client):
        client.get('/login')
        return client.post('/login', {'username': 'demo', 'password': 'demo'})

    def test_the_login_form_starts_the_clocks_at_sign_in(self):
        response = self.sign_in(self.client)
        self.assertEqual((response.status_code, response['Location']), (302, '/'))
        record = record_of(self.client)
        self.assertEqual((record.last_activity_ms, record.started_at_ms), (self.clock.now_ms,) * 2)
        self.clock.advance(2500)
        self.assertEqual(
            body_of(status(self.client)),
            {
                'version': 1,
                'state': 'active',
                'idleSeconds': 2.5,
                'warnAfterSeconds': 5,
                'expireAfterSeconds': 10,
                'absoluteRemainingSeconds': 57.5,
            },
        )

    def test_a_wrong_password_signs_nobody_in(self):
        self.client.get('/login')
        response = self.client.post('/login', {'username': 'demo', 'password': 'nope'})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(ActivityRecord.objects.count(), 0)

    def test_signing_in_again_ends_the_previous_session_for_good(self):
        self.sign_in(self.client)
        old_key, old_token = session_key(self.client), token_of(self.client)
        old_data = Session.objects.get(session_key=old_key).session_data
        self.clock.advance(3000)
        self.sign_in(self.client)
        self.assertNotEqual(session_key(self.client), old_key, 'a new session id at sign-in')
        self.assertNotEqual(token_of(self.client), old_token)
        self.assertEqual(ActivityRecord.objects.get(token=old_token).ended_reason, 'logout')
        self.assertEqual(record_of(self.client).started_at_ms, self.clock.now_ms)
        # A request that was in flight saves the old session after the sign-in: still dead.
        Session.objects.create(
            session_key=old_key, session_data=old_data, expire_date=Session.objects.get().expire_date
        )
        replay = Client()
        replay.cookies['sessionid'] = old_key
        self.assertEqual(body_of(status(replay)), {'version': 1, 'state': 'expired', 'reason': 'logout'})

    def test_a_logout_from_the_application_is_final_and_announced_once(self):
        self.sign_in(self.client)
        key = session_key(self.client)
        data = Session.objects.get(session_key=key).session_data
        with ended_sessions() as ended:
            response = self.client.post('/logout')
            self.assertEqual(response['Location'], '/login?reason=logout')
            self.assertEqual(ended, [('demo', 'logout')])
        replay = Client()
        replay.cookies['sessionid'] = key
        with ended_sessions() as ended:
            # A late save of the session (a slow request that started before the logout).
            Session.objects.create(session_key=key, session_data=data, expire_date=_later())
            self.assertEqual(body_of(status(replay))['reason'], 'logout')
            Session.objects.create(session_key=key, session_data=data, expire_date=_later())
            api = send(replay, 'GET', '/', API_HEADERS)
            self.assertEqual((api.status_code, body_of(api)['reason']), (401, 'logout'))
            self.assertEqual(ended, [], 'announced once, at the logout')

    def test_delete_logs_out_clears_the_cookie_and_announces_it(self):
        self.sign_in(self.client)
        key = session_key(self.client)
        with ended_sessions() as ended:
            response = send(self.client, 'DELETE', '/session-security', LOGOUT_HEADERS)
        self.assertEqual(body_of(response), {'version': 1, 'state': 'expired', 'reason': 'logout'})
        self.assertEqual(response.cookies['sessionid'].value, '', 'the cookie is cleared')
        self.assertEqual(ended, [('demo', 'logout')])
        self.assertFalse(Session.objects.filter(session_key=key).exists())
        again = send(self.client, 'DELETE', '/session-security', LOGOUT_HEADERS)
        self.assertEqual(body_of(again)['reason'], 'no-session', 'DELETE is idempotent')

    def test_delete_of_an_expired_session_says_why_it_ended(self):
        self.sign_in(self.client)
        self.clock.advance(10_000)
        with ended_sessions() as ended:
            response = send(self.client, 'DELETE', '/session-security', LOGOUT_HEADERS)
        self.assertEqual(body_of(response)['reason'], 'idle')
        self.assertEqual(ended, [('demo', 'idle')])

    def test_a_report_after_expiry_never_revives_the_session(self):
        self.sign_in(self.client)
        token = token_of(self.client)
        self.clock.advance(12_000)
        self.assertEqual(body_of(report(self.client, 0))['reason'], 'idle')
        record = ActivityRecord.objects.get(token=token)
        self.assertEqual(record.ended_reason, 'idle')
        self.assertFalse(store.advance(token, self.clock.now_ms, 0, self.clock.now_ms, 1000))

    def test_the_end_is_announced_once_whoever_finds_it(self):
        self.sign_in(self.client)
        token = token_of(self.client)
        self.assertTrue(store.end(token, 'idle', self.clock.now_ms))
        self.assertFalse(store.end(token, 'logout', self.clock.now_ms), 'the first reason wins')
        self.assertEqual(ActivityRecord.objects.get(token=token).ended_reason, 'idle')

    def test_a_session_signed_in_before_the_app_was_installed_starts_its_clocks(self):
        self.client.force_login(demo_user())
        session = self.client.session
        del session[TOKEN_SESSION_KEY]
        session.save()
        ActivityRecord.objects.all().delete()
        # A status read may not write the session: it ends an untimed session.
        passive = Client()
        passive.cookies['sessionid'] = session_key(self.client)
        self.assertEqual(body_of(status(passive))['reason'], 'no-session')
        self.assertEqual(list(status(passive).cookies), [])
        # A page load may: it starts the clocks now.
        self.client.force_login(demo_user())
        session = self.client.session
        del session[TOKEN_SESSION_KEY]
        session.save()
        self.assertEqual(send(self.client, 'GET', '/', PAGE_HEADERS).status_code, 200)
        record = record_of(self.client)
        self.assertEqual(record.started_at_ms, self.clock.now_ms)
        self.assertEqual(body_of(status(self.client))['state'], 'active')


def _later():
    from datetime import datetime, timedelta, timezone

    return datetime.now(timezone.utc) + timedelta(days=1)



@override_settings(
    SESSION_ENGINE='django.contrib.sessions.backends.signed_cookies',
    SESSION_SECURITY_WARN_AFTER=5,
    SESSION_SECURITY_EXPIRE_AFTER=10,
)
class SignedCookieSessionTests(ClockMixin, TestCase):
    """Sessions kept in the cookie itself: only the tombstone can end them on the server."""

    def test_a_copy_of_the_cookie_is_worthless_after_logout(self):
        self.client.force_login(demo_user())
        copy = self.client.cookies['sessionid'].value
        self.assertEqual(body_of(status(self.client))['state'], 'active')
        response = send(self.client, 'DELETE', '/session-security', LOGOUT_HEADERS)
        self.assertEqual(body_of(response)['reason'], 'logout')
        replay = Client()
        replay.cookies['sessionid'] = copy
        self.assertEqual(body_of(status(replay))['reason'], 'logout')
        api = send(replay, 'GET', '/', API_HEADERS)
        self.assertEqual((api.status_code, body_of(api)['reason']), (401, 'logout'))
