import { describe, expect, it } from "vitest";
import { backoffDelay, jitter } from "../../../src/domain/backoff.ts";
import { backoffMs } from "../../../src/outbox/backoff.ts";

describe("backoffDelay", () => {
  it("doubles from the base per attempt, caps at the maximum, and jitters over the upper half", () => {
    expect([1, 2, 3].map((a) => backoffDelay(a, 1_000, 60_000, () => 1))).toEqual([1_000, 2_000, 4_000]);
    expect(backoffDelay(40, 1_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(3, 1_000, 60_000, () => 0)).toBe(2_000);
    expect(jitter(10_000, () => 0.5)).toBe(7_500);
  });
  it("gives the outbox 2s, 4s, 8s … capped at 10 minutes", () => {
    expect([1, 2, 3, 30].map((a) => backoffMs(a, () => 1))).toEqual([2_000, 4_000, 8_000, 600_000]);
  });
});
