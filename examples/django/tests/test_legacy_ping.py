"""django-session-security's ping answered from the v1 records, for the switch."""

from django.test import Client, TestCase, override_settings

from .support import API_HEADERS, ClockMixin, demo_user, record_of, send


def ping(client, query, headers=API_HEADERS):
    return send(client, 'GET', f'/session_security/ping/{query}', headers)


@override_settings(SESSION_SECURITY_WARN_AFTER=5, SESSION_SECURITY_EXPIRE_AFTER=10)
class LegacyPingTests(ClockMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(demo_user())

    def at(self, server_idle_ms, idle_for):
        """The answer to ?idleFor=idle_for when the server last saw activity server_idle_ms ago."""
        record = record_of(self.client)
        record.last_activity_ms = self.clock.now_ms - server_idle_ms
        record.save()
        response = ping(self.client, f'?idleFor={idle_for}')
        self.assertEqual(response['Cache-Control'], 'no-store')
        self.assertEqual(list(response.cookies), [])
        return response.json()

    def test_the_old_test_pairs_hold(self):
        self.assertEqual(self.at(1000, 4), 1)
        self.assertEqual(self.at(3000, 2), 2)
        self.assertEqual(self.at(5000, 5), 5)
        self.assertEqual(self.at(12_000, 14), 'logout')
        self.assertEqual(ping(self.client, '?idleFor=0').json(), 'logout', 'never revived')

    def test_whole_seconds_rounded_down_like_the_old_view(self):
        self.assertEqual(self.at(4999, 9), 4)

    def test_anonymous_callers_get_logout(self):
        self.assertEqual(ping(Client(), '?idleFor=0').json(), 'logout')

    def test_other_sites_cannot_move_activity(self):
        record_before = record_of(self.client).last_activity_ms
        self.clock.advance(3000)
        response = ping(self.client, '?idleFor=0', {**API_HEADERS, 'sec-fetch-site': 'cross-site'})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(record_of(self.client).last_activity_ms, record_before)

    def test_bad_idle_for_values_are_refused(self):
        for query in ('', '?idleFor=', '?idleFor=-1', '?idleFor=1.5', '?idleFor=x', '?idleFor=99999999'):
            with self.subTest(query=query):
                self.assertEqual(ping(self.client, query).status_code, 400)
