// Sliding-window send budgets. WeCom limits (docs 101463, 91770): 30 msgs/min and
// 1,000/h per chat on the long connection; 20/min per group webhook. A send asks first
// (check) and records only when it actually goes out (record), so a refused send costs
// nothing; when a budget is exhausted the caller returns {ok:false, retryAfterMs}.

export interface Window {
  limit: number;
  ms: number;
}

export const LONG_CONNECTION_WINDOWS: Window[] = [
  { limit: 30, ms: 60_000 },
  { limit: 1000, ms: 3_600_000 },
];
export const WEBHOOK_WINDOWS: Window[] = [{ limit: 20, ms: 60_000 }];

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly longest: number;

  constructor(
    private readonly windows: Window[],
    private readonly now: () => number,
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /** 0 when a message may go now, else how long to wait (ms). */
  check(key: string): number {
    const t = this.now();
    let wait = Math.max(0, (this.blockedUntil.get(key) ?? 0) - t);
    const times = this.prune(key, t);
    for (const w of this.windows) {
      const inWindow = times.filter((s) => s > t - w.ms);
      if (inWindow.length >= w.limit) {
        // The oldest send inside the window must leave it before one more fits.
        const oldest = inWindow[inWindow.length - w.limit];
        wait = Math.max(wait, oldest + w.ms - t + 1);
      }
    }
    return wait;
  }

  record(key: string): void {
    const t = this.now();
    const times = this.prune(key, t);
    times.push(t);
    this.sent.set(key, times);
  }

  /** The platform said "too many": stop sending to this key for a while. */
  block(key: string, ms: number): void {
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, this.now() + ms));
  }

  private prune(key: string, t: number): number[] {
    const times = (this.sent.get(key) ?? []).filter((s) => s > t - this.longest);
    if (times.length === 0) this.sent.delete(key);
    else this.sent.set(key, times);
    const until = this.blockedUntil.get(key);
    if (until !== undefined && until <= t) this.blockedUntil.delete(key);
    return times;
  }
}
