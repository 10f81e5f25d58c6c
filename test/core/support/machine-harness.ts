import type { CrossTabChannel } from '../../../components/session-security/core/cross-tab-channel.js';
import { SessionMachine } from '../../../components/session-security/core/session-machine.js';
import type {
  ChangeSource,
  SessionSnapshot,
} from '../../../components/session-security/core/session-types.js';
import type { Timeouts } from '../../../protocol/index.js';
import { FakeServer } from '../../support/fake-server.js';
import { flushMicrotasks } from '../../support/ticks.js';

/** A session machine on Date.now (fake it with sinon), with everything it reports recorded. */
export class MachineHarness {
  readonly changes: Array<{ snapshot: SessionSnapshot; source: ChangeSource }> = [];
  readonly errors: Array<{ error: Error; retryInMs: number | null }> = [];
  readonly machine: SessionMachine;

  constructor(
    readonly server: FakeServer,
    channel: CrossTabChannel | null = null,
    {
      leader = true,
      warnAfterSeconds = 540,
      expireAfterSeconds = 600,
      monotonicMs = undefined as (() => number) | undefined,
    } = {},
  ) {
    this.machine = new SessionMachine({
      nowMs: () => Date.now(),
      // The fake clock: real time passing between two readings must not look like a step back.
      monotonicMs: monotonicMs ?? (() => Date.now()),
      transport: server,
      channel,
      warnAfterSeconds,
      expireAfterSeconds,
      listener: {
        changed: (snapshot, _previous, source) => this.changes.push({ snapshot, source }),
        failed: (error, retryInMs) => this.errors.push({ error, retryInMs }),
      },
    });
    this.machine.setLeader(leader);
  }

  static server(timeouts?: Timeouts): FakeServer {
    return new FakeServer(() => Date.now(), timeouts);
  }

  async start(): Promise<this> {
    this.machine.start();
    await flushMicrotasks();
    return this;
  }

  get state(): string {
    return this.machine.snapshot.state;
  }

  /** Every state this machine went through, in order, without repeats. */
  get states(): string[] {
    return this.changes
      .map((change) => change.snapshot.state)
      .filter((state, index, all) => state !== all[index - 1]);
  }
}
