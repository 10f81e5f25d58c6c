"""Ordinary requests (protocol v1 section 9): expiry first, then activity unless passive."""

from django.contrib.sessions.models import Session
from django.test import Client, TestCase, override_settings

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
    send,
    session_key,
    status,
)

TIMEOUTS = {
    'SESSION_SECURITY_WARN_AFTER': 5,
    'SESSION_SECURITY_EXPIRE_AFTER': 10,
    'SESSION_SECURITY_ABSOLUTE_TIMEOUT': 30,
}


@override_settings(**TIMEOUTS)
class ActivityTests(ClockMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(demo_user())
        self.signed_in_ms = self.clock.now_ms

    def idle_ms(self):
        return self.clock.now_ms - record_of(self.client).last_activity_ms

    def test_a_page_load_is_activity_written_at_most_once_a_second(self):
        self.clock.advance(3000)
        self.assertEqual(send(self.client, 'GET', '/', PAGE_HEADERS).status_code, 200)
        self.assertEqual(self.idle_ms(), 0)
        self.clock.advance(999)
        send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual(self.idle_ms(), 999, 'a write less than 1 s after the last is skipped')
        self.clock.advance(1)
        send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual(self.idle_ms(), 0)

    def test_requests_without_fetch_metadata_are_activity(self):
        self.clock.advance(3000)
        send(self.client, 'GET', '/', {'host': 'localhost', 'accept': 'text/html'})
        self.assertEqual(self.idle_ms(), 0)

    def test_passive_requests_are_not_activity_and_set_no_cookie(self):
        passive_requests = [
            ('/', {**API_HEADERS, 'session-security-passive': '1'}),
            ('/', {**API_HEADERS, 'session-security-passive': ' 1 '}),
            ('/api/server-time', API_HEADERS),  # SESSION_SECURITY_PASSIVE_URL_NAMES
        ]
        for path, headers in passive_requests:
            with self.subTest(path=path, headers=headers):
                before = self.idle_ms()
                self.clock.advance(2000)
                response = send(self.client, 'GET', path, headers)
                self.assertEqual(response.status_code, 200, response.content)
                self.assertEqual(list(response.cookies), [])
                self.assertEqual(self.idle_ms(), before + 2000, 'last activity unchanged')

    @override_settings(ROOT_URLCONF='tests.urls')
    def test_views_marked_passive_are_not_activity(self):
        self.clock.advance(2000)
        response = send(self.client, 'GET', '/api/notifications', API_HEADERS)
        self.assertEqual((response.status_code, list(response.cookies)), (200, []))
        self.assertEqual(self.idle_ms(), 2000)

    def test_other_values_of_the_passive_header_are_activity(self):
        self.clock.advance(2000)
        send(self.client, 'GET', '/', {**API_HEADERS, 'session-security-passive': 'true'})
        self.assertEqual(self.idle_ms(), 0)

    @override_settings(SESSION_SECURITY_PASSIVE_URLS=['/other'])
    def test_passive_urls_are_exact_paths(self):
        self.clock.advance(2000)
        send(self.client, 'GET', '/other', PAGE_HEADERS)
        self.assertEqual(self.idle_ms(), 2000)
        send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual(self.idle_ms(), 0)

    def test_requests_from_other_sites_are_not_activity(self):
        not_activity = [
            # <img src> of this site on another site's page
            {'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image'},
            {'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image'},
            # a window another site opened or navigated without a user's click
            {'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document'},
            # a frame the user clicked in: not a top-level navigation
            {
                'sec-fetch-site': 'cross-site',
                'sec-fetch-mode': 'navigate',
                'sec-fetch-dest': 'iframe',
                'sec-fetch-user': '?1',
            },
        ]
        for fetch_metadata in not_activity:
            with self.subTest(**{key.replace('-', '_'): value for key, value in fetch_metadata.items()}):
                before = self.idle_ms()
                self.clock.advance(2000)
                send(self.client, 'GET', '/', {'host': 'localhost', 'accept': 'text/html', **fetch_metadata})
                self.assertEqual(self.idle_ms(), before + 2000)

    def test_a_link_the_user_followed_from_another_site_is_activity(self):
        self.clock.advance(2000)
        headers = {
            'host': 'localhost',
            'accept': 'text/html',
            'sec-fetch-site': 'cross-site',
            'sec-fetch-mode': 'navigate',
            'sec-fetch-dest': 'document',
            'sec-fetch-user': '?1',
        }
        send(self.client, 'GET', '/', headers)
        self.assertEqual(self.idle_ms(), 0)
        self.clock.advance(2000)
        del headers['sec-fetch-dest']  # optional: when absent, the navigation still counts
        send(self.client, 'GET', '/', headers)
        self.assertEqual(self.idle_ms(), 0)

    def test_a_status_read_is_never_activity(self):
        self.clock.advance(4000)
        response = status(self.client)
        self.assertEqual(body_of(response)['idleSeconds'], 4)
        self.assertEqual(self.idle_ms(), 4000)


@override_settings(**TIMEOUTS)
class ExpiryTests(ClockMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(demo_user())
        self.key = session_key(self.client)

    def assert_destroyed(self, reason):
        self.assertFalse(Session.objects.filter(session_key=self.key).exists())
        self.assertEqual(ActivityRecord.objects.get().ended_reason, reason)

    def test_an_api_request_of_an_expired_session_gets_401_and_the_reason(self):
        self.clock.advance(10_000)
        with ended_sessions() as ended:
            response = send(self.client, 'GET', '/', API_HEADERS)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response['Content-Type'], 'application/problem+json')
        self.assertEqual(response['Cache-Control'], 'no-store')
        self.assertEqual(response['WWW-Authenticate'], 'Session-Security')
        problem = body_of(response)
        self.assertEqual(problem['type'], 'https://session-security.dev/problems/session-expired')
        self.assertEqual((problem['status'], problem['reason']), (401, 'idle'))
        self.assertEqual(list(response.cookies), [])
        self.assertEqual(ended, [('demo', 'idle')])
        self.assert_destroyed('idle')

    def test_without_fetch_metadata_accept_tells_pages_from_api_calls(self):
        cases = [
            ('text/html;q=0', 401),
            ('*/*', 401),
            ('text/*', 401),
            ('text/html,*/*;q=0.8', 302),
            ('Text/HTML;level=1', 302),
        ]
        for accept, expected in cases:
            with self.subTest(accept=accept):
                self.client.force_login(demo_user())
                self.clock.advance(10_000)
                response = send(self.client, 'GET', '/', {'host': 'localhost', 'accept': accept})
                self.assertEqual(response.status_code, expected)

    def test_one_millisecond_before_the_deadline_the_session_is_valid(self):
        self.clock.advance(9_999)
        self.assertEqual(send(self.client, 'GET', '/', API_HEADERS).status_code, 200)

    def test_a_page_request_of_an_expired_session_runs_as_anonymous_and_learns_why(self):
        self.clock.advance(12_000)
        response = send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response['Location'], '/login?reason=idle')
        self.assert_destroyed('idle')
        # The ended session stays ended: the next request is anonymous (and, as the browser
        # still sends the old cookie, still told why).
        again = send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual(again['Location'], '/login?reason=idle')
        self.assertEqual(send(self.client, 'GET', '/', API_HEADERS).status_code, 302)

    def test_the_page_load_after_a_status_read_ended_the_session_learns_why(self):
        self.clock.advance(10_000)
        self.assertEqual(body_of(status(self.client))['reason'], 'idle')
        self.assertEqual(session_key(self.client), self.key, 'the browser kept the cookie')
        response = send(self.client, 'GET', '/', PAGE_HEADERS)
        self.assertEqual((response.status_code, response['Location']), (302, '/login?reason=idle'))
        api = send(self.client, 'GET', '/', API_HEADERS)
        self.assertEqual(api['Location'], '/login', 'API requests are only anonymous')
        stranger = Client()
        stranger.cookies['sessionid'] = 'no-such-session-0123456789abcdef'
        self.assertEqual(send(stranger, 'GET', '/', PAGE_HEADERS)['Location'], '/login')

    def test_the_absolute_lifetime_ends_an_active_session(self):
        for _ in range(5):
            self.clock.advance(5000)
            send(self.client, 'GET', '/', PAGE_HEADERS)
        self.clock.advance(5000)
        with ended_sessions() as ended:
            response = send(self.client, 'GET', '/', API_HEADERS)
        self.assertEqual(body_of(response)['reason'], 'absolute')
        self.assertEqual(ended, [('demo', 'absolute')])
        self.assert_destroyed('absolute')

    def test_idle_is_checked_before_absolute(self):
        self.clock.advance(31_000)
        self.assertEqual(body_of(send(self.client, 'GET', '/', API_HEADERS))['reason'], 'idle')

    def test_a_passive_request_of_an_expired_session_sets_no_cookie(self):
        self.clock.advance(10_000)
        response = send(self.client, 'GET', '/api/server-time', API_HEADERS)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(list(response.cookies), [])
        self.assert_destroyed('idle')


class AnonymousTests(TestCase):
    def test_anonymous_callers_never_get_a_session_or_a_record(self):
        client = Client()
        requests = [
            ('GET', '/', PAGE_HEADERS),
            ('GET', '/', API_HEADERS),
            ('GET', '/session-security', API_HEADERS),
            ('HEAD', '/session-security', API_HEADERS),
            ('GET', '/session_security/ping/?idleFor=0', API_HEADERS),
        ]
        for method, path, headers in requests:
            with self.subTest(method=method, path=path):
                response = send(client, method, path, headers)
                self.assertLess(response.status_code, 500)
                self.assertEqual(list(response.cookies), [])
        self.assertEqual(Session.objects.count(), 0)
        self.assertEqual(ActivityRecord.objects.count(), 0)

    def test_a_stale_session_cookie_gets_no_set_cookie_from_the_resource(self):
        client = Client()
        client.cookies['sessionid'] = 'no-such-session-0123456789abcdef'
        response = status(client)
        self.assertEqual(body_of(response)['reason'], 'no-session')
        self.assertEqual(list(response.cookies), [])

    def test_a_refused_delete_sets_no_cookie_whatever_the_cookie(self):
        client = Client()
        client.cookies['sessionid'] = 'x'  # too short to be a session key
        headers = {**LOGOUT_HEADERS, 'sec-fetch-site': 'cross-site'}
        response = send(client, 'DELETE', '/session-security', headers)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(list(response.cookies), [])
