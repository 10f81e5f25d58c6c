import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { type CrossTabChannel, openCrossTabChannel } from '../core/cross-tab-channel.js';
import type { LeaderElection } from '../core/election.js';
import { createLeaderElection } from '../core/leader-election.js';
import { SessionMachine } from '../core/session-machine.js';
import type { SessionMachineListener, WakeReason } from '../core/session-types.js';
import type { Transport } from '../core/transport.js';
import { watchInputs } from './host-inputs.js';

/** What the controller needs to build a session machine, read at each (re)start. */
export interface SessionSyncOptions {
  nowMs(): number;
  transport(): Transport;
  channelName(): string;
  fallbackTimeouts(): { warnAfterSeconds: number; expireAfterSeconds: number };
  /** The host's values the machine is built from: when one changes, it starts over. */
  inputs(): readonly unknown[];
  listener: SessionMachineListener;
}

/**
 * Owns the session machine, its cross-tab channel and its leader election for as long as the
 * host is connected; tears all of them down when it disconnects, and starts over when the
 * host's inputs change. The host talks to the session through it (nothing while disconnected).
 */
export class SessionSyncController implements ReactiveController {
  #options: SessionSyncOptions;
  #inputsChanged: () => boolean;
  #machine: SessionMachine | null = null;
  #transport: Transport | null = null;
  #channel: CrossTabChannel | null = null;
  #election: LeaderElection | null = null;

  constructor(host: ReactiveControllerHost, options: SessionSyncOptions) {
    this.#options = options;
    this.#inputsChanged = watchInputs(options.inputs);
    host.addController(this);
  }

  hostConnected(): void {
    const { nowMs, listener } = this.#options;
    const name = this.#options.channelName();
    const transport = this.#options.transport();
    const channel = openCrossTabChannel(name);
    const machine = new SessionMachine({
      nowMs,
      transport,
      channel,
      listener,
      ...this.#options.fallbackTimeouts(),
    });
    const election = createLeaderElection(name);
    this.#machine = machine;
    this.#transport = transport;
    this.#channel = channel;
    this.#election = election;
    machine.start();
    election.start((leader) => machine.setLeader(leader));
  }

  hostUpdate(): void {
    if (this.#inputsChanged() && this.#machine) {
      this.hostDisconnected();
      this.hostConnected();
    }
  }

  hostDisconnected(): void {
    this.#machine?.stop();
    this.#election?.stop();
    this.#channel?.close();
    this.#machine = null;
    this.#transport = null;
    this.#channel = null;
    this.#election = null;
  }

  /** User activity in this tab at `atMs`. */
  recordActivity(atMs: number): void {
    this.#machine?.recordActivity(atMs);
  }

  /** The page woke up: check the deadlines again. */
  wake(reason: WakeReason): void {
    this.#machine?.wake(reason);
  }

  /** "Stay signed in"; resolves with whether the session is active. */
  async extend(): Promise<boolean> {
    return (await this.#machine?.extend()) ?? false;
  }

  /** Ends the session on the server and in every tab. */
  async logout(): Promise<void> {
    await this.#machine?.logout();
  }

  /** The server's half of a logout only (the session already ended here). */
  async logoutOnServer(): Promise<void> {
    await this.#transport?.logout();
  }
}
