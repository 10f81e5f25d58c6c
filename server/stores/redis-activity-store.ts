import type { ActivityStore, EndedReason, StoredActivity } from './activity-store.js';

/**
 * The part of a `redis` (node-redis v4 to v6) client this store uses. A client created with
 * `createClient()` from the `redis` package satisfies it.
 */
export interface RedisCommandClient {
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
}

/** Options of {@link redisActivityStore}. */
export interface RedisActivityStoreOptions {
  /** A connected `redis` client (node-redis). Share it with connect-redis if you like. */
  readonly client: RedisCommandClient;
  /** Key prefix of the activity records. Default `session-security:`. */
  readonly prefix?: string;
  /**
   * Milliseconds after which a command that got no answer fails, measured by a timer of this
   * store from the moment the command is handed to the client (node-redis's own timeout stops
   * counting once the command is written, so a stalled Redis would hang requests). The request
   * then fails closed with 503. A command already written may still run when Redis comes back:
   * every script is safe to apply late (activity only moves forward, tombstones stay). Default
   * 2000.
   */
  readonly commandTimeoutMs?: number;
}

/** Settles like `answer`, or rejects after `timeoutMs` if it has not settled by then. */
function withinMs<T>(answer: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`session-security: Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

// Fields of the hash of one session: l = last activity, s = started at, e = ended reason.
const FIELDS = "'l', 's', 'e'";

const EXTEND_TTL = `
local function extend(key, ttl)
  if redis.call('PTTL', key) < tonumber(ttl) then redis.call('PEXPIRE', key, ttl) end
end
`;

const START_SCRIPT = `${EXTEND_TTL}
local v = redis.call('HMGET', KEYS[1], ${FIELDS})
if v[1] then return v end
redis.call('HSET', KEYS[1], 'l', ARGV[1], 's', ARGV[1])
extend(KEYS[1], ARGV[2])
return redis.call('HMGET', KEYS[1], ${FIELDS})
`;

const ADVANCE_SCRIPT = `${EXTEND_TTL}
local v = redis.call('HMGET', KEYS[1], ${FIELDS})
if not v[1] then return false end
if v[3] then return v end
local last = tonumber(v[1])
local candidate = tonumber(ARGV[1])
if candidate > last and candidate - last >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'l', ARGV[1])
  extend(KEYS[1], ARGV[3])
  v[1] = ARGV[1]
end
return v
`;

const END_SCRIPT = `${EXTEND_TTL}
local v = redis.call('HMGET', KEYS[1], ${FIELDS})
if v[3] then return 0 end
if not v[1] then redis.call('HSET', KEYS[1], 'l', ARGV[2], 's', ARGV[2]) end
redis.call('HSET', KEYS[1], 'e', ARGV[1])
extend(KEYS[1], ARGV[3])
return 1
`;

const ENDED_REASONS: readonly string[] = ['idle', 'absolute', 'logout'];

function toRecord(reply: unknown): StoredActivity | null {
  if (!Array.isArray(reply) || reply[0] == null) return null;
  const [last, started, ended] = reply as unknown[];
  const lastActivityMs = Number(last);
  const startedAtMs = Number(started);
  if (!Number.isFinite(lastActivityMs) || !Number.isFinite(startedAtMs)) {
    throw new Error('session-security: malformed activity record in Redis');
  }
  if (ended == null) return { lastActivityMs, startedAtMs };
  const endedReason = String(ended);
  if (!ENDED_REASONS.includes(endedReason)) {
    throw new Error('session-security: malformed activity record in Redis');
  }
  return { lastActivityMs, startedAtMs, endedReason: endedReason as EndedReason };
}

function milliseconds(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs)));
}

/** The options with their defaults, or a specific error. */
function checkedOptions(options: RedisActivityStoreOptions) {
  const { client } = options;
  if (typeof client?.sendCommand !== 'function') {
    throw new Error('session-security: redisActivityStore client must be a connected redis client');
  }
  const prefix: string = options.prefix ?? 'session-security:';
  if (typeof prefix !== 'string') {
    throw new Error('session-security: redisActivityStore prefix must be a string');
  }
  const commandTimeoutMs: number = options.commandTimeoutMs ?? 2000;
  if (!Number.isFinite(commandTimeoutMs) || commandTimeoutMs <= 0) {
    throw new Error(
      `session-security: redisActivityStore commandTimeoutMs must be a positive number, got ${String(commandTimeoutMs)}`,
    );
  }
  return { client, prefix, commandTimeoutMs };
}

/**
 * Activity records in Redis, shared by every instance of the application. Each operation is one
 * Lua script (atomic on the server), so concurrent requests on different instances never lose a
 * newer activity; every record carries a TTL, so ended sessions do not pile up.
 */
export function redisActivityStore(options: RedisActivityStoreOptions): ActivityStore {
  const { client, prefix, commandTimeoutMs } = checkedOptions(options);
  const send = (args: string[]) =>
    withinMs(client.sendCommand(args, { timeout: commandTimeoutMs }), commandTimeoutMs);
  const evalScript = (script: string, sessionId: string, ...args: string[]) =>
    send(['EVAL', script, '1', prefix + sessionId, ...args]);

  return {
    async get(sessionId) {
      return toRecord(await send(['HMGET', prefix + sessionId, 'l', 's', 'e']));
    },
    async start(sessionId, { nowMs, ttlMs }) {
      const record = toRecord(
        await evalScript(START_SCRIPT, sessionId, String(nowMs), milliseconds(ttlMs)),
      );
      if (!record) throw new Error('session-security: Redis did not create the activity record');
      return record;
    },
    async advance(sessionId, { lastActivityMs, minStepMs, ttlMs }) {
      return toRecord(
        await evalScript(
          ADVANCE_SCRIPT,
          sessionId,
          String(lastActivityMs),
          String(minStepMs),
          milliseconds(ttlMs),
        ),
      );
    },
    async end(sessionId, { reason, nowMs, ttlMs }) {
      const made = await evalScript(
        END_SCRIPT,
        sessionId,
        reason,
        String(nowMs),
        milliseconds(ttlMs),
      );
      return Number(made) === 1;
    },
  };
}
