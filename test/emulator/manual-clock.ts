/** 2026-11-27T07:00:00Z: a fixed, realistic instant, so time blocks can be asserted exactly. */
export const CLOCK_START_MS = Date.UTC(2026, 10, 27, 7, 0, 0);

export interface ManualClock {
  /** Pass as the emulator's `clock`. */
  now(): number;
  advance(ms: number): void;
}

/** Time that moves only when a test says so: no test waits for a real second. */
export function manualClock(startMs = CLOCK_START_MS): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
