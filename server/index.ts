import { sessionSecurity } from './plugin.js';

export type { ActivityStore, EndedReason, StoredActivity } from './activity-store.js';
export {
  type MemoryActivityStore,
  type MemoryActivityStoreOptions,
  memoryActivityStore,
} from './memory-activity-store.js';
export { hasSessionUser, type SessionSecurityOptions } from './options.js';
export type { PassiveRoute } from './passive-routes.js';
export {
  type RedisActivityStoreOptions,
  type RedisCommandClient,
  redisActivityStore,
} from './redis-activity-store.js';
export type {
  SessionSecurityRequestState,
  SessionSecurityRouteConfig,
} from './request-state.js';
export { STARTED_MARKER_KEY } from './session-access.js';
export { ACTIVITY_WRITE_GRANULARITY_MS, TOMBSTONE_TTL_MS } from './session-guard.js';
export { sessionSecurity };
export default sessionSecurity;
