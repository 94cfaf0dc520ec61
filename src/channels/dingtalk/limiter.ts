// Sliding-window budgets kept in memory: we refuse early (the outbox retries later) rather than
// let the platform throttle us, which for custom robots means ten minutes of silence.

export interface Budget {
  limit: number;
  windowMs: number;
}

export const BUDGETS = {
  /** 20 QPS per app per OpenAPI: https://open.dingtalk.com/document/orgapp/invocation-frequency-limit */
  api: { limit: 20, windowMs: 1_000 },
  /** 20 messages a minute per custom robot: https://open.dingtalk.com/document/orgapp/custom-robot-access */
  customRobot: { limit: 20, windowMs: 60_000 },
} satisfies Record<string, Budget>;

export class Limiter {
  private readonly stamps = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Takes n slots of `key` at once, or none: returns 0 when granted, else ms until they would be free. */
  take(key: string, budget: Budget, n = 1): number {
    const now = this.now();
    const recent = (this.stamps.get(key) ?? []).filter((t) => now - t < budget.windowMs);
    if (n > budget.limit) n = budget.limit; // a long message still goes out, one window at a time
    if (recent.length + n > budget.limit) {
      this.stamps.set(key, recent);
      const oldestNeeded = recent[recent.length + n - budget.limit - 1]!;
      return Math.max(1, oldestNeeded + budget.windowMs - now);
    }
    for (let i = 0; i < n; i++) recent.push(now);
    this.stamps.set(key, recent);
    if (this.stamps.size > 10_000) this.prune(now, budget.windowMs);
    return 0;
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, list] of this.stamps) if (list.every((t) => now - t >= windowMs)) this.stamps.delete(key);
  }
}
