import { describe, expect, it, vi } from "vitest";
import { localDate, WorkCalendar } from "../../../src/domain/workdays.ts";

describe("localDate", () => {
  const instant = new Date("2025-09-30T16:30:00Z");

  it("gives the calendar date in the requested time zone", () => {
    expect(localDate(instant, "Asia/Shanghai")).toBe("2025-10-01");
    expect(localDate(instant, "UTC")).toBe("2025-09-30");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2025-09-30");
  });

  it("handles the first and last second of a Beijing day", () => {
    expect(localDate(new Date("2025-12-31T16:00:00Z"), "Asia/Shanghai")).toBe("2026-01-01");
    expect(localDate(new Date("2025-12-31T15:59:59Z"), "Asia/Shanghai")).toBe("2025-12-31");
  });

  it("rejects an unknown time zone", () => {
    expect(() => localDate(instant, "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("WorkCalendar: coverage", () => {
  const cal = new WorkCalendar();

  it("covers the years chinese-days publishes", () => {
    for (let y = 2004; y <= 2026; y++) expect(cal.isCovered(y)).toBe(true);
    expect(cal.isCovered(2003)).toBe(false);
    expect(cal.isCovered(2099)).toBe(false);
  });

  it("counts 248 working days in 2025, the official figure", () => {
    expect(cal.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(248);
  });
});

describe("WorkCalendar: 国庆 2025 (Oct 1–8 off, Sep 28 and Oct 11 make-up days)", () => {
  const cal = new WorkCalendar();

  it("knows the holiday and the make-up working days", () => {
    for (let d = 1; d <= 8; d++) expect(cal.isWorkday(`2025-10-0${d}`)).toBe(false);
    expect(cal.isWorkday("2025-09-28")).toBe(true); // Sunday
    expect(cal.isWorkday("2025-10-11")).toBe(true); // Saturday
    expect(cal.isWorkday("2025-09-27")).toBe(false); // ordinary Saturday
    expect(cal.isWorkday("2025-10-09")).toBe(true);
  });

  it("sets a 13-working-day deadline for an opinion received on 2025-09-26", () => {
    // 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13–17, 10/20, 10/21
    expect(cal.addWorkingDays("2025-09-26", 13)).toBe("2025-10-21");
    expect(cal.workingDaysBetween("2025-09-26", "2025-10-21")).toBe(13);
  });

  it("counts the make-up Sunday as the first working day after the Friday", () => {
    expect(cal.addWorkingDays("2025-09-26", 1)).toBe("2025-09-28");
    expect(cal.addWorkingDays("2025-09-30", 1)).toBe("2025-10-09");
  });

  it("finds the next working day from inside the holiday", () => {
    expect(cal.nextWorkday("2025-10-01")).toBe("2025-10-09");
    expect(cal.nextWorkday("2025-10-09")).toBe("2025-10-09");
    expect(cal.nextWorkday("2025-09-27")).toBe("2025-09-28");
  });

  it("counts working days across the holiday", () => {
    expect(cal.workingDaysBetween("2025-09-30", "2025-10-08")).toBe(0);
    expect(cal.workingDaysBetween("2025-09-30", "2025-10-10")).toBe(2);
  });
});

describe("WorkCalendar: 春节 2026 (Feb 15–23 off, Feb 14 and Feb 28 make-up days)", () => {
  const cal = new WorkCalendar();

  it("knows the Spring Festival break", () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`)).toBe(false);
    expect(cal.isWorkday("2026-02-14")).toBe(true); // Saturday
    expect(cal.isWorkday("2026-02-28")).toBe(true); // Saturday
    expect(cal.isWorkday("2026-02-24")).toBe(true);
  });

  it("jumps the break when adding working days", () => {
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-14");
    expect(cal.addWorkingDays("2026-02-14", 1)).toBe("2026-02-24");
    expect(cal.addWorkingDays("2026-02-12", 3)).toBe("2026-02-24");
    expect(cal.nextWorkday("2026-02-15")).toBe("2026-02-24");
  });

  it("counts working days over the break", () => {
    // 2/14, 2/24, 2/25, 2/26, 2/27, 2/28
    expect(cal.workingDaysBetween("2026-02-13", "2026-02-28")).toBe(6);
  });
});

describe("WorkCalendar: uncovered years fall back to Monday–Friday", () => {
  it("uses Mon–Fri and reports each uncovered year once", () => {
    const onUncoveredYear = vi.fn();
    const cal = new WorkCalendar({ onUncoveredYear });
    expect(cal.isWorkday("2099-01-01")).toBe(true); // Thursday; 元旦 unknown without the calendar
    expect(cal.isWorkday("2099-01-03")).toBe(false); // Saturday
    expect(cal.addWorkingDays("2099-01-01", 5)).toBe("2099-01-08");
    expect(onUncoveredYear).toHaveBeenCalledTimes(1);
    expect(onUncoveredYear).toHaveBeenCalledWith(2099);
    cal.isWorkday("2100-01-04");
    expect(onUncoveredYear).toHaveBeenCalledTimes(2);
    expect(onUncoveredYear).toHaveBeenLastCalledWith(2100);
  });

  it("reports the first unpublished year when a deadline runs into it", () => {
    const probe = new WorkCalendar();
    let next = 2026;
    while (probe.isCovered(next)) next++;
    const onUncoveredYear = vi.fn();
    const cal = new WorkCalendar({ onUncoveredYear });
    cal.addWorkingDays(`${next - 1}-12-20`, 13);
    expect(onUncoveredYear).toHaveBeenCalledExactlyOnceWith(next);
  });

  it("does not report a covered year", () => {
    const onUncoveredYear = vi.fn();
    new WorkCalendar({ onUncoveredYear }).addWorkingDays("2025-01-01", 200);
    expect(onUncoveredYear).not.toHaveBeenCalled();
  });

  it("works without a callback", () => {
    expect(new WorkCalendar().isWorkday("2099-01-05")).toBe(true);
  });
});

describe("WorkCalendar: staff overrides win over everything", () => {
  const onUncoveredYear = vi.fn();
  const cal = new WorkCalendar({
    onUncoveredYear,
    overrides: [
      { date: "2025-10-08", isWorkday: true, note: "镇里要求到岗" },
      { date: "2025-09-29", isWorkday: false, note: "本地停电放假" },
      { date: "2025-10-11", isWorkday: false },
      { date: "2099-01-01", isWorkday: false, note: "元旦" },
    ],
  });

  it("beats the national calendar both ways", () => {
    expect(cal.isWorkday("2025-10-08")).toBe(true);
    expect(cal.isWorkday("2025-09-29")).toBe(false);
    expect(cal.isWorkday("2025-10-11")).toBe(false);
  });

  it("moves deadlines accordingly", () => {
    // 9/28, 9/30, 10/8, 10/9, 10/10, 10/13
    expect(cal.addWorkingDays("2025-09-26", 6)).toBe("2025-10-13");
  });

  it("beats the Mon–Fri fallback without reporting the year", () => {
    expect(cal.isWorkday("2099-01-01")).toBe(false);
    expect(onUncoveredYear).not.toHaveBeenCalled();
  });

  it("rejects a malformed override", () => {
    expect(() => new WorkCalendar({ overrides: [{ date: "2025-13-01", isWorkday: true }] })).toThrow(RangeError);
  });
});

describe("WorkCalendar: arithmetic", () => {
  const cal = new WorkCalendar();

  it("returns start for n = 0, even on a holiday", () => {
    expect(cal.addWorkingDays("2025-10-01", 0)).toBe("2025-10-01");
  });

  it("never counts the start day", () => {
    expect(cal.addWorkingDays("2025-11-03", 1)).toBe("2025-11-04"); // Monday → Tuesday
    expect(cal.addWorkingDays("2025-11-07", 1)).toBe("2025-11-10"); // Friday → Monday
  });

  it("returns 0 between a date and itself or an earlier date", () => {
    expect(cal.workingDaysBetween("2025-11-03", "2025-11-03")).toBe(0);
    expect(cal.workingDaysBetween("2025-11-10", "2025-11-03")).toBe(0);
  });

  it("crosses month and year ends", () => {
    expect(cal.addWorkingDays("2025-12-31", 1)).toBe("2026-01-04"); // 元旦 Jan 1–3, then the make-up Sunday
    expect(cal.isWorkday("2026-01-04")).toBe(true);
    expect(cal.addWorkingDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("agrees with workingDaysBetween for every n", () => {
    for (const start of ["2025-09-26", "2026-02-10", "2025-12-25"]) {
      for (let n = 0; n <= 40; n++) {
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
      }
    }
  });

  it("rejects a bad n", () => {
    expect(() => cal.addWorkingDays("2025-11-03", -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2025-11-03", 1.5)).toThrow(RangeError);
  });

  it.each(["2025-02-30", "2025/10/01", "20251001", "2025-1-1", ""])("rejects the malformed date %j", (d) => {
    expect(() => cal.isWorkday(d)).toThrow(RangeError);
  });
});
