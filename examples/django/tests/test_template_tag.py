"""{% session_security_element %}: the element for signed-in users, nothing for others."""

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory, SimpleTestCase, override_settings

from session_security_v1.conf import Timeouts
from session_security_v1.middleware import RequestState


class SignedIn:
    is_authenticated = True


def render(source, user, timeouts=None, **context):
    request = RequestFactory().get('/')
    request.user = user
    if timeouts is not None:
        request.session_security = RequestState(False, None, timeouts)
    context['request'] = request
    return Template('{% load session_security_v1 %}' + source).render(Context(context))


@override_settings(
    SESSION_SECURITY_WARN_AFTER=540,
    SESSION_SECURITY_EXPIRE_AFTER=600,
    SESSION_SECURITY_SCRIPT_URL='/assets/session-security.js',
)
class TemplateTagTests(SimpleTestCase):
    def test_it_renders_the_script_and_the_element_with_the_settings(self):
        html = render('{% session_security_element redirect_url="/login?reason={reason}" %}', SignedIn())
        self.assertHTMLEqual(
            html,
            '<script type="module" src="/assets/session-security.js"></script>'
            '<session-security endpoint="/session-security" warn-after="540" expire-after="600" '
            'redirect-url="/login?reason={reason}"></session-security>',
        )

    def test_the_timeouts_of_the_request_s_session_win(self):
        html = render('{% session_security_element %}', SignedIn(), Timeouts(55.5, 70))
        self.assertIn('warn-after="55.5" expire-after="70"', html)

    def test_anonymous_visitors_get_nothing(self):
        self.assertEqual(render('{% session_security_element %}', AnonymousUser()), '')

    def test_values_are_escaped(self):
        html = render(
            '{% session_security_element hide_on_expire=selector %}',
            SignedIn(),
            selector='main" onclick="x',
        )
        self.assertIn('hide-on-expire="main&quot; onclick=&quot;x"', html)

    def test_unknown_options_are_refused(self):
        with self.assertRaisesMessage(TemplateSyntaxError, 'unknown option(s) redirect'):
            render('{% session_security_element redirect="/x" %}', SignedIn())
