import { AppError } from "../../errors.ts";
import { isDismissed, STATUS_LABEL } from "../../domain/lifecycle.ts";
import { md } from "../../domain/rich-text.ts";
import { mayHandle } from "../actors.ts";
import { recordEvent, transition } from "./transition.ts";
import { addCosigner } from "./cosign.ts";
import { findOpinion, opinionToHandle, type LoadedOpinion } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** Why an original outside the actor's stations is refused. */
export const originalOutOfScope = (number: number) => `#${number} 属于其他联络站，您无权把事项合并到它，请联系该站工作人员。`;

const outOfScope = (original: LoadedOpinion) => new AppError("out_of_scope", { userMessage: originalOutOfScope(original.number), status: 403 });

/** 合并: a duplicate follows its original, whose submitter count gains the duplicate's submitter.
 *  The original must be a matter the actor may handle; `refuse` names the error otherwise (the
 *  chat's also leaves an audit entry). */
export async function merge(env: VerbEnv, number: number, into: number, refuse: (original: LoadedOpinion) => Error = outOfScope): Promise<void> {
  if (number === into) throw new AppError("self_merge", { userMessage: "不能把事项合并到它自己。" });
  const o = await opinionToHandle(env, number);
  const target = await findOpinion(env, into);
  if (!mayHandle(env.actor, target)) throw refuse(target);
  if (target.status === "MERGED" || isDismissed(target.status)) {
    throw new AppError("bad_target", { userMessage: `#${into} 目前「${STATUS_LABEL[target.status]}」，不能作为合并的原编号。` });
  }
  await transition(env.tx, o, "merge", env.actor, { data: { mergedIntoId: target.id }, eventData: { into } });
  // The submitter of the duplicate follows the original as a co-signer.
  if (o.citizenId && o.citizenId !== target.citizenId) await addCosigner(env.tx, target.id, o.citizenId);
  await recordEvent(env.tx, target.id, { action: "mergedFrom", actor: env.actor, data: { from: number } });
  tellOutcome(
    env,
    o,
    {
      body: md`#${number} 与 #${into} 反映的是同一问题，已合并办理。请关注 #${into} 的进展（发送「查询 ${into}」）。`,
      ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}),
    },
    md`已将 #${number} 合并到 #${into}`,
  );
}
