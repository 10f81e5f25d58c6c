import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { BENCH_ROUTES, createBenchApp } from '../server/app.js';

/** Pages of the browser benchmarks. */
export const PAGE_ROUTES = {
  /** A page with `<session-security>` and its bundle. */
  withElement: '/with-element',
  /** The page with the bundle loaded (the element defined) but no element in it. */
  bundleOnly: '/bundle-only',
  /** The bundle, as `npm run build` wrote it. */
  bundle: '/session-security.js',
} as const;

const DIST_URL = new URL('../../../dist/', import.meta.url);

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><main><h1>${title}</h1><p>Some text, a <button type="button">button</button> and a <input aria-label="field">.</p>${body}</main></body>
</html>`;
}

/** The pages, the bundle and its language chunks. */
function addPages(instance: FastifyInstance): void {
  const bundleScript = `<script type="module" src="${PAGE_ROUTES.bundle}"></script>`;
  const pages: [path: string, title: string, head: string, body: string][] = [
    [
      PAGE_ROUTES.withElement,
      'With the element',
      bundleScript,
      '<session-security></session-security>',
    ],
    [PAGE_ROUTES.bundleOnly, 'The element defined, none on the page', bundleScript, ''],
  ];
  for (const [path, title, head, body] of pages) {
    instance.get(path, async (_request, reply) =>
      reply.type('text/html').send(page(title, head, body)),
    );
  }
  instance.get(PAGE_ROUTES.bundle, async (_request, reply) =>
    reply
      .type('text/javascript')
      .send(await readFile(new URL('session-security.js', DIST_URL), 'utf8')),
  );
  instance.get<{ Params: { name: string } }>('/locales/:name', async (request, reply) => {
    if (!/^[A-Za-z-]+\.js$/.test(request.params.name)) return reply.code(404).send();
    const source = await readFile(new URL(`locales/${request.params.name}`, DIST_URL), 'utf8');
    return reply.type('text/javascript').send(source);
  });
}

/** Options of {@link startPageServer}. */
export interface PageServerOptions {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** The server's clock (move it with the browser's). Default `Date.now`. */
  readonly nowMs?: () => number;
}

/** A running page server; counts the requests of the protocol resource. */
export interface PageServer {
  readonly origin: string;
  readonly app: FastifyInstance;
  /** Requests of the protocol resource since the last reset, by method. */
  readonly resourceRequests: Map<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

/**
 * The benchmark application with the plugin, plus two pages (with the element, and with only its
 * bundle) and the element's bundle from dist/. Listens on 127.0.0.1, port chosen by the system.
 */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const resourceRequests = new Map<string, number>();
  const app = await createBenchApp({
    variant: 'session-security',
    timeouts: {
      warnAfterSeconds: options.warnAfterSeconds,
      expireAfterSeconds: options.expireAfterSeconds,
    },
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    beforeRoutes: (instance) => {
      instance.addHook('onRequest', async (request) => {
        if (request.url.split('?', 1)[0] !== BENCH_ROUTES.protocolStatus) return;
        resourceRequests.set(request.method, (resourceRequests.get(request.method) ?? 0) + 1);
      });
      addPages(instance);
    },
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    app,
    resourceRequests,
    resetCounts: () => resourceRequests.clear(),
    close: () => app.close(),
  };
}
