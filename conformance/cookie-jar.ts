/** A minimal cookie jar for one origin: enough to carry a session cookie between requests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Applies `Set-Cookie` header values: stores new values, drops cleared or expired cookies. */
  absorb(setCookies: readonly string[], nowMs = Date.now()): void {
    for (const line of setCookies) {
      const cookie = parseSetCookie(line, nowMs);
      if (!cookie) continue;
      if (cookie.cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  isEmpty(): boolean {
    return this.cookies.size === 0;
  }

  /** The `Cookie` request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.set(name, value);
    return jar;
  }
}

/** One parsed `Set-Cookie` line; `cleared` when it deletes the cookie (empty, Max-Age<=0, past Expires). */
export interface ParsedSetCookie {
  readonly name: string;
  readonly value: string;
  readonly cleared: boolean;
}

export function parseSetCookie(line: string, nowMs = Date.now()): ParsedSetCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return null;
  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();
  let cleared = value === '' || value === '""';
  for (const attribute of attributes) {
    const [key = '', attributeValue = ''] = attribute.split('=').map((part) => part.trim());
    if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) cleared = true;
    if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= nowMs) cleared = true;
  }
  return { name, value, cleared };
}
