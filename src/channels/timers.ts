// The timers and the monotonic clock the connection supervisors wait on, passed in so that tests can
// move time on themselves instead of sleeping.

/** What a holder of a timer may do besides clearing it: let the process exit while it is pending. */
export interface TimerHandle {
  unref(): unknown;
}

export interface Timers {
  /** Milliseconds of real elapsed time, never the app's (possibly simulated) clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout | undefined),
};
