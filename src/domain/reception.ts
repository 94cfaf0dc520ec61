// 选民接待日: a station's fixed reception schedule (e.g. the 10th of every month, or every Tuesday),
// moved off public holidays by the national calendar unless the station keeps the date.
import { z } from "zod";
import { WorkCalendar, localDate, type DateString } from "./workdays.ts";

/** Indexed by ISO weekday (1 = Monday). */
export const WEEKDAY_NAMES = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"] as const;

const common = z.object({
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "时间应为 HH:MM-HH:MM，如 09:00-11:30")
    .refine((t) => t.slice(0, 5) < t.slice(6), "结束时间应晚于开始时间"),
  place: z.string().trim().min(1, "请填写接待地点").max(100, "接待地点不超过 100 字"),
  deputyIds: z.array(z.number().int().positive()).max(50).default([]),
  holidayRule: z.enum(["next-workday", "keep"], { message: "节假日规则应为 next-workday（顺延到下一个工作日）或 keep（照常）" }).default("next-workday"),
});

export const receptionScheduleSchema = z.intersection(
  z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("monthly"), day: z.number().int().min(1, "日期应为 1–31").max(31, "日期应为 1–31") }),
      z.object({ kind: z.literal("weekly"), weekday: z.number().int().min(1, "星期应为 1–7（周一为 1）").max(7, "星期应为 1–7（周一为 1）") }),
    ],
    { message: "kind 应为 monthly（每月）或 weekly（每周）" },
  ),
  common,
);

export type ReceptionSchedule = z.infer<typeof receptionScheduleSchema>;

/** Reads a stored schedule; anything malformed counts as no schedule. */
export function parseReceptionSchedule(value: unknown): ReceptionSchedule | null {
  const r = receptionScheduleSchema.safeParse(value);
  return r.success ? r.data : null;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: DateString) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number): DateString => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The nominal date in a month (the 31st in a 30-day month falls on its last day). */
function monthlyDate(year: number, month: number, day: number): DateString {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** Nominal dates of the schedule from `from` on (inclusive), in order. */
function* nominalDates(s: ReceptionSchedule, from: DateString): Generator<DateString> {
  if (s.kind === "weekly") {
    let n = dayNumber(from);
    const weekday = ((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1;
    n += (s.weekday - weekday + 7) % 7;
    for (;;) {
      yield fromDayNumber(n);
      n += 7;
    }
  }
  let [year, month] = from.split("-").map(Number);
  // Start a month early: last month's date may be moved past a holiday into this month.
  month -= 1;
  if (month === 0) [year, month] = [year - 1, 12];
  for (;;) {
    yield monthlyDate(year, month, s.day);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/** The actual reception date for a nominal one: moved to the next working day off a holiday unless "keep". */
export function receptionDate(s: ReceptionSchedule, nominal: DateString, calendar = new WorkCalendar()): DateString {
  return s.holidayRule === "keep" ? nominal : calendar.nextWorkday(nominal);
}

/**
 * The next reception day on or after `from`'s date in `tz`, as UTC midnight of that calendar date
 * (use localDate(result, "UTC") or toISOString().slice(0, 10) for the YYYY-MM-DD).
 */
export function nextReceptionDay(schedule: ReceptionSchedule, from: Date, tz: string, calendar = new WorkCalendar()): Date | null {
  const start = localDate(from, tz);
  let guard = 0;
  for (const nominal of nominalDates(schedule, start)) {
    if (++guard > 400) return null;
    const actual = receptionDate(schedule, nominal, calendar);
    if (actual >= start) return new Date(`${actual}T00:00:00Z`);
  }
  return null;
}

/** Reception dates (after holiday moves) falling in [from, to), YYYY-MM-DD. */
export function receptionDaysBetween(schedule: ReceptionSchedule, from: DateString, to: DateString, calendar = new WorkCalendar()): DateString[] {
  const out: DateString[] = [];
  let guard = 0;
  for (const nominal of nominalDates(schedule, from)) {
    if (++guard > 400 || nominal >= to) break;
    const actual = receptionDate(schedule, nominal, calendar);
    if (actual >= from && actual < to && !out.includes(actual)) out.push(actual);
  }
  return out;
}

/** "每月10日 09:00-11:30，村委会二楼" / "每周二 09:00-11:30，联络站". */
export function describeReceptionSchedule(s: ReceptionSchedule): string {
  const when = s.kind === "monthly" ? `每月${s.day}日` : `每${WEEKDAY_NAMES[s.weekday]}`;
  return `${when} ${s.time}，${s.place}`;
}
