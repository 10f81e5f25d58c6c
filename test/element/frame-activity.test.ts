// `track-frames`: input in same-origin iframes counts when enabled and never when disabled;
// cross-origin frames are never touched; frames added later and frames that navigate are
// followed; disconnecting removes every listener. Real iframes in Chromium, real timers.
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { expect } from '@open-wc/testing';
import { ActivityController } from '../../components/session-security/controllers/activity-controller.js';
import { trackFrames } from '../../components/session-security/controllers/frame-activity.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { nextTask, waitUntil } from '../support/ticks.js';

class Host implements ReactiveControllerHost {
  addController(_controller: ReactiveController): void {}
  removeController(): void {}
  requestUpdate(): void {}
  readonly updateComplete = Promise.resolve(true);
}

/** An iframe whose document is `html` (srcdoc: same-origin unless sandboxed), loaded. */
async function frame(html: string, sandbox?: string): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  if (sandbox !== undefined) iframe.setAttribute('sandbox', sandbox);
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.srcdoc = html;
  document.body.append(iframe);
  await loaded;
  return iframe;
}

/** A key press inside a same-origin frame's document. */
function keyIn(iframe: HTMLIFrameElement): void {
  const body = iframe.contentDocument?.body;
  if (!body) throw new Error('not a same-origin frame');
  body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'a' }));
}

/** A few real tasks: enough for a dynamic import already loaded, a load event, an observer. */
async function tasks(count = 20): Promise<void> {
  for (let i = 0; i < count; i += 1) await nextTask();
}

describe('track-frames (ActivityController with frames)', () => {
  let recorded: number[];
  let framesOn: boolean;
  let controller: ActivityController;

  beforeEach(async () => {
    recorded = [];
    framesOn = true;
    controller = new ActivityController(new Host(), {
      events: () => 'keydown pointerdown',
      intentionalOnly: () => false,
      frames: () => framesOn,
      nowMs: () => Date.now(),
      onActivity: (atMs) => recorded.push(atMs),
    });
  });

  afterEach(() => {
    controller.hostDisconnected();
    for (const iframe of document.querySelectorAll('iframe')) iframe.remove();
  });

  it('counts a key in a same-origin frame when enabled', async () => {
    const iframe = await frame('<p>editor</p>');
    controller.hostConnected();
    await tasks();
    keyIn(iframe);
    await waitUntil(() => recorded.length === 1, 'the frame key is recorded');
  });

  it('never counts it when disabled', async () => {
    framesOn = false;
    const iframe = await frame('<p>editor</p>');
    controller.hostConnected();
    await tasks();
    keyIn(iframe);
    await tasks();
    expect(recorded).to.deep.equal([]);
  });

  it('never touches a cross-origin frame: its input does not count, nothing throws', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      // A sandboxed frame without allow-same-origin has an opaque origin: cross-origin.
      const iframe = await frame(
        `<script>addEventListener('message', () => document.body.dispatchEvent(
          new KeyboardEvent('keydown', { bubbles: true, key: 'a' })));
          parent.postMessage('ready', '*');</script>`,
        'allow-scripts',
      );
      expect(iframe.contentDocument, 'cross-origin').to.equal(null);
      controller.hostConnected();
      await tasks();
      iframe.contentWindow?.postMessage('press', '*');
      await tasks(40);
      expect(recorded).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('follows frames added later', async () => {
    controller.hostConnected();
    await tasks();
    const iframe = await frame('<p>added later</p>');
    await tasks();
    keyIn(iframe);
    await waitUntil(() => recorded.length === 1, 'the new frame key is recorded');
  });

  it('follows a frame that navigates to another same-origin document', async () => {
    const iframe = await frame('<p>first</p>');
    controller.hostConnected();
    await tasks();
    const loaded = new Promise((resolve) =>
      iframe.addEventListener('load', resolve, { once: true }),
    );
    iframe.srcdoc = '<p>second</p>';
    await loaded;
    await tasks();
    expect(iframe.contentDocument?.body.textContent).to.equal('second');
    keyIn(iframe);
    await waitUntil(() => recorded.length === 1, 'the navigated frame key is recorded');
  });

  it('removes every frame listener on disconnect', async () => {
    const iframe = await frame('<p>editor</p>');
    controller.hostConnected();
    await tasks();
    controller.hostDisconnected();
    await tasks();
    keyIn(iframe);
    await tasks();
    expect(recorded).to.deep.equal([]);
  });
});

describe('trackFrames()', () => {
  it('leaves a frame removed from the page and undoes twice without harm', async () => {
    const recorded: number[] = [];
    const iframe = await frame('<p>editor</p>');
    const undo = trackFrames(
      {
        events: () => 'keydown',
        intentionalOnly: () => false,
        frames: () => true,
        nowMs: () => Date.now(),
        onActivity: (atMs: number) => recorded.push(atMs),
      },
      ActivityController,
    );
    const document = iframe.contentDocument as Document;
    iframe.remove();
    await tasks();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
    expect(recorded).to.deep.equal([]);
    undo();
    undo();
  });
});
