// Turns an AI-bot callback body (docs 100719 messages, 101027 events) into an InboundMessage.
// Group messages reach the bot only when it is @-mentioned, so every decoded message is
// addressed to the bot; the mention itself is stripped from the text.
import type { InboundMessage } from "../types.ts";
import type { WecomPayload } from "./payload.ts";
import { parseButtonKey } from "./render.ts";

export type Transport = "ws" | "callback";

/** What send() needs later to answer this message; stored by the core with the inbox row. */
export interface WecomReplyContext {
  transport: Transport;
  /** Long connection: the callback frame's req_id, for aibot_respond_msg / aibot_respond_welcome_msg. */
  reqId?: string;
  /** Callback mode: the single-use response_url (valid 1 h). A capability: never logged. */
  responseUrl?: string;
  /** When we received it (ms since epoch): reply windows count from here. */
  receivedAt: number;
  event?: "enter_chat" | "template_card_event";
}

export type DecodeResult = { message: InboundMessage } | { ignored: string };

// WeCom puts a U+2005 (four-per-em space) after an @-mention; ordinary spaces also occur.
const SPACE = "[\\s\\u2005\\u00a0\\u3000]";
const LEADING_MENTION = new RegExp(`^${SPACE}*@[^\\s\\u2005\\u00a0\\u3000]+${SPACE}*`);
const TRAILING_MENTION = new RegExp(`${SPACE}+@[^\\s\\u2005\\u00a0\\u3000]+${SPACE}*$`);

/** Removes the bot's @-mention: the leading one, or else a trailing one ("路灯坏了 @机器人"). */
export function stripMention(text: string): string {
  if (LEADING_MENTION.test(text)) return text.replace(LEADING_MENTION, "").trim();
  if (/^[^@]*@[^\s\u2005\u00a0\u3000]+[\s\u2005\u00a0\u3000]*$/.test(text) && TRAILING_MENTION.test(text)) {
    return text.replace(TRAILING_MENTION, "").trim();
  }
  return text.trim();
}

function mixedText(items: { msgtype: string; text?: { content: string } }[]): string {
  return items
    .map((i) => (i.msgtype === "text" ? (i.text?.content ?? "") : i.msgtype === "image" ? "[图片]" : ""))
    .filter((s) => s !== "")
    .join("\n");
}

function quoteText(q: NonNullable<WecomPayload["quote"]>): string | undefined {
  switch (q.msgtype) {
    case "text":
      return q.text?.content;
    case "voice":
      return q.voice?.content;
    case "mixed":
      return q.mixed ? mixedText(q.mixed.msg_item) : undefined;
    case "image":
      return "[图片]";
    case "file":
      return "[文件]";
    default:
      return undefined;
  }
}

export function decodePayload(p: WecomPayload, ctx: { transport: Transport; reqId?: string; now: Date }): DecodeResult {
  const isGroup = p.chattype === "group";
  if (isGroup && !p.chatid) return { ignored: "群消息缺少 chatid" };
  const base = {
    platform: "wecom" as const,
    messageId: p.msgid,
    chatId: isGroup ? p.chatid! : p.from.userid,
    chatType: isGroup ? ("group" as const) : ("direct" as const),
    senderId: p.from.userid,
    addressedToBot: true,
    sentAt: p.create_time !== undefined ? new Date(p.create_time * 1000) : ctx.now,
  };
  const reply: WecomReplyContext = { transport: ctx.transport, receivedAt: ctx.now.getTime() };
  if (ctx.reqId) reply.reqId = ctx.reqId;
  if (p.response_url) reply.responseUrl = p.response_url;

  if (p.msgtype === "event") {
    const type = p.event?.eventtype;
    if (type === "enter_chat") {
      reply.event = "enter_chat";
      return { message: { ...base, kind: "enter_chat", text: "", replyContext: { ...reply } } };
    }
    if (type === "template_card_event") {
      const key = p.event?.template_card_event?.event_key ?? p.event?.event_key;
      const command = key === undefined ? undefined : parseButtonKey(key);
      if (command === undefined) return { ignored: "未知的卡片按钮" };
      reply.event = "template_card_event";
      return { message: { ...base, kind: "message", text: command, replyContext: { ...reply } } };
    }
    return { ignored: `忽略事件 ${type ?? "(无类型)"}` };
  }

  let text: string | undefined;
  if (p.msgtype === "text") text = p.text?.content;
  else if (p.msgtype === "voice")
    text = p.voice?.content; // WeCom delivers voice already transcribed
  else if (p.msgtype === "mixed") text = p.mixed ? mixedText(p.mixed.msg_item) : undefined;
  else return { ignored: `暂不处理 ${p.msgtype} 消息` };
  if (text === undefined) return { ignored: `${p.msgtype} 消息缺少内容` };

  const message: InboundMessage = { ...base, kind: "message", text: stripMention(text), replyContext: { ...reply } };
  const quoted = p.quote ? quoteText(p.quote) : undefined;
  if (quoted !== undefined && quoted.trim() !== "") message.quote = quoted;
  return { message };
}
