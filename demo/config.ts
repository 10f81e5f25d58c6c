import { validateTimeouts } from 'session-security/protocol';

/** Everything the demo reads from its environment, validated. */
export interface DemoConfig {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** Lifetime counted from sign-in; null when there is none. */
  readonly absoluteTimeoutSeconds: number | null;
  /** Redis connection URL; null selects the in-memory session store. */
  readonly redisUrl: string | null;
  /** Secret that signs session cookies; null selects the built-in demo secret. */
  readonly sessionSecret: string | null;
}

/** Demo timings: short enough to watch the warning within a minute. */
export const DEFAULT_WARN_AFTER_SECONDS = 30;
export const DEFAULT_EXPIRE_AFTER_SECONDS = 60;
export const DEFAULT_PORT = 3000;

/** @fastify/session refuses shorter secrets. */
const MIN_SECRET_LENGTH = 32;

/** Thrown for a bad environment; the message names the variable and what is wrong with it. */
export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

function readSeconds(
  env: NodeJS.ProcessEnv,
  name: string,
  fallbackSeconds: number | null,
): number | null {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallbackSeconds;
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: accept plain decimals only.
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    throw new DemoConfigError(`${name} must be a positive number of seconds, got '${text}'`);
  }
  const seconds = Number(text);
  if (!(seconds > 0)) {
    throw new DemoConfigError(`${name} must be greater than 0 seconds, got '${text}'`);
  }
  return seconds;
}

function readPort(env: NodeJS.ProcessEnv): number {
  const text = env.PORT;
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || port > 65_535) {
    throw new DemoConfigError(`PORT must be an integer from 0 to 65535, got '${text}'`);
  }
  return port;
}

function readRedisUrl(env: NodeJS.ProcessEnv): string | null {
  const text = env.REDIS_URL;
  if (text === undefined || text.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DemoConfigError(`REDIS_URL must be a URL like redis://127.0.0.1:6379, got '${text}'`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new DemoConfigError(`REDIS_URL must start with redis:// or rediss://, got '${text}'`);
  }
  return text;
}

function readSecret(env: NodeJS.ProcessEnv): string | null {
  const text = env.SESSION_SECRET;
  if (text === undefined || text === '') return null;
  if (text.length < MIN_SECRET_LENGTH) {
    throw new DemoConfigError(
      `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${text.length}`,
    );
  }
  return text;
}

/**
 * Reads the demo's configuration from environment variables (timings in seconds):
 * PORT, SESSION_SECURITY_WARN_AFTER, SESSION_SECURITY_EXPIRE_AFTER,
 * SESSION_SECURITY_ABSOLUTE_TIMEOUT, REDIS_URL, SESSION_SECRET.
 * @throws DemoConfigError naming the variable when a value is invalid.
 */
export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const warnAfterSeconds = readSeconds(
    env,
    'SESSION_SECURITY_WARN_AFTER',
    DEFAULT_WARN_AFTER_SECONDS,
  ) as number;
  const expireAfterSeconds = readSeconds(
    env,
    'SESSION_SECURITY_EXPIRE_AFTER',
    DEFAULT_EXPIRE_AFTER_SECONDS,
  ) as number;
  const absoluteTimeoutSeconds = readSeconds(env, 'SESSION_SECURITY_ABSOLUTE_TIMEOUT', null);
  const checked = validateTimeouts({
    warnAfterSeconds,
    expireAfterSeconds,
    absoluteTimeoutSeconds,
  });
  if (!checked.ok) {
    const message = checked.error
      .replace('warnAfterSeconds', 'SESSION_SECURITY_WARN_AFTER')
      .replace('expireAfterSeconds', 'SESSION_SECURITY_EXPIRE_AFTER')
      .replace('absoluteTimeoutSeconds', 'SESSION_SECURITY_ABSOLUTE_TIMEOUT');
    throw new DemoConfigError(
      `${message} (warn ${warnAfterSeconds} s, expire ${expireAfterSeconds} s)`,
    );
  }
  return {
    port: readPort(env),
    warnAfterSeconds,
    expireAfterSeconds,
    absoluteTimeoutSeconds,
    redisUrl: readRedisUrl(env),
    sessionSecret: readSecret(env),
  };
}
