import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { type CrossTabChannel, openCrossTabChannel } from '../core/cross-tab-channel.js';
import type { LeaderElection } from '../core/election.js';
import { createLeaderElection } from '../core/leader-election.js';
import { SessionMachine } from '../core/session-machine.js';
import type { SessionMachineListener } from '../core/session-types.js';
import type { Transport } from '../core/transport.js';

/** What the controller needs to build a session machine, read at each (re)start. */
export interface SessionSyncOptions {
  nowMs(): number;
  transport(): Transport;
  channelName(): string;
  fallbackTimeouts(): { warnAfterSeconds: number; expireAfterSeconds: number };
  listener: SessionMachineListener;
}

/**
 * Owns the session machine, its cross-tab channel and its leader election for as long as the
 * host is connected; tears all of them down when it disconnects.
 */
export class SessionSyncController implements ReactiveController {
  machine: SessionMachine | null = null;
  transport: Transport | null = null;
  #channel: CrossTabChannel | null = null;
  #election: LeaderElection | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: SessionSyncOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { nowMs, listener } = this.options;
    const name = this.options.channelName();
    const transport = this.options.transport();
    const channel = openCrossTabChannel(name);
    const machine = new SessionMachine({
      nowMs,
      transport,
      channel,
      listener,
      ...this.options.fallbackTimeouts(),
    });
    const election = createLeaderElection(name);
    this.machine = machine;
    this.transport = transport;
    this.#channel = channel;
    this.#election = election;
    machine.start();
    election.start((leader) => machine.setLeader(leader));
  }

  hostDisconnected(): void {
    this.machine?.stop();
    this.#election?.stop();
    this.#channel?.close();
    this.machine = null;
    this.transport = null;
    this.#channel = null;
    this.#election = null;
  }

  /** Starts over with the host's current configuration (while connected). */
  restart(): void {
    if (!this.machine) return;
    this.hostDisconnected();
    this.hostConnected();
  }
}
