/**
 * The few Mocha globals the browser tests use (web-test-runner runs Mocha). Declared here instead
 * of adding @types/mocha, whose globals would clash with vitest's in the same tsconfig.
 */
interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}
type MochaFn = (this: MochaContext) => void | Promise<void>;
declare function describe(title: string, fn: (this: MochaContext) => void): void;
declare const it: ((title: string, fn: MochaFn) => void) & {
  only(title: string, fn: MochaFn): void;
  skip(title: string, fn: MochaFn): void;
};
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
