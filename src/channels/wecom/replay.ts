// Replay protection for signed callbacks: a timestamp window, and memory of requests
// (by signature) and message ids already accepted. A repeat of an accepted request is
// answered "ok" without reaching ingest — WeCom itself re-sends callbacks, and a captured
// request replayed by someone else must not do anything either. Durable dedupe by msgid
// stays the core's job; this only keeps repeats cheap and out of the database.

export const TIMESTAMP_WINDOW_S = 300;

export class TtlSet {
  private readonly items = new Map<string, number>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  has(key: string): boolean {
    const exp = this.items.get(key);
    if (exp === undefined) return false;
    if (exp <= this.now()) {
      this.items.delete(key);
      return false;
    }
    return true;
  }

  add(key: string): void {
    const t = this.now();
    this.items.delete(key);
    this.items.set(key, t + this.ttlMs);
    // Map keeps insertion order: the oldest entries are evicted first.
    for (const [k, exp] of this.items) {
      if (this.items.size <= this.max && exp > t) break;
      this.items.delete(k);
    }
  }
}

/** True when the callback's timestamp (seconds) is within ±window of now. */
export function isFresh(timestamp: string, nowMs: number, windowS: number = TIMESTAMP_WINDOW_S): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= windowS;
}
