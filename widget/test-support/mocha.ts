/**
 * Mocha's globals as @web/test-runner provides them, typed, so test files import them like any
 * other module instead of relying on ambient declarations.
 */
type Body = (this: { timeout(ms: number): void }) => unknown;
type Suite = (title: string, body: () => void) => void;
type Test = (title: string, body: Body) => void;

interface Mocha {
  describe: Suite;
  it: Test;
  before: (body: Body) => void;
  after: (body: Body) => void;
  beforeEach: (body: Body) => void;
  afterEach: (body: Body) => void;
}

const mocha = globalThis as unknown as Mocha;
export const describe: Suite = (title, body) => mocha.describe(title, body);
export const it: Test = (title, body) => mocha.it(title, body);
export const before = (body: Body): void => mocha.before(body);
export const after = (body: Body): void => mocha.after(body);
export const beforeEach = (body: Body): void => mocha.beforeEach(body);
export const afterEach = (body: Body): void => mocha.afterEach(body);
