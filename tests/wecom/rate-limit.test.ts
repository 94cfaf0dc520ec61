import { describe, expect, it } from "vitest";
import { LONG_CONNECTION_WINDOWS, WEBHOOK_WINDOWS } from "../../src/channels/wecom/budgets.ts";
import { SlidingWindowLimiter } from "../../src/domain/sliding-window.ts";

describe("WeCom send budgets", () => {
  it("allows 20 webhook messages a minute, then says how long to wait", () => {
    let t = 1_000_000;
    const rl = new SlidingWindowLimiter(WEBHOOK_WINDOWS, () => t);
    for (let i = 0; i < 20; i++) {
      expect(rl.wait("k")).toBe(0);
      rl.record("k");
      t += 1000;
    }
    const wait = rl.wait("k");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(41_000); // the first send (t0) leaves the window at t0+60 s
    expect(rl.wait("other")).toBe(0); // budgets are per key
    t += wait;
    expect(rl.wait("k")).toBe(0);
  });

  it("enforces 30/min and 1,000/h per chat on the long connection", () => {
    let t = 0;
    const rl = new SlidingWindowLimiter(LONG_CONNECTION_WINDOWS, () => t);
    const times: number[] = [];
    // Send as fast as allowed: 30 a minute until the hourly budget of 1,000 is used up.
    while (times.length < 1000) {
      const wait = rl.wait("chat");
      if (wait === 0) {
        rl.record("chat");
        times.push(t);
        t += 100;
      } else t += wait;
    }
    for (let i = 30; i < times.length; i++) expect(times[i] - times[i - 30]).toBeGreaterThanOrEqual(60_000);
    // The 1,001st must wait until the first send of the hour leaves the window.
    const wait = rl.wait("chat");
    expect(t + wait).toBeGreaterThanOrEqual(times[0] + 3_600_000);
    expect(wait).toBeGreaterThan(60_000);
  });

  it("a refused check costs nothing and block() pauses a key", () => {
    let t = 0;
    const rl = new SlidingWindowLimiter(WEBHOOK_WINDOWS, () => t);
    rl.block("k", 5_000);
    expect(rl.wait("k")).toBe(5_000);
    t = 5_000;
    expect(rl.wait("k")).toBe(0);
  });
});
