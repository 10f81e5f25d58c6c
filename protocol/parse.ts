import { MAX_DURATION_SECONDS, MAX_IDLE_SECONDS, PROTOCOL_VERSION } from './constants.js';
import {
  type ActivityReport,
  EXPIRY_REASONS,
  type ExpiryReason,
  type ParseResult,
  type Problem,
  type SessionStatus,
} from './types.js';

function fail<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return 'a string';
  return typeof value;
}

/** Checks that `value` is a finite number in [min, max]; returns an error message or null. */
export function checkDuration(
  name: string,
  value: unknown,
  { min = 0, max = MAX_DURATION_SECONDS, exclusiveMin = false } = {},
): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${name} must be a finite number, got ${describe(value)}`;
  }
  if (exclusiveMin ? value <= min : value < min) {
    return `${name} must be ${exclusiveMin ? 'greater than' : 'at least'} ${min}, got ${value}`;
  }
  if (value > max) return `${name} must be at most ${max}, got ${value}`;
  return null;
}

/** Parses JSON text without throwing. */
export function parseJson(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail(`invalid JSON: ${(error as Error).message}`);
  }
}

/**
 * Validates the body of an activity report. Unknown members are ignored (forward compatibility);
 * `idleSeconds` is required, finite, 0 <= idleSeconds <= MAX_IDLE_SECONDS.
 */
export function parseActivityReport(body: unknown): ParseResult<ActivityReport> {
  if (!isPlainObject(body)) return fail(`the body must be a JSON object, got ${describe(body)}`);
  if (!('idleSeconds' in body)) return fail('idleSeconds is required');
  const error = checkDuration('idleSeconds', body.idleSeconds, { max: MAX_IDLE_SECONDS });
  if (error) return fail(error);
  return { ok: true, value: { idleSeconds: body.idleSeconds as number } };
}

/**
 * Validates a status answer. Unknown members are ignored; members that belong to the other
 * state are ignored too. The result carries only the members this version defines.
 */
export function parseStatus(body: unknown): ParseResult<SessionStatus> {
  if (!isPlainObject(body)) return fail(`the status must be a JSON object, got ${describe(body)}`);
  if (body.version !== PROTOCOL_VERSION) {
    return fail(`version must be ${PROTOCOL_VERSION}, got ${describe(body.version)}`);
  }
  if (body.state === 'expired') {
    if (typeof body.reason !== 'string' || !EXPIRY_REASONS.includes(body.reason as ExpiryReason)) {
      return fail(`reason must be one of ${EXPIRY_REASONS.join(', ')}`);
    }
    return {
      ok: true,
      value: { version: 1, state: 'expired', reason: body.reason as ExpiryReason },
    };
  }
  if (body.state !== 'active') return fail('state must be "active" or "expired"');
  const errors = [
    checkDuration('idleSeconds', body.idleSeconds),
    checkDuration('warnAfterSeconds', body.warnAfterSeconds, { exclusiveMin: true }),
    checkDuration('expireAfterSeconds', body.expireAfterSeconds, { exclusiveMin: true }),
    'absoluteRemainingSeconds' in body
      ? checkDuration('absoluteRemainingSeconds', body.absoluteRemainingSeconds)
      : null,
  ].filter((e): e is string => e !== null);
  if (errors.length > 0) return fail(errors.join('; '));
  const warnAfterSeconds = body.warnAfterSeconds as number;
  const expireAfterSeconds = body.expireAfterSeconds as number;
  if (warnAfterSeconds >= expireAfterSeconds) {
    return fail('warnAfterSeconds must be less than expireAfterSeconds');
  }
  return {
    ok: true,
    value: {
      version: 1,
      state: 'active',
      idleSeconds: body.idleSeconds as number,
      warnAfterSeconds,
      expireAfterSeconds,
      ...('absoluteRemainingSeconds' in body
        ? { absoluteRemainingSeconds: body.absoluteRemainingSeconds as number }
        : {}),
    },
  };
}

/** Validates an RFC 9457 problem details object. */
export function parseProblem(body: unknown): ParseResult<Problem> {
  if (!isPlainObject(body)) return fail(`a problem must be a JSON object, got ${describe(body)}`);
  if (typeof body.type !== 'string') return fail('type must be a string');
  if (typeof body.title !== 'string') return fail('title must be a string');
  if (typeof body.status !== 'number' || !Number.isInteger(body.status)) {
    return fail('status must be an integer');
  }
  if (body.status < 400 || body.status > 599) return fail('status must be 400-599');
  if ('detail' in body && typeof body.detail !== 'string') return fail('detail must be a string');
  if (
    'reason' in body &&
    (typeof body.reason !== 'string' || !EXPIRY_REASONS.includes(body.reason as ExpiryReason))
  ) {
    return fail(`reason must be one of ${EXPIRY_REASONS.join(', ')}`);
  }
  return {
    ok: true,
    value: {
      type: body.type,
      title: body.title,
      status: body.status,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
      ...(typeof body.reason === 'string' ? { reason: body.reason as ExpiryReason } : {}),
    },
  };
}
