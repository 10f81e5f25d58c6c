// The demo's command-line entry: `npm start` (PORT, REDIS_URL, SESSION_SECRET and the
// SESSION_SECURITY_* timings come from the environment; see README "Demo").
import { DemoConfigError, readDemoConfig } from './config.js';

const HOST = '127.0.0.1';

async function main(): Promise<void> {
  const config = readDemoConfig(process.env);
  // Loaded after the configuration is checked, so a bad value fails at once.
  const { createDemoApp } = await import('./app.js');
  const app = await createDemoApp({
    warnAfterSeconds: config.warnAfterSeconds,
    expireAfterSeconds: config.expireAfterSeconds,
    absoluteTimeoutSeconds: config.absoluteTimeoutSeconds,
    redisUrl: config.redisUrl,
    sessionSecret: config.sessionSecret,
  });
  const address = await app.listen({ host: HOST, port: config.port });
  const absolute =
    config.absoluteTimeoutSeconds === null ? 'none' : `${config.absoluteTimeoutSeconds} s`;
  console.log(`session-security demo on ${address}/ (sign in as demo / demo)`);
  console.log(
    `warn after ${config.warnAfterSeconds} s idle, expire after ${config.expireAfterSeconds} s, ` +
      `absolute lifetime ${absolute}; sessions in ${config.redisUrl ? `Redis at ${new URL(config.redisUrl).host}` : 'memory'}`,
  );
  if (config.sessionSecret === null) {
    console.log(
      'using the built-in demo cookie secret: set SESSION_SECRET for anything but a demo',
    );
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof DemoConfigError) {
    console.error(`demo: ${error.message}`);
  } else {
    console.error('demo: failed to start:', error);
  }
  process.exit(1);
});
