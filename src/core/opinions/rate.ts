// 评价: the submitter rates a closed matter. Shared by the chat command and the follow page.
import { md, type Rich } from "../../domain/rich-text.ts";
import { excerpt } from "../../domain/user-text.ts";
import type { Tx } from "../../db/client.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";
import type { RatingValue, Status } from "../../domain/lifecycle.ts";
import { statusAfterRating } from "../../domain/lifecycle.ts";
import { transition } from "./transition.ts";

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
