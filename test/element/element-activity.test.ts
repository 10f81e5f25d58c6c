/**
 * What `<session-security>` counts as activity: keys anywhere, composed events from shadow
 * roots, `intentional-only`, `activity-events`, and `activity()` from code.
 */
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { mount } from './support/element-fixture.js';
import { T0, useFakeClock } from './support/fake-clock.js';

describe('<session-security>', () => {
  const fake = useFakeClock();
  const { at } = fake;

  it('counts key presses anywhere during the warning and reports them at once', async () => {
    const { el, server } = await mount();
    await at(6_000);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
    await flushMicrotasks();
    expect(server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 6_000,
      idleSeconds: 0,
    });
    expect(el.state).to.equal('active');
  });

  it('sees activity inside shadow roots (composed events)', async () => {
    const { el, server } = await mount();
    const host = document.createElement('div');
    const inner = document.createElement('button');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    await at(6_000);
    inner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await flushMicrotasks();
    host.remove();
    expect(server.requests.at(-1)?.method).to.equal('POST');
    expect(el.state).to.equal('active');
  });

  it('intentional-only ignores pointer moves but not clicks', async () => {
    const { el } = await mount({ 'intentional-only': '' });
    await at(6_000);
    window.dispatchEvent(new PointerEvent('pointermove'));
    await flushMicrotasks();
    expect(el.state).to.equal('warning');
    window.dispatchEvent(new PointerEvent('pointerdown'));
    await flushMicrotasks();
    expect(el.state).to.equal('active');
  });

  it('activity-events limits what counts', async () => {
    const { el } = await mount({ 'activity-events': 'keydown' });
    await at(6_000);
    window.dispatchEvent(new PointerEvent('pointerdown'));
    window.dispatchEvent(new WheelEvent('wheel'));
    await flushMicrotasks();
    expect(el.state).to.equal('warning');
    window.dispatchEvent(new KeyboardEvent('keydown'));
    await flushMicrotasks();
    expect(el.state).to.equal('active');
  });

  it('activity() from code is reported at the next check', async () => {
    const { el, server } = await mount();
    await at(2_000);
    el.activity();
    await at(6_000);
    expect(server.requests.find((r) => r.method === 'POST')).to.deep.equal({
      method: 'POST',
      atMs: T0 + 6_000,
      idleSeconds: 4,
    });
    expect(el.state).to.equal('active');
  });
});
