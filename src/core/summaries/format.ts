// How figures, dates and matters read in summaries and reminders.
import { isoWeekday } from "../../domain/wall-clock.ts";
import { WEEKDAY_NAMES } from "../../domain/reception.ts";
import { shortDate } from "../dates.ts";
import type { Figures } from "./stats.ts";

/** "12月9日（周三）" */
export const mdw = (d: string) => `${shortDate(d)}（${WEEKDAY_NAMES[isoWeekday(d)]}）`;

export const percent = (n: number | undefined) => (n === undefined ? "—" : `${n}%`);

/** "A类 3、C类 1": the result classes that occur. */
export const classes = (f: Figures) =>
  (["A", "B", "C", "D"] as const)
    .filter((c) => f.byClass[c])
    .map((c) => `${c}类 ${f.byClass[c]}`)
    .join("、");

/** "#道路交通 路灯坏了" reads "路灯坏了" in a list that already names the category. */
export const withoutTags = (text: string) => text.replace(/[#＃]\S+\s*/g, "").trim() || text;
