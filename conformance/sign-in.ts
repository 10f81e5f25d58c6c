/** Signing in through the server's login form, the way a browser does. */
import { CookieJar } from './cookie-jar.js';
import { fail } from './expect.js';
import type { Exchange, HttpClient } from './http-client.js';
import type { SignInMethod } from './options.js';

/**
 * Loads the login form (its cookies and hidden inputs carry CSRF tokens), posts it with the
 * username and password, and answers the session's cookie jar and the login answer. Fails the
 * check when the form answers an error or sets no cookie.
 */
export async function signInWithForm(
  client: HttpClient,
  signIn: Extract<SignInMethod, { kind: 'login-form' }>,
): Promise<{ jar: CookieJar; login: Exchange }> {
  const jar = new CookieJar();
  const form = await client.send('GET', signIn.loginPath, {
    headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' },
    jar,
  });
  const body = new URLSearchParams(hiddenInputs(form.response.body));
  body.set('username', signIn.username);
  body.set('password', signIn.password);
  const login = await client.send('POST', signIn.loginPath, {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html,*/*;q=0.8',
      origin: client.origin,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'navigate',
      referer: client.url(signIn.loginPath).href,
    },
    body: body.toString(),
    jar,
  });
  if (login.response.status >= 400) fail('sign-in failed: the login form answered an error', login);
  if (jar.isEmpty()) fail('sign-in set no cookie', login);
  return { jar, login };
}

/**
 * Name/value pairs of the hidden inputs of an HTML page: the CSRF tokens of login forms
 * (`csrfmiddlewaretoken`, `authenticity_token`, `_csrf`, ...). A plain scan, not an HTML parser.
 */
export function hiddenInputs(html: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\btype\s*=\s*["']?hidden\b/i.test(input)) continue;
    const name = /\bname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(input);
    const value = /\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(input);
    const nameText = name?.[1] ?? name?.[2] ?? name?.[3];
    if (nameText)
      pairs.push([
        decodeEntities(nameText),
        decodeEntities(value?.[1] ?? value?.[2] ?? value?.[3] ?? ''),
      ]);
  }
  return pairs;
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
