// 【办理反馈】: the answer or result of a matter, as posted where it was raised.
import type { OutboundMessage } from "../channels/types.ts";
import { RESULT_LABEL, type ResultClass } from "./lifecycle.ts";
import { UserText, excerpt } from "./user-text.ts";
import { join, md, trusted, type Piece } from "./rich-text.ts";
import { named, ratingButtons } from "./matter-text.ts";

/** 【办理反馈】: the answer or result, posted back where the matter was raised. */
export function feedback(
  o: { number: number; text: string; resultClass?: ResultClass | null; unitName?: string | null },
  kind: "reply" | "close" | "onSpot",
  content: string,
  submitterId?: string | null,
): OutboundMessage {
  const said = UserText.masked(content);
  const lines: Piece[] = [md`**【办理反馈】#${o.number}**`, md`群众反映：${excerpt(o.text)}`];
  if (o.unitName) lines.push(md`承办单位：${named(o.unitName)}`);
  if (kind === "reply") lines.push(md`答复：${said}`);
  else {
    lines.push(md`${trusted(kind === "onSpot" ? "当场答复" : "办理结果")}：${said}`);
    if (o.resultClass) lines.push(md`结果类别：${trusted(o.resultClass)}类（${trusted(RESULT_LABEL[o.resultClass])}）`);
    lines.push(md`请反映人评价：发送「评价 ${o.number} 满意/基本满意/不满意」，或点下方按钮。`);
  }
  const closing = kind !== "reply";
  return {
    title: md`办理反馈 #${o.number}`,
    body: join(lines, "\n"),
    card: closing ? "rating" : "feedback",
    ...(submitterId ? { mentions: [submitterId] } : {}),
    ...(closing ? { buttons: ratingButtons(o.number) } : {}),
  };
}
