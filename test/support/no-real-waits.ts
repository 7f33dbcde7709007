/**
 * Unit and GraphQL tests never wait for real time: a real timer of 20 ms or more that fires while a test runs
 * fails that test, which should inject a clock or use jest's fake timers instead. Timers that are cleared (a
 * deadline never reached) cost nothing and pass; jest's fake timers replace this wrapper while they are on.
 */
const REAL_SET_TIMEOUT = globalThis.setTimeout;
const LIMIT_MS = 20;
let waited: number[] = [];

globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
  REAL_SET_TIMEOUT(
    (...callbackArgs: unknown[]) => {
      if ((ms ?? 0) >= LIMIT_MS) waited.push(ms ?? 0);
      callback(...callbackArgs);
    },
    ms,
    ...args,
  )) as typeof setTimeout;

beforeEach(() => {
  waited = [];
});

afterEach(() => {
  const longest = Math.max(0, ...waited);
  waited = [];
  if (longest > 0) {
    throw new Error(
      `the test waited on a real ${longest} ms timer: inject a clock or use jest's fake timers`,
    );
  }
});
