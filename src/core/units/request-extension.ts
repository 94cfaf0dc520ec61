import { AppError } from "../../errors.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { isExpired, overdueDays } from "../../domain/deadlines.ts";
import { actorRef } from "../actors.ts";
import { dateToDb, shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { transition } from "../opinions/transition.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { matterForUnit } from "./load.ts";
import { postAll, stationTargets } from "./recipients.ts";

/**
 * 申请延期 by the unit (or the matter's deputy, or staff for the unit), only before the deadline in force:
 * after it an extension can no longer make the matter count on time (domain/deadlines.ts).
 */
export async function requestExtension(env: VerbEnv, number: number, days: number, reason: string): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 180) throw new AppError("bad_days", { userMessage: "延期天数应为 1–180 个工作日。" });
  if (!reason.trim()) throw new AppError("reason_required", { userMessage: `请说明延期理由，例如「申请延期 ${number} 5天 需要采购材料」。` });
  const { o, unit, dispatch, onRecord } = await matterForUnit(env, number, { deputyToo: true });
  const clock = clockOf(o);
  const today = env.ctx.today();
  if (isExpired(clock, today)) {
    const calendar = await env.ctx.calendar(env.tx);
    throw new AppError("deadline_passed", {
      userMessage: `#${number} 的办理时限 ${shortDate(clock.due!)} 已过（已超期 ${overdueDays(clock, today, calendar)} 个工作日），不能再申请延期。请尽快办理；联络站可登记新的办理目标，但仍计为超期。`,
      status: 409,
    });
  }
  const pending = await env.tx.extensionRequest.findFirst({ where: { opinionId: o.id, decision: null }, select: { id: true } });
  if (pending) throw new AppError("extension_pending", { userMessage: `#${number} 已有一项延期申请在等待联络站审批。`, status: 409 });
  await transition(env.tx, o, "requestExtension", env.actor, { note: reason, eventData: { ...onRecord, days, dueDate: clock.due } });
  await env.tx.extensionRequest.create({
    data: {
      opinionId: o.id,
      dispatchId: dispatch.id,
      days,
      reason,
      dueAtRequest: clock.due ? dateToDb(clock.due) : null,
      requestedAt: env.ctx.now(),
      requesterRole: env.actor.role,
      requesterName: env.actor.name,
      requesterRef: actorRef(env.actor),
    },
  });
  const due = clock.due ? md`（现时限 ${trusted(shortDate(clock.due))}）` : md``;
  postAll(
    env,
    await stationTargets(env.tx, o),
    text(
      md`【延期申请】#${number}「${named(unit.name)}」申请延期 ${days} 个工作日${due}。理由：${UserText.unmasked(reason)}\n请联络站工作人员「批准延期 ${number}」或「不予延期 ${number} 理由」，也可在管理端审批。`,
    ),
  );
  env.reply(
    text(md`已提交 #${number} 延期 ${days} 个工作日的申请，等待联络站审批${clock.due ? md`；审批前办理时限仍为 ${trusted(shortDate(clock.due))}` : md``}。`),
  );
}
