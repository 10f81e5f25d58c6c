/** Lets pending promise callbacks run (fake timers do not hold microtasks back). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}

/** Waits for one real task (MessageChannel), e.g. for BroadcastChannel or Web Locks delivery. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });
}

/** Waits real tasks until `condition()` holds, failing after `maxTasks`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  maxTasks = 200,
): Promise<void> {
  for (let i = 0; i < maxTasks; i += 1) {
    if (condition()) return;
    await nextTask();
  }
  throw new Error(`timed out waiting until ${what}`);
}
