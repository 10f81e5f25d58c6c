// A benchmark application in its own process, so that the server and the load generator each
// get a core. Started by throughput.ts with the variant as argument; reports its port over IPC.
import { BENCH_APP_VARIANTS, createBenchApp } from './app.js';

const variant = BENCH_APP_VARIANTS.find((known) => known === process.argv[2]);
if (variant === undefined) {
  throw new Error(
    `serve.js: variant must be one of ${BENCH_APP_VARIANTS.join(', ')}, got ${process.argv[2]}`,
  );
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
