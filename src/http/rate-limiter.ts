import { takeSlot, type RateRule } from "../domain/code-abuse.ts";

/** In-memory sliding-window limiter per key (one process; a restart forgets, which is acceptable here).
 *  Used for console sign-in and the public 代表码 form. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly rule: RateRule, private readonly now: () => number = Date.now) {}

  /** Takes a slot; returns 0 when allowed, else the milliseconds to wait. */
  take(key: string): number {
    const r = takeSlot(this.hits.get(key) ?? [], this.now(), this.rule);
    this.hits.set(key, r.hits);
    if (this.hits.size > 50_000) this.prune();
    return r.retryAfterMs;
  }

  /** Milliseconds until `take` would be allowed (0: now), without taking a slot. */
  wait(key: string): number {
    const hits = this.hits.get(key);
    return hits ? takeSlot(hits, this.now(), this.rule).retryAfterMs : 0;
  }

  /** Gives back the latest slot taken (an attempt that turned out not to count). */
  untake(key: string): void {
    this.hits.get(key)?.pop();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(): void {
    const cutoff = this.now() - this.rule.windowMs;
    for (const [k, v] of this.hits) if (!v.some((t) => t > cutoff)) this.hits.delete(k);
  }
}
