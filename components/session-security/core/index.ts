export * from './cross-tab-channel.js';
export * from './deadlines.js';
export * from './fetch-transport.js';
export * from './leader-election.js';
export * from './session-machine.js';
export * from './tab-messages.js';
export * from './transport.js';
export * from './wake-up-timer.js';
