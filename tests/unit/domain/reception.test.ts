import { describe, expect, it } from "vitest";
import {
  describeReceptionSchedule,
  nextReceptionDay,
  parseReceptionSchedule,
  receptionDaysBetween,
  receptionScheduleSchema,
} from "../../../src/domain/reception.ts";

const TZ = "Asia/Shanghai";
const at = (local: string) => new Date(`${local}:00+08:00`);
const day = (d: Date | null) => d?.toISOString().slice(0, 10);
const monthly10 = receptionScheduleSchema.parse({ kind: "monthly", day: 10, time: "09:00-11:30", place: "村委会二楼" });
const tuesdays = receptionScheduleSchema.parse({ kind: "weekly", weekday: 2, time: "14:30-17:00", place: "联络站", deputyIds: [1, 2] });

describe("reception schedules (选民接待日)", () => {
  it("describes a schedule in one line", () => {
    expect(describeReceptionSchedule(monthly10)).toBe("每月10日 09:00-11:30，村委会二楼");
    expect(describeReceptionSchedule(tuesdays)).toBe("每周二 14:30-17:00，联络站");
  });

  it("fills defaults and rejects bad input with Chinese reasons", () => {
    expect(monthly10.holidayRule).toBe("next-workday");
    expect(monthly10.deputyIds).toEqual([]);
    const bad = receptionScheduleSchema.safeParse({ kind: "monthly", day: 32, time: "11:00-09:00", place: "" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(" ");
    expect(messages).toMatch(/1–31/);
    expect(messages).toMatch(/结束时间应晚于开始时间/);
    expect(messages).toMatch(/接待地点/);
    expect(receptionScheduleSchema.safeParse({ kind: "daily", time: "09:00-10:00", place: "x" }).success).toBe(false);
    expect(parseReceptionSchedule({ kind: "monthly", day: 10, time: "09:00-11:30" })).toBeNull(); // demo data without a place
  });

  it("finds the next reception day from a date, today included", () => {
    expect(day(nextReceptionDay(monthly10, at("2026-12-02T10:00"), TZ))).toBe("2026-12-10");
    expect(day(nextReceptionDay(monthly10, at("2026-12-10T23:00"), TZ))).toBe("2026-12-10");
    expect(day(nextReceptionDay(monthly10, at("2026-12-11T00:30"), TZ))).toBe("2027-01-11"); // Jan 10 2027 is a Sunday
    expect(day(nextReceptionDay(tuesdays, at("2026-12-02T10:00"), TZ))).toBe("2026-12-08");
    // The local date counts, not UTC: 00:30 in Beijing on Tuesday is still Monday in UTC.
    expect(day(nextReceptionDay(tuesdays, at("2026-12-08T00:30"), TZ))).toBe("2026-12-08");
  });

  it("moves a day off a public holiday to the next working day, unless kept", () => {
    const first = receptionScheduleSchema.parse({ kind: "monthly", day: 1, time: "09:00-11:00", place: "x" });
    expect(day(nextReceptionDay(first, at("2026-09-15T09:00"), TZ))).toBe("2026-10-08"); // 国庆 Oct 1–7
    expect(day(nextReceptionDay({ ...first, holidayRule: "keep" }, at("2026-09-15T09:00"), TZ))).toBe("2026-10-01");
    // Tuesday Oct 6 is a holiday: moved to Thursday Oct 8; the Saturday 10/10 调休 working day is not a Tuesday.
    expect(day(nextReceptionDay(tuesdays, at("2026-10-03T09:00"), TZ))).toBe("2026-10-08");
    // A moved day that lands in the next month still counts there.
    expect(receptionDaysBetween(first, "2026-10-01", "2026-11-01")).toEqual(["2026-10-08"]);
    expect(receptionDaysBetween(tuesdays, "2026-11-01", "2026-12-01")).toEqual(["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"]);
  });

  it("uses the last day of a short month for the 31st", () => {
    const last = receptionScheduleSchema.parse({ kind: "monthly", day: 31, time: "09:00-11:00", place: "x", holidayRule: "keep" });
    expect(day(nextReceptionDay(last, at("2026-11-02T09:00"), TZ))).toBe("2026-11-30");
  });
});
