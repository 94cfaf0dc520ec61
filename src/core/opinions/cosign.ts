import type { Tx } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { isDismissed, STATUS_LABEL } from "../../domain/lifecycle.ts";
import { md } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import { showsText } from "../../domain/visibility.ts";
import { policyOf, shownInChat, unseen } from "../visibility.ts";
import { recordEvent } from "./transition.ts";
import { loadOpinion } from "./load.ts";
import type { VerbEnv } from "./verb.ts";

/** A citizen joins a matter's co-signers: the row and the counter kept beside it. Null when they already had. */
export async function addCosigner(tx: Tx, opinionId: number, citizenId: number): Promise<number | null> {
  const created = await tx.cosign.createMany({ data: [{ opinionId, citizenId }], skipDuplicates: true });
  if (created.count === 0) return null;
  const updated = await tx.opinion.update({ where: { id: opinionId }, data: { cosignCount: { increment: 1 } }, select: { cosignCount: true } });
  return updated.cosignCount;
}

/** 附议: a citizen supports a matter this chat may read; a co-signer may then read it (masked) in private. */
export async function cosign(env: VerbEnv, number: number, citizenId: number): Promise<void> {
  const o = await loadOpinion(env, number);
  if (!o || !showsText(await shownInChat(env.tx, policyOf(env.ctx.config), env, o))) throw unseen(number);
  if (o.status === "MERGED" && o.mergedInto)
    throw new AppError("merged", { userMessage: `#${number} 已合并到 #${o.mergedInto.number}，请发送「附议 ${o.mergedInto.number}」。` });
  if (isDismissed(o.status)) throw new AppError("closed", { userMessage: `#${number} 已是「${STATUS_LABEL[o.status]}」，无需附议。` });
  if (o.citizenId === citizenId) throw new AppError("own", { userMessage: `#${number} 是您本人反映的，无需附议。` });
  const count = await addCosigner(env.tx, o.id, citizenId);
  if (count === null) {
    env.reply(text(md`您已附议过 #${number}，目前共 ${o.cosignCount} 人附议。`));
    return;
  }
  await recordEvent(env.tx, o.id, { action: "cosign", actor: env.actor });
  env.reply(text(md`已附议 #${number}，目前共 ${count} 人附议。我们会一并跟进。`));
}
