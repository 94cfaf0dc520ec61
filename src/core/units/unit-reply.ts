import { AppError } from "../../errors.ts";
import { md } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { transition } from "../opinions/transition.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { matterForUnit } from "./load.ts";
import { postAll, stationTargets } from "./recipients.ts";

/**
 * 单位答复: the unit's answer goes to the deputy and the station, not to the citizens' group: the deputy
 * checks it and relays it with 答复, or closes with 办结.
 */
export async function unitReply(env: VerbEnv, number: number, content: string): Promise<void> {
  if (!content.trim()) throw new AppError("reply_required", { userMessage: `请写上办理结果，例如「答复 ${number} 已于本周修复」。` });
  const { o, unit, dispatch, onRecord } = await matterForUnit(env, number);
  await transition(env.tx, o, "unitReply", env.actor, { note: content, eventData: onRecord });
  await env.tx.dispatch.update({ where: { id: dispatch.id }, data: { repliedAt: env.ctx.now(), replyText: content } });
  postAll(
    env,
    await stationTargets(env.tx, o),
    text(
      md`【单位答复】#${number}「${named(unit.name)}」：${UserText.unmasked(content)}\n请核实后「答复 ${number} 内容」转告群众，或「办结 ${number} A 结果」。`,
    ),
  );
  env.reply(text(md`已将 #${number} 的答复转给跟进代表和联络站。`));
}
