import { AppError } from "../../errors.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import { workingDate } from "../../domain/deadlines.ts";
import { dateFromDb, shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { transition } from "../opinions/transition.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { matterForUnit } from "./load.ts";

/** 签收: the unit accepts the dispatch. Past its 签收 limit it still may, and the record says it was late. */
export async function signFor(env: VerbEnv, number: number): Promise<void> {
  const { o, dispatch, onRecord } = await matterForUnit(env, number);
  if (dispatch.signedAt) {
    env.reply(text(md`#${number} 已签收过了。`));
    return;
  }
  const signDue = dateFromDb(dispatch.signDueDate);
  const late = env.ctx.today() > signDue;
  await transition(env.tx, o, "sign", env.actor, { eventData: { ...onRecord, signDue, late } });
  const { count } = await env.tx.dispatch.updateMany({ where: { id: dispatch.id, signedAt: null, returnedAt: null }, data: { signedAt: env.ctx.now() } });
  if (!count) throw new AppError("dispatch_changed", { userMessage: `#${number} 的交办刚刚有了变化，请重新查看。`, status: 409 });
  const due = workingDate(clockOf(o));
  env.reply(
    text(
      md`已签收 #${number}${late ? md`（已超过签收时限 ${trusted(shortDate(signDue))}）` : md``}${due ? md`，办理时限 ${trusted(shortDate(due))}` : md``}。办好后请「答复 ${number} 办理结果」。`,
    ),
  );
}
