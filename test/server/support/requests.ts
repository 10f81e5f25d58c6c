// Requests and a write-counting activity store shared by the enforcement tests.
import type { ActivityStore } from '../../../server/index.js';
import { memoryActivityStore } from '../../../server/index.js';
import { FETCH_HEADERS, PAGE_HEADERS, readStatus, type TestApp } from './app.js';

export async function idleSeconds(testApp: TestApp, cookie: string): Promise<number | string> {
  const body = (await readStatus(testApp, cookie)).json() as {
    state: string;
    idleSeconds?: number;
    reason?: string;
  };
  return body.state === 'active' ? (body.idleSeconds as number) : `expired:${body.reason}`;
}

export async function page(testApp: TestApp, cookie: string) {
  return testApp.app.inject({ method: 'GET', url: '/page', headers: { ...PAGE_HEADERS, cookie } });
}

export async function api(testApp: TestApp, cookie: string, url = '/api/data') {
  return testApp.app.inject({ method: 'GET', url, headers: { ...FETCH_HEADERS, cookie } });
}

/** Counts the writes an activity store receives. */
export function countingStore(inner: ActivityStore = memoryActivityStore()) {
  const counts = { advance: 0, start: 0, end: 0 };
  const store: ActivityStore = {
    get: (id) => inner.get(id),
    start: (...args) => {
      counts.start += 1;
      return inner.start(...args);
    },
    advance: (...args) => {
      counts.advance += 1;
      return inner.advance(...args);
    },
    end: (...args) => {
      counts.end += 1;
      return inner.end(...args);
    },
  };
  return { store, counts };
}
