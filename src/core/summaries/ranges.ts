// The reporting ranges of summaries and reports, from the local date a post is due.
import { addDays, isoWeek, startOfDay } from "../../domain/wall-clock.ts";
import { shortDate } from "../dates.ts";
import type { Range } from "./stats.ts";

/** The seven local days before `dueDate` (Monday 09:00 → last Monday to Sunday). */
export function lastWeek(dueDate: string, today: string, tz: string): Range & { label: string } {
  const first = addDays(dueDate, -7);
  return { from: startOfDay(first, tz), to: startOfDay(dueDate, tz), today, tz, label: `${shortDate(first)}—${shortDate(addDays(dueDate, -1))}` };
}

/** A weekly post is named after the week it reports on: the Monday post of 2026-11-30 is 2026-W48. */
export const reportedWeek = (dueDate: string): string => isoWeek(addDays(dueDate, -1));

/** The calendar month before `dueDate`'s month. */
export function lastMonth(dueDate: string, today: string, tz: string): Range & { label: string; firstDay: string; endDay: string } {
  const [y, m] = dueDate.split("-").map(Number);
  const endDay = `${y}-${String(m).padStart(2, "0")}-01`;
  const firstDay = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, "0")}-01`;
  return {
    from: startOfDay(firstDay, tz),
    to: startOfDay(endDay, tz),
    today,
    tz,
    firstDay,
    endDay,
    label: `${Number(firstDay.slice(0, 4))}年${Number(firstDay.slice(5, 7))}月`,
  };
}
