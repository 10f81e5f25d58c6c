import type { CheckGroup } from '../check-group.js';
import { unanchored } from '../context.js';
import { parseSetCookie } from '../cookie-jar.js';
import { expectExpired, expectNoCookieSet, fail } from '../expect.js';
import { REPORT_ACCEPTED } from './setup.js';

/** Logout ends the session on the server: the old cookie is worth nothing afterwards. */
export const logoutChecks: CheckGroup = {
  name: 'logout',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: true,
  checks: [
    {
      name: 'protected-url-needs-session',
      description:
        'the --protected-url answers a signed-in API request with 2xx and an anonymous one without',
    },
    {
      name: 'logout',
      description:
        'DELETE answers expired logout and sets no session cookie (clearing it is allowed)',
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'logout-cookie-replay',
      description:
        'after logout the old cookie is anonymous: status, reports, a repeated DELETE and the protected URL',
      dependsOn: ['logout'],
    },
  ],
  async run(context, recorder) {
    const session = await context.newSession();
    const oldJar = session.jar.copy();
    const anonymous = await context.ordinaryRequest('api');
    await recorder.check('protected-url-needs-session', async () => {
      const signedIn = await context.ordinaryRequest('api', session.jar);
      if (signedIn.response.status < 200 || signedIn.response.status > 299) {
        fail('a signed-in request of --protected-url must answer 2xx', signedIn);
      }
      if (anonymous.response.status >= 200 && anonymous.response.status <= 299) {
        fail(
          'an anonymous request of --protected-url answered 2xx: give a URL that needs a session',
          anonymous,
        );
      }
    });
    await recorder.check('logout', async () => {
      const cookieNames = session.jar.names();
      const exchange = await context.logout(session);
      expectExpired(exchange, ['logout'], 'the session was signed in');
      // Clearing the cookie is a SHOULD; any other Set-Cookie here would hand out a session.
      for (const line of exchange.response.setCookies) {
        const cookie = parseSetCookie(line);
        if (cookie && !cookie.cleared && cookieNames.includes(cookie.name)) {
          fail(
            `a logout must not set the session cookie (${cookie.name}), only clear it`,
            exchange,
          );
        }
      }
    });
    await recorder.check('logout-cookie-replay', async () => {
      const read = await context.status(unanchored(oldJar));
      expectExpired(read, ['no-session', 'logout'], 'the session was logged out');
      expectNoCookieSet(read, 'a replayed cookie never gets a session');
      const report = await context.report(unanchored(oldJar.copy()), 0);
      expectExpired(report, ['no-session', 'logout'], 'a logged-out session is never revived');
      expectNoCookieSet(report, 'a replayed cookie never gets a session');
      const again = await context.logout(unanchored(oldJar.copy()));
      expectExpired(
        again,
        ['no-session', 'logout'],
        'a repeated DELETE answers no-session or the remembered reason (Section 2.3)',
      );
      expectNoCookieSet(again, 'a repeated DELETE creates nothing');
      const api = await context.ordinaryRequest('api', oldJar.copy());
      if (api.response.status !== anonymous.response.status && api.response.status !== 401) {
        fail(
          `expected HTTP 401 or ${anonymous.response.status} like an anonymous request, got ${api.response.status}`,
          api,
        );
      }
    });
  },
};
