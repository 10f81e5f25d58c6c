import { parseStatus, type SessionStatus } from '../../../protocol/index.js';

/** Largest accepted cross-tab message, in characters of its JSON form. */
export const MAX_TAB_MESSAGE_CHARS = 1024;

/**
 * What tabs tell each other. Nothing secret: moments on this machine's clock and the server's
 * status answers (durations only). A message only changes what the receiving tab shows and when
 * it wakes up; it never sends a request by itself.
 */
export type TabMessage =
  /** User activity (or a page load) in another tab at `atMs`. */
  | { readonly v: 1; readonly type: 'activity'; readonly atMs: number }
  /** A server answer another tab received, for a request sent at `sentAtMs`. */
  | {
      readonly v: 1;
      readonly type: 'status';
      readonly sentAtMs: number;
      readonly status: SessionStatus;
    };

const allowedKeys: Readonly<Record<TabMessage['type'], readonly string[]>> = {
  activity: ['v', 'type', 'atMs', 'n'],
  status: ['v', 'type', 'sentAtMs', 'status', 'n'],
};

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Validates untrusted cross-tab data (a structured-clone value, or JSON text from storage).
 * Anything not exactly a known message of a known type is dropped (null).
 */
export function parseTabMessage(data: unknown): TabMessage | null {
  let value = data;
  try {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (typeof text !== 'string' || text.length > MAX_TAB_MESSAGE_CHARS) return null;
    if (typeof data === 'string') value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || (record.type !== 'activity' && record.type !== 'status')) return null;
  const keys = allowedKeys[record.type];
  if (Object.keys(record).some((key) => !keys.includes(key))) return null;
  if (record.type === 'activity') {
    return isTime(record.atMs) ? { v: 1, type: 'activity', atMs: record.atMs } : null;
  }
  const status = parseStatus(record.status);
  if (!isTime(record.sentAtMs) || !status.ok) return null;
  return { v: 1, type: 'status', sentAtMs: record.sentAtMs, status: status.value };
}
