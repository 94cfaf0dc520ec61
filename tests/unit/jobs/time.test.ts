import { describe, expect, it } from "vitest";
import { isoWeek, nextFiring, previousFiring, zonedInstant } from "../../../src/domain/wall-clock.ts";

const TZ = "Asia/Shanghai";

describe("job clock arithmetic in BOT_TIMEZONE", () => {
  it("turns local wall-clock times into instants", () => {
    expect(zonedInstant("2026-11-30", 9, 0, TZ).toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(zonedInstant("2026-11-30", 0, 0, TZ).toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(zonedInstant("2026-03-08", 9, 0, "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z"); // after the DST change
  });

  it("names ISO weeks", () => {
    expect(isoWeek("2026-11-23")).toBe("2026-W48");
    expect(isoWeek("2026-11-29")).toBe("2026-W48");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2026-01-01")).toBe("2026-W01");
  });

  it("finds the previous and next firing of a cron expression", () => {
    const mon9 = "0 9 * * 1";
    expect(previousFiring(mon9, new Date("2026-11-30T01:00:00Z"), TZ)?.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(previousFiring(mon9, new Date("2026-11-30T00:59:00Z"), TZ)?.toISOString()).toBe("2026-11-23T01:00:00.000Z");
    expect(previousFiring(mon9, new Date("2026-12-02T05:00:00Z"), TZ)?.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(nextFiring(mon9, new Date("2026-11-30T01:00:00Z"), TZ)?.toISOString()).toBe("2026-12-07T01:00:00.000Z");
    expect(nextFiring("0 9 1 * *", new Date("2026-12-02T05:00:00Z"), TZ)?.toISOString()).toBe("2027-01-01T01:00:00.000Z");
    expect(previousFiring("30 9 * * 1-5", new Date("2026-12-06T05:00:00Z"), TZ)?.toISOString()).toBe("2026-12-04T01:30:00.000Z");
  });
});
