// Deputies' and staff's handling commands: each one guarded transition, one event, and the
// feedback the group should see.
import { AppError } from "../../errors.ts";
import { reachable } from "../../core/actors.ts";
import { transition } from "../../core/opinions/transition.ts";
import { CODE_CHANNEL } from "../../core/opinions/submit-code.ts";
import { dateToDb, shortDate, dateFromDb } from "../../core/dates.ts";
import { ACTIVE_STATUSES, isDismissed, RESULT_LABEL, STATUS_LABEL, type ResultClass } from "../../domain/lifecycle.ts";
import { feedback } from "../render.ts";
import { matterText, named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { groupTarget, policyOf, seenBy, shownInChat, viewerOf } from "../../core/visibility.ts";
import { showsText, type Shown } from "../../domain/visibility.ts";
import type { Opinion } from "../../generated/prisma/client.ts";
import { join, md, trusted, type Rich } from "../../domain/rich-text.ts";
import type { CommandEnv } from "../env.ts";
import { opinionToHandle, findOpinion, requireStaff, type LoadedOpinion } from "../../core/opinions/load.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { requireMatterInScope } from "./group-scope.ts";

/** The group sees the feedback once: as the reply when the command was given there, else as a post.
 *  `ack` is the sentence for whoever gave the command; `groupNote` adds what happened in the group. */
function tellGroup(env: CommandEnv, o: LoadedOpinion, message: OutboundMessage, ack: Rich, groupNote?: Rich): void {
  if (o.group && o.group.platform === env.msg.platform && o.group.chatId === env.msg.chatId) {
    env.reply(message);
  } else if (!o.group && o.channel === CODE_CHANNEL) {
    // A 代表码 matter has no group: its submitter reads the outcome on the private follow page.
    env.reply(text(md`${ack}。反映人可在代表码查询页面看到。`));
  } else {
    env.reply(text(groupNote ? md`${ack}，${groupNote}。` : md`${ack}。`));
    if (o.group) env.post(o.group, message);
  }
}

export async function claim(env: CommandEnv, number: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const deputy = env.actor.deputy;
  if (!deputy) throw new AppError("not_deputy", { userMessage: "「认领」由人大代表使用；工作人员可用「转办」交办，或在管理端指定代表。" });
  if (o.deputyId === deputy.id) {
    env.reply(text(md`#${number} 已由您跟进。`));
    return;
  }
  await transition(env.tx, o, "claim", env.actor, {
    where: { deputyId: null },
    data: { deputyId: deputy.id, takenAt: env.ctx.now() },
    refuse: (current) => (ACTIVE_STATUSES.includes(current) ? `#${number} 已被其他代表认领。` : undefined),
  });
  const shown = await shownInChat(env.tx, policyOf(env.ctx.config), env, o);
  env.reply(text(md`已认领 #${number}（${named(o.category)}）${showsText(shown) ? md`：${matterText(shown, o.text, 30)}` : md``}\n请跟进办理，可用「转办 ${number} 承办单位」交办，办好后「办结 ${number} A 结果」。`));
  if (o.group && !(o.group.chatId === env.msg.chatId && o.group.platform === env.msg.platform)) {
    env.post(o.group, text(md`#${number} 已由人大代表 ${named(deputy.name)} 认领跟进。`));
  }
}

export async function assign(env: CommandEnv, number: number, unitName: string, days?: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const unit =
    (await env.tx.unit.findFirst({ where: { active: true, name: unitName } })) ??
    (await env.tx.unit.findFirst({ where: { active: true, name: { contains: unitName } }, orderBy: { name: "asc" } }));
  if (!unit) {
    const known = await env.tx.unit.findMany({ where: { active: true }, select: { name: true }, take: 8, orderBy: { id: "asc" } });
    throw new AppError("unknown_unit", { userMessage: `没有找到承办单位「${unitName}」。${known.length ? `已登记的有：${known.map((u) => u.name).join("、")}` : "请先在管理端登记承办单位。"}` });
  }
  if (days !== undefined && (days < 1 || days > 180)) throw new AppError("bad_days", { userMessage: "办理时限应为 1–180 个工作日。" });
  const calendar = await env.ctx.calendar(env.tx);
  const due = days ? calendar.addWorkingDays(env.ctx.today(), days) : o.dueDate ? dateFromDb(o.dueDate) : calendar.addWorkingDays(env.ctx.today(), env.ctx.config.DEFAULT_DEADLINE_DAYS);
  await transition(env.tx, o, "assign", env.actor, {
    data: { unitId: unit.id, assignedAt: env.ctx.now(), dueDate: dateToDb(due), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    eventData: { unit: unit.name, dueDate: due, days: days ?? null },
  });
  env.reply(text(md`已将 #${number} 转交「${named(unit.name)}」办理，办理时限 ${trusted(shortDate(due))}${days ? md`（${days}个工作日）` : md``}。`));
  if (o.group && !(o.group.chatId === env.msg.chatId && o.group.platform === env.msg.platform)) {
    env.post(o.group, text(md`#${number} 已转交「${named(unit.name)}」办理，时限 ${trusted(shortDate(due))}。`));
  }
}

export async function reply(env: CommandEnv, number: number, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "reply", env.actor, {
    data: { replyText: content, repliedAt: env.ctx.now(), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    note: content,
  });
  tellGroup(env, o, feedback({ ...o, unitName: o.unit?.name }, "reply", content, o.submitterPlatformUserId), md`已答复 #${number}`, md`答复已发到原群`);
}

export async function close(env: CommandEnv, number: number, resultClass: ResultClass, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  if (resultClass === "C" && content.length < 4) throw new AppError("reason_required", { userMessage: "C类（因条件限制暂不能解决）须写明原因，以便向群众解释。" });
  await transition(env.tx, o, "close", env.actor, {
    data: { resultClass, resultText: content, closedAt: env.ctx.now(), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    note: content,
    eventData: { resultClass },
  });
  tellGroup(env, o, feedback({ ...o, resultClass, unitName: o.unit?.name }, "close", content, o.submitterPlatformUserId), md`已办结 #${number}（${trusted(resultClass)}类 ${trusted(RESULT_LABEL[resultClass])}）`, md`结果已发到原群并请反映人评价`);
}

export async function answerOnSpot(env: CommandEnv, number: number, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "answerOnSpot", env.actor, {
    data: { replyText: content, resultClass: "A", resultText: content, repliedAt: env.ctx.now(), closedAt: env.ctx.now(), ...(env.actor.deputy ? { deputyId: o.deputyId ?? env.actor.deputy.id } : {}) },
    note: content,
  });
  tellGroup(env, o, feedback({ ...o, resultClass: "A" }, "onSpot", content, o.submitterPlatformUserId), md`已当场答复并办结 #${number}`);
}

export async function transfer(env: CommandEnv, number: number, note?: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "transfer", env.actor, { data: { closeReason: note ?? "属个人信访事项", closedAt: env.ctx.now() }, note });
  const message = text(md`#${number} 属于个人信访事项，已转交信访部门依法办理，信访部门会直接与反映人联系。联络站主要收集和跟进涉及群众共同利益的问题，感谢理解。`);
  tellGroup(env, o, { ...message, ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}) }, md`已将 #${number} 转信访部门，并告知反映人`);
}

export async function reject(env: CommandEnv, number: number, reason: string): Promise<void> {
  requireStaff(env);
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "reject", env.actor, { data: { closeReason: reason, closedAt: env.ctx.now() }, note: reason });
  tellGroup(env, o, { body: md`#${number} 不予受理。理由：${UserText.masked(reason)}\n如有疑问，可联系联络站工作人员。`, ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}) }, md`已对 #${number} 不予受理，并告知反映人理由`);
}

export async function merge(env: CommandEnv, number: number, into: number): Promise<void> {
  if (number === into) throw new AppError("self_merge", { userMessage: "不能把事项合并到它自己。" });
  const o = await opinionToHandle(env, number);
  const target = await findOpinion(env, into);
  requireMatterInScope(env, "merge", target);
  if (target.status === "MERGED" || isDismissed(target.status)) {
    throw new AppError("bad_target", { userMessage: `#${into} 目前「${STATUS_LABEL[target.status]}」，不能作为合并的原编号。` });
  }
  await transition(env.tx, o, "merge", env.actor, { data: { mergedIntoId: target.id }, eventData: { into } });
  // The submitter of the duplicate follows the original as a co-signer.
  if (o.citizenId && o.citizenId !== target.citizenId) {
    const added = await env.tx.cosign.createMany({ data: [{ opinionId: target.id, citizenId: o.citizenId }], skipDuplicates: true });
    if (added.count) await env.tx.opinion.update({ where: { id: target.id }, data: { cosignCount: { increment: 1 } } });
  }
  await env.tx.opinionEvent.create({ data: { opinionId: target.id, action: "mergedFrom", actorRole: env.actor.role, actorName: env.actor.name, data: { from: number } } });
  tellGroup(env, o, { body: md`#${number} 与 #${into} 反映的是同一问题，已合并办理。请关注 #${into} 的进展（发送「查询 ${into}」）。`, ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}) }, md`已将 #${number} 合并到 #${into}`);
}

export async function todo(env: CommandEnv): Promise<void> {
  const { actor, group, msg } = env;
  if (actor.role === "citizen") throw new AppError("not_official", { userMessage: "「待办」仅限人大代表和工作人员使用。群众请发送「我的」查看自己反映的事项。" });
  const stationIds = actor.role === "admin" ? undefined : [...new Set([...(actor.deputy?.stationIds ?? []), ...(actor.staff?.stationIds ?? [])])];
  const list = await env.tx.opinion.findMany({
    where: {
      status: { in: ACTIVE_STATUSES },
      ...reachable(actor),
      ...(stationIds ? { OR: [{ stationId: { in: stationIds } }, ...(actor.deputy ? [{ deputyId: actor.deputy.id }] : [])] } : {}),
      ...(actor.deputy && actor.role === "deputy" ? { AND: [{ OR: [{ deputyId: null }, { deputyId: actor.deputy.id }] }] } : {}),
    },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    take: 15,
  });
  if (!list.length) {
    env.reply(text(md`暂无待办事项。`));
    return;
  }
  const policy = policyOf(env.ctx.config);
  const inDirect = seenBy({ kind: "direct", viewer: viewerOf(actor) }, policy);
  if (!group) {
    env.reply(todoList(env, list.map((o) => ({ o, shown: inDirect(o) })).filter((x) => showsText(x.shown)), md`待办`));
    return;
  }
  // In a group only what that group may read; the rest goes to the asker's direct chat, through the outbox.
  const inGroup = seenBy(groupTarget(group), policy);
  const here = list.map((o) => ({ o, shown: inGroup(o) })).filter((x) => showsText(x.shown));
  const away = list.filter((o) => !showsText(inGroup(o))).map((o) => ({ o, shown: inDirect(o) })).filter((x) => showsText(x.shown));
  if (away.length) env.post({ platform: msg.platform, chatId: msg.senderId, chatType: "direct" }, todoList(env, away, md`不在群里显示的待办`));
  const note = away.length ? md`另有 ${away.length} 件不宜在群里显示（如代表码、个人事项），已私信发给您（如未收到，请先私聊我一次再发「待办」）。` : undefined;
  if (!here.length) {
    env.reply(text(note ?? md`暂无待办事项。`));
    return;
  }
  const shown = todoList(env, here, md`待办`);
  env.reply(note ? { ...shown, body: md`${shown.body}\n${note}` } : shown);
}

function todoList(env: CommandEnv, items: { o: Opinion; shown: Shown }[], heading: Rich): OutboundMessage {
  const today = env.ctx.today();
  const lines = items.map(({ o, shown }) => {
    const due = o.dueDate ? dateFromDb(o.dueDate) : null;
    const late = due && due < today ? "（已超期）" : "";
    return md`- #${o.number}【${trusted(STATUS_LABEL[o.status])}${trusted(o.deputyId ? "" : "·待认领")}】${matterText(shown, o.text, 20)} 时限${trusted(due ? shortDate(due) : "—")}${trusted(late)}`;
  });
  return { title: md`待办事项`, body: md`${heading} ${items.length} 件（按时限排序）：\n${join(lines, "\n")}` };
}
