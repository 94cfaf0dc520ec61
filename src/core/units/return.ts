import { AppError } from "../../errors.ts";
import { md } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { transition } from "../opinions/transition.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { matterForUnit } from "./load.ts";
import { postAll, stationTargets } from "./recipients.ts";

/** 退回: not the unit's remit; the matter goes back to the station for re-dispatch, its clock still running. */
export async function returnToStation(env: VerbEnv, number: number, reason: string): Promise<void> {
  if (!reason.trim()) throw new AppError("reason_required", { userMessage: `请说明退回理由，例如「退回 ${number} 不属于本单位职责，建议转县水利局」。` });
  const { o, unit, dispatch, onRecord } = await matterForUnit(env, number);
  await transition(env.tx, o, "return", env.actor, { where: { unitId: unit.id }, data: { unitId: null }, note: reason, eventData: onRecord });
  await env.tx.dispatch.update({ where: { id: dispatch.id }, data: { returnedAt: env.ctx.now(), returnReason: reason } });
  postAll(
    env,
    await stationTargets(env.tx, o),
    text(md`【退回】#${number}「${named(unit.name)}」退回了交办。理由：${UserText.unmasked(reason)}\n请重新「转办 ${number} 承办单位」，办理时限不重新计时。`),
  );
  env.reply(text(md`已将 #${number} 退回联络站，理由已转告跟进代表和工作人员。`));
}
