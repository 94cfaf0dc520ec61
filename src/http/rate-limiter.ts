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

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(): void {
    const cutoff = this.now() - this.rule.windowMs;
    for (const [k, v] of this.hits) if (!v.some((t) => t > cutoff)) this.hits.delete(k);
  }
}
