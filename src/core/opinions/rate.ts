// 评价: the submitter rates a closed matter. Shared by the chat command and the follow page.
import { AppError } from "../../errors.ts";
import { md, trusted, type Rich } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import { excerpt } from "../../domain/user-text.ts";
import type { Tx } from "../../db/client.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";
import { RATING_LABEL, statusAfterRating, type RatingValue, type Status } from "../../domain/lifecycle.ts";
import { transition } from "./transition.ts";
import { findOpinion } from "./load.ts";
import { tellGroupOf, type VerbEnv } from "./verb.ts";

/** 评价 in a chat: by the submitter only; 不满意 also tells the matter's group it is handled again. */
export async function rate(env: VerbEnv, number: number, rating: RatingValue, comment?: string): Promise<void> {
  const o = await findOpinion(env, number);
  if (!env.actor.citizenId || o.citizenId !== env.actor.citizenId) {
    throw new AppError("not_submitter", { userMessage: `只有 #${number} 的反映人本人可以评价。` });
  }
  const to = await rateOpinion(env.ctx, env.tx, o, rating, comment, env.actor);
  if (to === "IN_PROGRESS") {
    env.reply(text(md`已收到您对 #${number} 的评价：不满意。该事项将重新办理，联络站会再次跟进并答复您。`));
    tellGroupOf(env, o.group, text(reopenedNotice(number, comment)));
  } else {
    env.reply(text(md`感谢评价！#${number}：${trusted(RATING_LABEL[rating])}。`));
  }
}

export async function rateOpinion(
  ctx: CoreContext,
  tx: Tx,
  o: { id: number; number: number; status: Status },
  rating: RatingValue,
  comment: string | undefined,
  actor: Actor,
): Promise<Status> {
  const to = statusAfterRating(rating);
  await transition(tx, o, "rate", actor, {
    to,
    data: {
      rating,
      ratingComment: comment ?? null,
      ratedAt: ctx.now(),
      // 不满意 sends it back for handling again, counted as a reopening.
      ...(to === "IN_PROGRESS" ? { reopenCount: { increment: 1 } } : {}),
    },
    note: comment,
    eventData: { rating },
  });
  return to;
}

/** Posted to the group: the comment masked, on one line and cut to 200 characters (it may be 2,000). */
export const reopenedNotice = (number: number, comment?: string): Rich =>
  md`#${number} 反映人评价「不满意」，已转为重新办理，请跟进代表和承办单位再次办理。${comment?.trim() ? md`\n反映人说明：${excerpt(comment, 200)}` : md``}`;
