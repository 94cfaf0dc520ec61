// The staff summary job: 站点周报 to each station staff group and 全县周报 to the administrators' groups.
import { groupTarget, policyOf, seenBy } from "../../core/visibility.ts";
import { groupsFor } from "../../core/groups.ts";
import { countySummary, stationSummary, staffFigures } from "../../core/summaries/staff.ts";
import { reportedWeek } from "../../core/summaries/ranges.ts";
import type { Job, Target } from "../types.ts";
import { groupPost } from "./common.ts";

export function staffSummaryJob(schedule: string): Job {
  return {
    name: "staff-summary",
    title: "站点与全县周报（工作人员）",
    schedule,
    catchUpDays: 0,
    period: reportedWeek,
    async plan(ctx, run) {
      const w = await staffFigures(ctx.db, { dueDate: run.dueDate, tz: ctx.tz, calendar: await ctx.core.calendar() });
      const targets: Target[] = [];
      const policy = policyOf(ctx.config);
      const staffGroups = await groupsFor(ctx.db, "station-staff", { groupId: run.groupId });
      for (const s of w.stations) {
        for (const g of staffGroups.filter((g) => g.stationId === s.id)) {
          targets.push(groupPost("staff-summary", run.period, g, () => stationSummary(w, s, seenBy(groupTarget({ ...g, purpose: "station-staff" }), policy))));
        }
      }
      const admins = await groupsFor(ctx.db, "admin", { groupId: run.groupId });
      for (const g of admins) {
        const message = countySummary(w, seenBy(groupTarget({ ...g, purpose: "admin" }), policy));
        targets.push(groupPost("staff-summary", run.period, g, () => message));
      }
      return targets;
    },
  };
}
