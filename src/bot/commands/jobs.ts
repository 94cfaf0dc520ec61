// Staff commands for scheduled posts: what a group is for, and the weekly summary on demand.
import { md, trusted } from "../../domain/rich-text.ts";
import { AppError, forbidden } from "../../errors.ts";
import { localDate } from "../../domain/workdays.ts";
import type { CommandEnv } from "../env.ts";
import { auditGroupChange, groupInScope, requireCountyScope } from "./group-scope.ts";
import { text } from "../../domain/matter-text.ts";
import { PURPOSE_LABEL, type GroupPurpose } from "../../domain/group-purpose.ts";
import { renderWeekly, weeklyFigures } from "../../core/summaries/weekly.ts";
import { previousFiring } from "../../domain/wall-clock.ts";
import { countySummary, stationSummary, staffFigures } from "../../core/summaries/staff.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { groupTarget, policyOf, seenBy } from "../../core/visibility.ts";

export async function setPurpose(env: CommandEnv, purpose: GroupPurpose): Promise<void> {
  const group = await groupInScope(env, "setPurpose");
  if (purpose === "admin" && env.actor.role !== "admin") throw forbidden("只有人大常委会管理员可以把群设为管理员群。");
  if (purpose === "station-staff" && !group.stationId) {
    throw new AppError("unbound", { userMessage: "请先发送「绑定本群 联络站名称」把本群绑定到联络站，再设为站点工作群。" });
  }
  await env.tx.group.update({ where: { id: group.id }, data: { purpose } });
  await auditGroupChange(env, "setPurpose", group, { from: group.purpose, purpose });
  const what: Record<GroupPurpose, string> = {
    village: "每周一收到本群意见建议汇总，接待日前一天收到提醒。",
    "station-staff": "每周一收到本站汇总，每个工作日收到超期督办提醒。",
    admin: "每周一收到全县汇总，每月初收到月报，超期较久的事项会升级到这里。",
  };
  env.reply(text(md`已将本群设为「${trusted(PURPOSE_LABEL[purpose])}」：${trusted(what[purpose])}`));
}

/**
 * 周报: the latest weekly summary now — a village group's own, a station staff group's station summary,
 * or the county summary in the administrators' group. Sent to the group, or privately to the asker.
 */
export async function weeklyNow(env: CommandEnv): Promise<void> {
  const group = await groupInScope(env, "weekly");
  const { ctx } = env;
  const tz = ctx.config.BOT_TIMEZONE;
  const now = ctx.now();
  const calendar = await ctx.calendar(env.tx);
  // The summary the schedule posted last (or would have posted, before its first firing).
  const dueDate = (schedule: string) => localDate(previousFiring(schedule, now, tz) ?? now, tz);
  // What this group may see, also when the summary goes privately to the asker.
  const see = seenBy(groupTarget(group), policyOf(ctx.config));
  let message: OutboundMessage;
  if (group.purpose === "admin") {
    requireCountyScope(env, group);
    message = countySummary(await staffFigures(env.tx, { dueDate: dueDate(ctx.config.JOB_STAFF_SUMMARY_CRON), tz, calendar }), see);
  } else if (!group.stationId) {
    throw new AppError("unbound", { userMessage: "本群尚未绑定联络站，请先发送「绑定本群 联络站名称」。" });
  } else if (group.purpose === "station-staff") {
    const week = await staffFigures(env.tx, { dueDate: dueDate(ctx.config.JOB_STAFF_SUMMARY_CRON), tz, calendar, stationId: group.stationId });
    message = stationSummary(week, week.stations[0]!, see);
  } else {
    const { label, weeks } = await weeklyFigures(env.tx, { dueDate: dueDate(ctx.config.JOB_WEEKLY_CRON), now, tz, calendar, groupId: group.id });
    message = renderWeekly(weeks[0], label, true, see)!;
  }
  if (ctx.config.WEEKLY_COMMAND_TARGET === "staff") {
    env.post({ platform: env.msg.platform, chatId: env.msg.senderId, chatType: "direct" }, message);
    env.reply(text(md`本群周报已私信发给您。`));
  } else {
    env.post(group, message);
  }
}
