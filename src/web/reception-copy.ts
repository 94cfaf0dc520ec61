// Local copy of the jobs branch's src/domain/reception.ts contract (same names); replaced at merge.
import { z } from "zod";
import { WorkCalendar, localDate } from "../domain/workdays.ts";

const base = z.object({
  time: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/),
  place: z.string().default(""),
  deputyIds: z.array(z.number().int()).default([]),
  holidayRule: z.enum(["next-workday", "keep"]).default("next-workday"),
});
export const receptionScheduleSchema = z.intersection(
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31) }),
    z.object({ kind: z.literal("weekly"), weekday: z.number().int().min(1).max(7) }),
  ]),
  base,
);
export type ReceptionSchedule = z.infer<typeof receptionScheduleSchema>;

const WEEKDAY = ["", "一", "二", "三", "四", "五", "六", "日"];

export function describeReceptionSchedule(s: ReceptionSchedule): string {
  const when = s.kind === "monthly" ? `每月${s.day}日` : `每周${WEEKDAY[s.weekday]}`;
  return `${when} ${s.time}${s.place ? `，${s.place}` : ""}`;
}

/** The next reception day on or after `from` (a holiday moves it to the next working day unless "keep"). */
export function nextReceptionDay(s: ReceptionSchedule, from: Date, tz: string): Date | null {
  const calendar = new WorkCalendar();
  const start = localDate(from, tz);
  let day = new Date(`${start}T00:00:00Z`);
  for (let i = 0; i < 400; i++, day = new Date(day.getTime() + 86_400_000)) {
    const iso = day.toISOString().slice(0, 10);
    const matches = s.kind === "monthly" ? day.getUTCDate() === s.day : ((day.getUTCDay() + 6) % 7) + 1 === s.weekday;
    if (!matches) continue;
    if (s.holidayRule === "keep" || calendar.isWorkday(iso)) return day;
    let next = day;
    do next = new Date(next.getTime() + 86_400_000);
    while (!calendar.isWorkday(next.toISOString().slice(0, 10)));
    if (next.toISOString().slice(0, 10) >= start) return next;
  }
  return null;
}
