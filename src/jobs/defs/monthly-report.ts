// 月报 for the administrators (the 1st, 09:00): last month per station, with each deputy's activity —
// matters taken, replied, closed, and reception days on duty — the raw material of 履职档案.
import { join, md, trusted, type Piece } from "../../domain/rich-text.ts";
import { named } from "../../domain/matter-text.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { parseReceptionSchedule, receptionDaysBetween } from "../../domain/reception.ts";
import { groupsFor } from "../../core/groups.ts";
import { stationDeputies } from "../../core/stations.ts";
import { deputyActivity, emptyFigures, figures } from "../../core/summaries/stats.ts";
import { lastMonth } from "../../core/summaries/ranges.ts";
import { figureLines } from "../../core/summaries/staff.ts";
import type { Job } from "../types.ts";
import { groupPost } from "./common.ts";

export function monthlyReportJob(schedule: string): Job {
  return {
    name: "monthly-report",
    title: "月报（管理员）",
    schedule,
    catchUpDays: 3,
    period: (dueDate) => lastMonth(dueDate, dueDate, "UTC").firstDay.slice(0, 7),
    async plan(ctx, run) {
      const admins = await groupsFor(ctx.db, "admin", { groupId: run.groupId });
      if (!admins.length) return [];
      const calendar = await ctx.core.calendar();
      const range = lastMonth(run.dueDate, run.dueDate, ctx.tz);
      const [stations, figs, acts, rosters] = await Promise.all([
        ctx.db.station.findMany({ select: { id: true, name: true, receptionSchedule: true }, orderBy: { id: "asc" } }),
        figures(ctx.db, "station", range),
        deputyActivity(ctx.db, range),
        stationDeputies(ctx.db),
      ]);
      const lines: Piece[] = [md`**【月报】${trusted(range.label)}**`];
      for (const s of stations) {
        lines.push(md`**${named(s.name)}**`, ...figureLines(figs.get(s.id) ?? emptyFigures(s.id)).map(trusted));
        const schedule = parseReceptionSchedule(s.receptionSchedule);
        const days = schedule ? receptionDaysBetween(schedule, range.firstDay, range.endDay, calendar) : [];
        const roster = rosters.get(s.id) ?? [];
        const onDuty = schedule?.deputyIds.length ? schedule.deputyIds : roster.map((d) => d.id);
        const activity = new Map((acts.get(s.id) ?? []).map((a) => [a.deputyId, a]));
        for (const d of roster) {
          const a = activity.get(d.id);
          const receptions = onDuty.includes(d.id) ? days.length : 0;
          lines.push(md`- ${named(d.name)}：认领 ${a?.taken ?? 0}，答复 ${a?.replied ?? 0}，办结 ${a?.closed ?? 0}，接待日 ${receptions} 次`);
        }
      }
      const message: OutboundMessage = { title: md`月报 ${trusted(range.label)}`, card: "summary", body: join(lines, "\n") };
      return admins.map((g) => groupPost("monthly-report", run.period, g, () => message));
    },
  };
}
