// 选民接待日 reminder, the day before a station's reception day (after holiday moves), to its groups.
import { join, lines, md, trusted } from "../../domain/rich-text.ts";
import { named } from "../../domain/matter-text.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { nextReceptionDay, parseReceptionSchedule, type ReceptionSchedule } from "../../domain/reception.ts";
import { addDays, startOfDay } from "../../domain/wall-clock.ts";
import { groupsFor } from "../../core/groups.ts";
import { stationDeputies } from "../../core/stations.ts";
import { mdw } from "../../core/summaries/format.ts";
import type { Job, Target } from "../types.ts";
import { groupPost } from "./common.ts";

export function receptionReminder(stationName: string, day: string, s: ReceptionSchedule, deputies: string[]): OutboundMessage {
  const body = lines(
    md`**【选民接待日】明天 ${trusted(mdw(day))} ${named(s.time)}**`,
    md`地点：${named(s.place)}（${named(stationName)}）`,
    deputies.length > 0 && md`接待代表：${join(deputies.map(named), "、")}`,
    md`欢迎有意见建议的群众前来当面反映；不方便到场的，也可以在群里@我发送「意见 + 内容」。`,
  );
  return { title: md`选民接待日提醒`, card: "reminder", body };
}

export function receptionReminderJob(schedule: string): Job {
  return {
    name: "reception-reminder",
    title: "选民接待日提醒（前一天）",
    schedule,
    catchUpDays: 0,
    period: (dueDate) => dueDate,
    async plan(ctx, run) {
      const calendar = await ctx.core.calendar();
      const tomorrow = addDays(run.dueDate, 1);
      const stations = await ctx.db.station.findMany({ select: { id: true, name: true, receptionSchedule: true }, orderBy: { id: "asc" } });
      const deputies = await stationDeputies(
        ctx.db,
        stations.map((s) => s.id),
      );
      const targets: Target[] = [];
      for (const station of stations) {
        const s = parseReceptionSchedule(station.receptionSchedule);
        if (!s) continue;
        const next = nextReceptionDay(s, startOfDay(tomorrow, ctx.tz), ctx.tz, calendar);
        if (!next || next.toISOString().slice(0, 10) !== tomorrow) continue;
        const all = deputies.get(station.id) ?? [];
        // Deputies on duty if the schedule names them, else all of the station's.
        const onDuty = (s.deputyIds.length ? all.filter((d) => s.deputyIds.includes(d.id)) : all).map((d) => d.name);
        const message = receptionReminder(station.name, tomorrow, s, onDuty);
        for (const g of await groupsFor(ctx.db, "village", { stationId: station.id, groupId: run.groupId })) {
          targets.push(groupPost("reception-reminder", tomorrow, g, () => message));
        }
      }
      return targets;
    },
  };
}
