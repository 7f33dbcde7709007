/** Epoch milliseconds with sub-millisecond fractions; injected so tests move time by hand instead of waiting. */
export type Clock = () => number;

/** Wall-clock time as precise as PHP's microtime(true), which Bitrix24's time blocks come from. */
export const systemClock: Clock = () => performance.timeOrigin + performance.now();
