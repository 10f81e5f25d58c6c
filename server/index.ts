/**
 * `session-security/fastify`: the reference Fastify plugin (default export and
 * `sessionSecurity`), its options, the request state it attaches, and the activity stores.
 * Everything else under server/ is internal and may change in any release.
 */
import { sessionSecurity } from './plugin.js';

export {
  type ClearSiteDataType,
  hasSessionUser,
  type SessionEnd,
  type SessionSecurityOptions,
} from './options.js';
export type { PassiveRoute } from './passive-routes.js';
export type {
  SessionSecurityRequestState,
  SessionSecurityRouteConfig,
} from './request-state.js';
export type {
  ActivityStore,
  AdvanceOptions,
  EndedReason,
  EndOptions,
  StartOptions,
  StoredActivity,
  StoreWriteOptions,
} from './stores/activity-store.js';
export {
  type MemoryActivityStore,
  type MemoryActivityStoreOptions,
  memoryActivityStore,
} from './stores/memory-activity-store.js';
export {
  type RedisActivityStoreOptions,
  type RedisCommandClient,
  redisActivityStore,
} from './stores/redis-activity-store.js';
export { sessionSecurity };
export default sessionSecurity;
