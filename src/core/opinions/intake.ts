import type { OutboundMessage } from "../../channels/types.ts";
import { join, md, trusted, type Piece } from "../../domain/rich-text.ts";
import { excerpt } from "../../domain/user-text.ts";
import { named } from "../../domain/matter-text.ts";
import { shortDate } from "../dates.ts";
import { createOpinion } from "./create.ts";
import type { VerbEnv } from "./verb.ts";

/** The chat message a matter is raised with (its text already joined with any quoted message). */
export interface ChatMessage {
  text: string;
  platform: string;
  messageId: string;
  senderId: string;
}

/** 意见: a matter raised in a chat, answered with its receipt. */
export async function intake(env: VerbEnv, citizenId: number, message: ChatMessage): Promise<void> {
  const { group } = env;
  const { opinion, dueDate, days, duplicates } = await createOpinion(
    env.ctx,
    env.tx,
    {
      text: message.text,
      channel: "chat",
      citizenId,
      platform: message.platform,
      sourceMessageId: message.messageId,
      groupId: group?.id,
      stationId: group?.stationId,
      submitterPlatformUserId: message.senderId,
    },
    env.actor,
  );
  const answer = receipt(opinion, dueDate, days, duplicates);
  if (group && !group.stationId) answer.body = md`${answer.body}\n（本群尚未绑定联络站，工作人员绑定后将尽快分派。）`;
  env.reply(answer);
}

export function receipt(
  o: { number: number; category: string; text: string },
  dueDate: string,
  days: number,
  duplicates: { number: number }[],
): OutboundMessage {
  const lines: Piece[] = [
    md`已受理您的意见，编号 **#${o.number}**`,
    md`分类：${named(o.category)}`,
    md`内容：${excerpt(o.text)}`,
    md`接下来：联络站将安排代表跟进并交相关单位办理，预计 ${trusted(shortDate(dueDate))} 前答复（${days}个工作日）。`,
    md`发送「查询 ${o.number}」随时查看进度。`,
  ];
  if (duplicates.length) {
    const nums = join(
      duplicates.map((d) => md`#${d.number}`),
      "、",
    );
    lines.push(md`近期已有类似反映 ${nums}，也可发送「附议 ${duplicates[0].number}」表示支持。`);
  }
  return {
    title: md`意见已受理 #${o.number}`,
    body: join(lines, "\n"),
    card: "receipt",
    fields: [
      { label: "编号", value: md`#${o.number}` },
      { label: "分类", value: md`${named(o.category)}` },
      { label: "预计答复", value: trusted(shortDate(dueDate)) },
    ],
  };
}
