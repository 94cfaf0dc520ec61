// Sliding-window rate limits kept in memory (one process; a restart forgets, which is acceptable for
// every user: platform send budgets, console sign-in, the public 代表码 form). The clock is injected so
// callers choose real or simulated time and tests choose theirs.

export interface Window {
  limit: number;
  windowMs: number;
}

/** Above this many keys, each new slot also drops the keys that hold nothing any more. */
const SWEEP_ABOVE_KEYS = 50_000;

export class SlidingWindowLimiter {
  private readonly stamps = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly longestMs: number;

  /** Every window applies to every key: a slot is free only when all of them have room. */
  constructor(
    private readonly windows: readonly Window[],
    private readonly now: () => number,
  ) {
    this.longestMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Milliseconds until `n` slots of `key` are free (0: now), without taking them. */
  wait(key: string, n = 1): number {
    const t = this.now();
    let wait = Math.max(0, (this.blockedUntil.get(key) ?? 0) - t);
    const times = this.prune(key, t);
    for (const w of this.windows) {
      if (n > w.limit) throw new RangeError(`${n} slots never fit a window of ${w.limit}`);
      const inWindow = times.filter((s) => s > t - w.windowMs);
      if (inWindow.length + n > w.limit) {
        // The stamp that must leave the window before n more fit.
        const leaving = inWindow[inWindow.length + n - w.limit - 1]!;
        wait = Math.max(wait, 1, leaving + w.windowMs - t);
      }
    }
    return wait;
  }

  /** Takes `n` slots at once or none: 0 when taken, else milliseconds until they would be free. */
  take(key: string, n = 1): number {
    const wait = this.wait(key, n);
    if (wait === 0) this.record(key, n);
    return wait;
  }

  /** Counts `n` slots that were used without asking first (e.g. a send that has just gone out). */
  record(key: string, n = 1): void {
    const t = this.now();
    const times = this.prune(key, t);
    for (let i = 0; i < n; i++) times.push(t);
    this.stamps.set(key, times);
    if (this.stamps.size > SWEEP_ABOVE_KEYS) this.sweep(t);
  }

  /** The other side said "too many": no slot for this key for `ms`. */
  block(key: string, ms: number): void {
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, this.now() + ms));
  }

  /** Gives back the latest slot taken (an attempt that turned out not to count). */
  untake(key: string): void {
    this.stamps.get(key)?.pop();
  }

  /** Forgets everything about `key`. */
  reset(key: string): void {
    this.stamps.delete(key);
    this.blockedUntil.delete(key);
  }

  /** The key's stamps still inside the longest window; drops what has expired. */
  private prune(key: string, t: number): number[] {
    const times = (this.stamps.get(key) ?? []).filter((s) => s > t - this.longestMs);
    if (times.length === 0) this.stamps.delete(key);
    else this.stamps.set(key, times);
    const until = this.blockedUntil.get(key);
    if (until !== undefined && until <= t) this.blockedUntil.delete(key);
    return times;
  }

  private sweep(t: number): void {
    for (const key of this.stamps.keys()) this.prune(key, t);
    for (const [key, until] of this.blockedUntil) if (until <= t) this.blockedUntil.delete(key);
  }
}
