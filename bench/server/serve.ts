// A benchmark application in its own process, so that the server and the load generator each
// get a core. Started by throughput.ts with the variant as argument; reports its port over IPC.
import { type BenchAppVariant, createBenchApp } from './app.js';

const variant = process.argv[2] as BenchAppVariant | undefined;
if (variant !== 'session-only' && variant !== 'session-security') {
  throw new Error(`serve.js: variant must be session-only or session-security, got ${variant}`);
}
if (!process.send) throw new Error('serve.js must be started with an IPC channel (fork)');

const app = await createBenchApp({ variant });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
process.send({ port: address.port });
// The parent asks for the CPU time used so far, to divide by the requests of a run: a figure
// that other processes on the machine disturb much less than requests per second.
process.on('message', (message) => {
  if (message === 'cpu') {
    const usage = process.cpuUsage();
    process.send?.({ cpuMicros: usage.user + usage.system });
  }
});
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
