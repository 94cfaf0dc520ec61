// Working days under the national holiday calendar with its 调休 make-up days.
// We read chinese-days' published JSON rather than call its functions: its
// date parsing depends on the process time zone and answers wrongly west of
// UTC (off by a day in America/Los_Angeles), and the data alone tells us which
// years it has the State Council calendar for.
import calendarData from "chinese-days/dist/chinese-days.json" with { type: "json" };

/** A calendar date, "YYYY-MM-DD". */
export type DateString = string;

export interface DayOverride {
  date: DateString;
  isWorkday: boolean;
  note?: string;
}

const { holidays, workdays } = calendarData as { holidays: Record<string, string>; workdays: Record<string, string> };
const COVERED_YEARS = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, independent of the process TZ. */
export function localDate(instant: Date, timeZone: string): DateString {
  const f = formatters.get(timeZone) ?? new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  formatters.set(timeZone, f);
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days since the epoch; throws on anything that is not a real YYYY-MM-DD date. */
function toDay(d: DateString): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || fromDay(ms / DAY_MS) !== d) throw new RangeError(`不是有效日期（应为 YYYY-MM-DD）：${d}`);
  return ms / DAY_MS;
}

function fromDay(day: number): DateString {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export class WorkCalendar {
  private readonly overrides = new Map<DateString, boolean>();
  private readonly onUncoveredYear?: (year: number) => void;
  private readonly reportedYears = new Set<number>();

  constructor(opts: { overrides?: DayOverride[]; onUncoveredYear?: (year: number) => void } = {}) {
    for (const o of opts.overrides ?? []) {
      toDay(o.date); // reject a malformed staff entry now, not at lookup time
      this.overrides.set(o.date, o.isWorkday);
    }
    this.onUncoveredYear = opts.onUncoveredYear;
  }

  /** Whether chinese-days has the official calendar for this year. */
  isCovered(year: number): boolean {
    return COVERED_YEARS.has(year);
  }

  isWorkday(d: DateString): boolean {
    const day = toDay(d);
    const override = this.overrides.get(d);
    if (override !== undefined) return override;
    const year = Number(d.slice(0, 4));
    if (this.isCovered(year)) {
      if (d in workdays) return true;
      if (d in holidays) return false;
    } else if (!this.reportedYears.has(year)) {
      this.reportedYears.add(year);
      this.onUncoveredYear?.(year);
    }
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  }

  /** The n-th working day after start (start itself never counts); n = 0 gives start. */
  addWorkingDays(start: DateString, n: number): DateString {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数：${n}`);
    let day = toDay(start);
    for (let left = n; left > 0;) {
      day += 1;
      if (this.isWorkday(fromDay(day))) left -= 1;
    }
    return fromDay(day);
  }

  /** The number of working days d with from < d <= to; 0 when to <= from. */
  workingDaysBetween(from: DateString, to: DateString): number {
    const end = toDay(to);
    let count = 0;
    for (let day = toDay(from) + 1; day <= end; day += 1) {
      if (this.isWorkday(fromDay(day))) count += 1;
    }
    return count;
  }

  /** d itself when it is a working day, otherwise the next working day. */
  nextWorkday(d: DateString): DateString {
    let day = toDay(d);
    while (!this.isWorkday(fromDay(day))) day += 1;
    return fromDay(day);
  }
}
