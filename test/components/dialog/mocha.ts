/**
 * Typed handles on the globals web-test-runner's mocha provides (no @types/mocha here, and
 * declaring the globals would clash if someone adds it later).
 */
type TestBody = () => void | Promise<void>;

interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: TestBody): void;
  before(body: TestBody): void;
  after(body: TestBody): void;
  beforeEach(body: TestBody): void;
  afterEach(body: TestBody): void;
}

const mocha = globalThis as unknown as MochaGlobals;

export const describe = mocha.describe.bind(globalThis);
export const it = mocha.it.bind(globalThis);
export const before = mocha.before.bind(globalThis);
export const after = mocha.after.bind(globalThis);
export const beforeEach = mocha.beforeEach.bind(globalThis);
export const afterEach = mocha.afterEach.bind(globalThis);
