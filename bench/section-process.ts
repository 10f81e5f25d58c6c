// One bench section in its own process, started by bench/run.ts with fork():
// `section-process.js <name> [--quick]`. It answers `{ ok: true, result }` or
// `{ ok: false, reason }` over IPC and exits. A crash or hang here ends only this section.
//
// BENCH_FAIL_SECTION=<name>[:throw|:crash|:hang] makes that section fail on purpose, to prove
// that the others still run and that `npm run bench` exits non-zero: `throw` (the default)
// rejects, `crash` exits the process without answering, `hang` never finishes (the parent's
// timeout stops it).
import { SECTION_NAMES, SECTIONS, type SectionName, type SectionResult } from './sections.js';

/** What the child tells the parent. */
export type SectionMessage =
  | { readonly ok: true; readonly result: SectionResult }
  | { readonly ok: false; readonly reason: string };

function forcedFailure(name: SectionName): 'throw' | 'crash' | 'hang' | null {
  const setting = process.env.BENCH_FAIL_SECTION;
  if (!setting) return null;
  const [section, mode = 'throw'] = setting.split(':');
  if (section !== name) return null;
  if (mode !== 'throw' && mode !== 'crash' && mode !== 'hang') {
    throw new Error(`BENCH_FAIL_SECTION mode must be throw, crash or hang, got ${mode}`);
  }
  return mode;
}

async function runSection(name: SectionName, quick: boolean): Promise<SectionResult> {
  const forced = forcedFailure(name);
  if (forced === 'throw') throw new Error(`forced failure (BENCH_FAIL_SECTION=${name})`);
  if (forced === 'crash') process.exit(70);
  if (forced === 'hang') await new Promise(() => setInterval(() => {}, 60_000));
  return SECTIONS[name].run(quick);
}

function send(message: SectionMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('section-process.js must be started by run.js (fork, with IPC)'));
      return;
    }
    // Sets (status codes seen) become arrays: IPC uses JSON-like serialization.
    const plain = JSON.parse(
      JSON.stringify(message, (_key, value: unknown) =>
        value instanceof Set ? [...value] : value,
      ),
    ) as SectionMessage;
    process.send(plain, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

const name = process.argv[2] as SectionName;
if (!(SECTION_NAMES as readonly string[]).includes(name)) {
  throw new Error(
    `section-process.js: unknown section ${name}; known: ${SECTION_NAMES.join(', ')}`,
  );
}
const quick = process.argv.includes('--quick');
try {
  await send({ ok: true, result: await runSection(name, quick) });
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  await send({ ok: false, reason: reason ?? 'unknown error' });
}
// Whatever a measurement left open (a server socket, a timer) must not keep the section alive.
process.exit(0);
