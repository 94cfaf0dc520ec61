// 评价: the submitter rates a closed matter. Shared by the chat command and the follow page.
import { AppError } from "../../errors.ts";
import { md, trusted, type Rich } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import { excerpt } from "../../domain/user-text.ts";
import type { Tx } from "../../db/client.ts";
import type { ChatType, OutboundMessage } from "../../channels/types.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";
import { RATING_LABEL, statusAfterRating, type RatingValue, type Status } from "../../domain/lifecycle.ts";
import { transition } from "./transition.ts";
import { CODE_CHANNEL, codeRecipients } from "./submit-code.ts";
import { findOpinion } from "./load.ts";
import type { VerbEnv } from "./verb.ts";

/** 评价 in a chat: by the submitter only; 不满意 also tells the matter's group it is handled again. */
export async function rate(env: VerbEnv, number: number, rating: RatingValue, comment?: string): Promise<void> {
  const o = await findOpinion(env, number);
  if (!env.actor.citizenId || o.citizenId !== env.actor.citizenId) {
    throw new AppError("not_submitter", { userMessage: `只有 #${number} 的反映人本人可以评价。` });
  }
  const { to, notices } = await rateOpinion(env.ctx, env.tx, o, rating, comment, env.actor);
  if (to === "IN_PROGRESS") {
    env.reply(text(md`已收到您对 #${number} 的评价：不满意。该事项将重新办理，联络站会再次跟进并答复您。`));
    for (const n of notices) env.post(n.target, n.message);
  } else {
    env.reply(text(md`感谢评价！#${number}：${trusted(RATING_LABEL[rating])}。`));
  }
}

type RatedMatter = {
  id: number;
  number: number;
  status: Status;
  channel: string;
  group: { platform: string; chatId: string } | null;
  deputyId: number | null;
  stationId: number | null;
};
type Notice = { target: { platform: string; chatId: string; chatType: ChatType }; message: OutboundMessage };

/** Rates the matter; on 不满意 it goes back to work and `notices` tell those who handle it. */
export async function rateOpinion(
  ctx: CoreContext,
  tx: Tx,
  o: RatedMatter,
  rating: RatingValue,
  comment: string | undefined,
  actor: Actor,
): Promise<{ to: Status; notices: Notice[] }> {
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
  if (to !== "IN_PROGRESS") return { to, notices: [] };
  const message = text(reopenedNotice(o.number, comment));
  return { to, notices: (await reopenedTargets(tx, o)).map((target) => ({ target, message })) };
}

/** The matter's group; a 代表码 matter has none, so its deputy (else the station's staff) in a direct chat. */
async function reopenedTargets(tx: Tx, o: RatedMatter): Promise<Notice["target"][]> {
  if (o.group) return [{ platform: o.group.platform, chatId: o.group.chatId, chatType: "group" }];
  if (o.channel !== CODE_CHANNEL) return [];
  return (await codeRecipients(tx, o.deputyId ?? 0, o.stationId)).map((t) => ({ platform: t.platform, chatId: t.userId, chatType: "direct" }));
}

/** Posted to the group: the comment masked, on one line and cut to 200 characters (it may be 2,000). */
export const reopenedNotice = (number: number, comment?: string): Rich =>
  md`#${number} 反映人评价「不满意」，已转为重新办理，请跟进代表和承办单位再次办理。${comment?.trim() ? md`\n反映人说明：${excerpt(comment, 200)}` : md``}`;
