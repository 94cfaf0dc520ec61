// The weekly summary job: each bound village group's 每周汇总 (core/summaries/weekly.ts), Monday morning.
import { groupTarget, policyOf, seenBy } from "../../core/visibility.ts";
import { renderWeekly, weeklyFigures } from "../../core/summaries/weekly.ts";
import { reportedWeek } from "../../core/summaries/ranges.ts";
import type { Job } from "../types.ts";
import { groupPost } from "./common.ts";

export function weeklySummaryJob(schedule: string, emptyPost: boolean): Job {
  return {
    name: "weekly-summary",
    title: "每周群汇总",
    schedule,
    catchUpDays: 0,
    period: reportedWeek,
    async plan(ctx, run) {
      const { label, weeks } = await weeklyFigures(ctx.db, {
        dueDate: run.dueDate,
        now: ctx.core.now(),
        tz: ctx.tz,
        calendar: await ctx.core.calendar(),
        groupId: run.groupId,
      });
      return weeks.map((w) =>
        groupPost("weekly-summary", run.period, w.group, () =>
          renderWeekly(w, label, emptyPost, seenBy(groupTarget({ ...w.group, purpose: "village" }), policyOf(ctx.config))),
        ),
      );
    },
  };
}
