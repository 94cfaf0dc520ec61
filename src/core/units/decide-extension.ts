import { AppError } from "../../errors.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { extensionDeadline, workingDate } from "../../domain/deadlines.ts";
import { localDate } from "../../domain/workdays.ts";
import { actorRef } from "../actors.ts";
import { shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { transition } from "../opinions/transition.ts";
import { opinionToHandle, requireStaff } from "../opinions/load.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { postAll, stationTargets, unitTargets } from "./recipients.ts";

/**
 * 批准延期 / 不予延期 by station staff on the pending request. Approval moves the deadline in force,
 * counted from it, because the request came in time (its day is what counts, not the decision's);
 * refusal keeps it. Both are on record, and the unit and the deputy are told.
 */
export async function decideExtension(env: VerbEnv, number: number, approve: boolean, note?: string): Promise<void> {
  requireStaff(env);
  const o = await opinionToHandle(env, number);
  const request = await env.tx.extensionRequest.findFirst({ where: { opinionId: o.id, decision: null }, orderBy: { id: "desc" } });
  if (!request) throw new AppError("no_pending_extension", { userMessage: `#${number} 没有等待审批的延期申请。`, status: 409 });
  const clock = clockOf(o);
  const calendar = await env.ctx.calendar(env.tx);
  const requestedOn = localDate(request.requestedAt, env.ctx.config.BOT_TIMEZONE);
  const change = approve ? extensionDeadline(clock, { requestedOn, today: env.ctx.today(), days: request.days, calendar }) : undefined;
  await transition(env.tx, o, approve ? "approveExtension" : "refuseExtension", env.actor, {
    ...(change ? { deadline: change } : {}),
    note,
    eventData: { requestId: request.id, days: request.days, dueDate: change?.due ?? clock.due, targetDate: change?.target ?? clock.target },
  });
  const { count } = await env.tx.extensionRequest.updateMany({
    where: { id: request.id, decision: null },
    data: {
      decision: approve ? "APPROVED" : "REFUSED",
      decidedAt: env.ctx.now(),
      deciderName: env.actor.name,
      deciderRef: actorRef(env.actor),
      decisionNote: note ?? null,
    },
  });
  if (!count) throw new AppError("extension_decided", { userMessage: `#${number} 的延期申请刚刚已被审批。`, status: 409 });
  const due = workingDate(change ?? clock);
  const limit = due ? md`，办理时限${change ? md`延至` : md`仍为`} ${trusted(shortDate(due))}` : md``;
  const outcome = md`#${number} 延期 ${request.days} 个工作日的申请${approve ? md`已批准` : md`未获批准`}${limit}${note ? md`。说明：${UserText.unmasked(note)}` : md``}`;
  const told = [...(o.unitId ? await unitTargets(env.tx, o.unitId) : []), ...(await stationTargets(env.tx, { stationId: null, deputyId: o.deputyId }))];
  postAll(env, told, text(md`【延期审批】${outcome}。`));
  env.reply(text(md`${outcome}${o.unit ? md`，已告知「${named(o.unit.name)}」` : md``}。`));
}
