import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../../src/domain/sliding-window.ts";

function limiter(windows: { limit: number; windowMs: number }[]) {
  const clock = { t: 0 };
  return { clock, rl: new SlidingWindowLimiter(windows, () => clock.t) };
}

describe("SlidingWindowLimiter", () => {
  const rule = { limit: 2, windowMs: 1000 };

  it("allows up to the limit per window, then says how long to wait", () => {
    const { clock, rl } = limiter([rule]);
    for (const at of [0, 100]) {
      clock.t = at;
      expect(rl.take("k")).toBe(0);
    }
    clock.t = 500;
    expect(rl.take("k")).toBe(500);
    // The refused take held nothing: the slots are still those of 0 and 100.
    clock.t = 1001;
    expect(rl.wait("k")).toBe(0);
  });

  it("forgets hits older than the window", () => {
    const { clock, rl } = limiter([rule]);
    rl.take("k");
    clock.t = 100;
    rl.take("k");
    clock.t = 1001;
    expect(rl.take("k")).toBe(0);
    // Left in the window: 100 and 1001.
    expect(rl.wait("k")).toBe(99);
  });

  it("keys are independent and wait() takes nothing", () => {
    const { rl } = limiter([rule]);
    expect(rl.wait("k")).toBe(0);
    expect(rl.wait("k")).toBe(0);
    rl.take("k");
    rl.take("k");
    expect(rl.wait("k")).toBe(1000);
    expect(rl.take("other")).toBe(0);
  });

  it("takes n slots at once or none", () => {
    const { clock, rl } = limiter([{ limit: 5, windowMs: 1000 }]);
    expect(rl.take("k", 3)).toBe(0);
    clock.t = 200;
    expect(rl.take("k", 3)).toBe(800); // the three of t=0 must leave before three more fit
    expect(rl.take("k", 2)).toBe(0);
    expect(() => rl.take("k", 6)).toThrow(RangeError);
  });

  it("every window applies: a short burst limit and a longer total", () => {
    const { clock, rl } = limiter([
      { limit: 2, windowMs: 1000 },
      { limit: 3, windowMs: 10_000 },
    ]);
    rl.take("k");
    rl.take("k");
    clock.t = 1000;
    expect(rl.take("k")).toBe(0);
    clock.t = 2000;
    expect(rl.wait("k")).toBe(8000); // the first slot leaves the 10 s window at t=10 000
  });

  it("record() counts a slot used without asking, even past the limit", () => {
    const { rl } = limiter([rule]);
    rl.record("k");
    rl.record("k");
    rl.record("k");
    expect(rl.wait("k")).toBe(1000);
  });

  it("block() pauses a key until the time has passed", () => {
    const { clock, rl } = limiter([rule]);
    rl.block("k", 5000);
    rl.block("k", 1000); // a shorter block does not shorten a longer one
    expect(rl.wait("k")).toBe(5000);
    expect(rl.take("k")).toBe(5000);
    clock.t = 5000;
    expect(rl.take("k")).toBe(0);
  });

  it("untake() gives back the latest slot and reset() forgets the key", () => {
    const { clock, rl } = limiter([rule]);
    rl.take("k");
    clock.t = 100;
    rl.take("k");
    rl.untake("k");
    expect(rl.wait("k")).toBe(0);
    rl.take("k");
    rl.block("k", 60_000);
    rl.reset("k");
    expect(rl.wait("k")).toBe(0);
  });
});
