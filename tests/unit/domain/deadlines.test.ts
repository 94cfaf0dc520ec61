// The deadline rules with right answers counted by hand on the December 2026 calendar (no holidays):
// Mon 11-30, Tue 12-01 … Fri 12-04, Mon 12-07 … Fri 12-11, Mon 12-14 … Fri 12-18, Mon 12-21.
import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../../src/domain/workdays.ts";
import {
  closedOnTime,
  dispatchDeadline,
  extensionDeadline,
  isExpired,
  overdueDays,
  reopenDeadline,
  workingDate,
  type Clock,
} from "../../../src/domain/deadlines.ts";

const calendar = new WorkCalendar();
const clock = (due: string | null, extra: Partial<Clock> = {}): Clock => ({ due, target: null, lateDays: 0, ...extra });

describe("the station's clock", () => {
  it("a deadline of today is not yet passed", () => {
    expect(isExpired(clock("2026-12-07"), "2026-12-07")).toBe(false);
    expect(isExpired(clock("2026-12-07"), "2026-12-08")).toBe(true);
    expect(isExpired(clock(null), "2026-12-08")).toBe(false);
  });

  it("counts overdue working days past the deadline in force", () => {
    // Due Tue 12-01, today Mon 12-07: 12-02, 12-03, 12-04, 12-07.
    expect(overdueDays(clock("2026-12-01"), "2026-12-07", calendar)).toBe(4);
    expect(overdueDays(clock("2026-12-07"), "2026-12-07", calendar)).toBe(0);
    expect(overdueDays(clock(null), "2026-12-07", calendar)).toBe(0);
  });
});

describe("转办", () => {
  it("the first dispatch before expiry sets the deadline in force", () => {
    // Received with a default of Mon 12-21; dispatched on 12-07 with 5 working days → Mon 12-14.
    expect(dispatchDeadline(clock("2026-12-21"), { today: "2026-12-07", requested: "2026-12-14", redispatch: false })).toEqual({
      kind: "dispatch",
      due: "2026-12-14",
      target: null,
      lateDays: 0,
    });
    expect(dispatchDeadline(clock("2026-12-21"), { today: "2026-12-07", redispatch: false })).toMatchObject({ due: "2026-12-21" });
  });

  it("a first dispatch after expiry keeps the expired deadline and only sets a target", () => {
    expect(dispatchDeadline(clock("2026-12-04"), { today: "2026-12-07", requested: "2026-12-14", redispatch: false })).toEqual({
      kind: "dispatch",
      due: "2026-12-04",
      target: "2026-12-14",
      lateDays: 0,
    });
  });

  it("walk-through #7: 4 working days overdue, re-dispatched with 1 day, closed the next day, is not on time", () => {
    const before = clock("2026-12-01");
    const after = dispatchDeadline(before, { today: "2026-12-07", requested: "2026-12-08", redispatch: true });
    expect(after).toEqual({ kind: "redispatch", due: "2026-12-01", target: "2026-12-08", lateDays: 0 });
    expect(workingDate(after)).toBe("2026-12-08");
    expect(closedOnTime(after, "2026-12-08")).toBe(false);
    // 12-02, 12-03, 12-04, 12-07, 12-08.
    expect(overdueDays(after, "2026-12-08", calendar)).toBe(5);
  });

  it("a re-dispatch before expiry does not reset the clock, even with a longer limit", () => {
    const after = dispatchDeadline(clock("2026-12-10"), { today: "2026-12-08", requested: "2026-12-18", redispatch: true });
    expect(after).toEqual({ kind: "redispatch", due: "2026-12-10", target: null, lateDays: 0 });
    expect(closedOnTime(after, "2026-12-10")).toBe(true);
    expect(closedOnTime(after, "2026-12-11")).toBe(false);
  });
});

describe("延期", () => {
  it("requested before expiry: the deadline in force moves, counted from itself", () => {
    // Due Thu 12-10, asked on 12-09 for 3 working days: 12-11, 12-14, 12-15.
    const after = extensionDeadline(clock("2026-12-10"), { requestedOn: "2026-12-09", today: "2026-12-09", days: 3, calendar });
    expect(after).toEqual({ kind: "extension", due: "2026-12-15", target: null, lateDays: 0 });
    expect(closedOnTime(after, "2026-12-15")).toBe(true);
    expect(closedOnTime(after, "2026-12-16")).toBe(false);
    expect(overdueDays(after, "2026-12-16", calendar)).toBe(1);
  });

  it("requested on the last day and approved after it still counts", () => {
    // Due 12-10, asked on 12-10, approved on Mon 12-14 for 2 days: 12-11, 12-14.
    const after = extensionDeadline(clock("2026-12-10"), { requestedOn: "2026-12-10", today: "2026-12-14", days: 2, calendar });
    expect(after).toMatchObject({ kind: "extension", due: "2026-12-14" });
    expect(closedOnTime(after, "2026-12-14")).toBe(true);
  });

  it("walk-through #15: after expiry the deadline stays, the days only give a target from today", () => {
    // Due Tue 11-17, extended on Mon 12-07 by 10 working days: 12-08 … 12-11, 12-14 … 12-18, 12-21.
    const after = extensionDeadline(clock("2026-11-17"), { requestedOn: "2026-12-07", today: "2026-12-07", days: 10, calendar });
    expect(after).toEqual({ kind: "lateExtension", due: "2026-11-17", target: "2026-12-21", lateDays: 0 });
    expect(closedOnTime(after, "2026-12-21")).toBe(false);
    // 11-18 … 11-20 (3), 11-23 … 11-27 (5), 11-30 … 12-04 (5), 12-07 … 12-11 (5), 12-14 … 12-18 (5), 12-21 (1).
    expect(overdueDays(after, "2026-12-21", calendar)).toBe(24);
  });

  it("a matter without a deadline gets one from today", () => {
    expect(extensionDeadline(clock(null), { requestedOn: "2026-12-07", today: "2026-12-07", days: 1, calendar })).toMatchObject({
      kind: "extension",
      due: "2026-12-08",
    });
  });
});

describe("重新办理", () => {
  it("keeps the overdue days of the round that ended late", () => {
    // Due Fri 12-04, closed Tue 12-08 (12-07, 12-08 late), reopened on 12-09 with a new deadline.
    const after = reopenDeadline(clock("2026-12-04"), { endedOn: "2026-12-08", due: "2026-12-28", calendar });
    expect(after).toEqual({ kind: "reopen", due: "2026-12-28", target: null, lateDays: 2 });
    expect(closedOnTime(after, "2026-12-10")).toBe(false);
    expect(overdueDays(after, "2026-12-10", calendar)).toBe(2);
    // Late again in the new round: 2 + (12-29, 12-30).
    expect(overdueDays(after, "2026-12-30", calendar)).toBe(4);
  });

  it("a round closed in time leaves nothing behind", () => {
    const after = reopenDeadline(clock("2026-12-10"), { endedOn: "2026-12-08", due: "2026-12-28", calendar });
    expect(after.lateDays).toBe(0);
    expect(closedOnTime(after, "2026-12-28")).toBe(true);
  });
});
