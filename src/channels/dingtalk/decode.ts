// Robot message payload → InboundMessage. The same JSON arrives over Stream (frame `data`)
// and HTTP callbacks; fields per https://open.dingtalk.com/document/orgapp/receive-message
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

const id = z.string().min(1).max(512);

const payloadSchema = z.object({
  msgId: id,
  msgtype: z.string().min(1).max(64),
  conversationId: id,
  conversationType: z.enum(["1", "2"]),
  conversationTitle: z.string().max(512).optional(),
  senderId: z.string().max(512).optional(),
  senderStaffId: z.string().max(512).optional(),
  senderNick: z.string().max(512).optional(),
  createAt: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
  text: z
    .object({ content: z.string().max(100_000).optional() })
    .partial()
    .optional(),
  content: z.unknown().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() }).partial()).optional(),
  isInAtList: z.boolean().optional(),
  robotCode: z.string().optional(),
  // Only an http(s) URL is ever posted to; anything else is dropped, the message still counts.
  sessionWebhook: z
    .string()
    .regex(/^https?:\/\/\S+$/)
    .optional()
    .catch(undefined),
  sessionWebhookExpiredTime: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
  errorMessage: z.string().optional(),
});

export type RobotPayload = z.infer<typeof payloadSchema>;

export type DecodeResult =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: string; /** true: a valid payload we deliberately do not store (e.g. quota notice). */ skip?: boolean };

/** What a reply needs later; stored by the core with the inbound row and handed back in Delivery.replyTo.context. */
export interface DingtalkReplyContext {
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
  conversationId: string;
  conversationType: "1" | "2";
  senderStaffId?: string;
}

const PLACEHOLDER: Record<string, string> = { picture: "[图片]", video: "[视频]", file: "[文件]", audio: "[语音]" };

export function decodeRobotMessage(raw: unknown, now: () => Date): DecodeResult {
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `invalid payload: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim() };
  }
  const p = parsed.data;
  const senderId = nonEmpty(p.senderStaffId) ?? nonEmpty(p.senderId);
  if (!senderId) return { ok: false, reason: "invalid payload: no senderStaffId or senderId" };
  // Over the organisation's robot quota DingTalk delivers an empty message with errorMessage: nothing to store.
  if (p.errorMessage && !p.text?.content) return { ok: false, reason: `platform error: ${p.errorMessage.slice(0, 200)}`, skip: true };

  const group = p.conversationType === "2";
  const text = stripMentions(bodyText(p), p.atUsers?.length ?? 0);
  const expires = p.sessionWebhookExpiredTime === undefined ? undefined : Number(p.sessionWebhookExpiredTime);
  const replyContext: DingtalkReplyContext = {
    conversationId: p.conversationId,
    conversationType: p.conversationType,
    ...(p.sessionWebhook ? { sessionWebhook: p.sessionWebhook, sessionWebhookExpiredTime: expires } : {}),
    ...(nonEmpty(p.senderStaffId) ? { senderStaffId: p.senderStaffId } : {}),
  };
  const sentAt = p.createAt === undefined ? now() : new Date(Number(p.createAt));
  return {
    ok: true,
    message: {
      platform: "dingtalk",
      messageId: p.msgId,
      // A group is its openConversationId; a 1-on-1 chat is the user (the OpenAPI sends to userIds there).
      chatId: group ? p.conversationId : senderId,
      chatType: group ? "group" : "direct",
      chatName: group ? nonEmpty(p.conversationTitle) : undefined,
      senderId,
      senderName: nonEmpty(p.senderNick),
      text,
      // The robot receives group messages only when @-mentioned, and every 1-on-1 message.
      addressedToBot: true,
      sentAt: Number.isNaN(sentAt.getTime()) ? now() : sentAt,
      kind: "message",
      replyContext: replyContext as unknown as Record<string, unknown>,
    },
  };
}

function bodyText(p: RobotPayload): string {
  if (p.msgtype === "text") return p.text?.content ?? "";
  const content = (p.content ?? {}) as Record<string, unknown>;
  if (p.msgtype === "richText" && Array.isArray(content.richText)) {
    const parts = content.richText as Array<Record<string, unknown>>;
    const texts = parts.map((part) => (typeof part.text === "string" ? part.text : "")).join("");
    if (texts.trim()) return texts;
    return parts.length > 0 ? PLACEHOLDER.picture : "";
  }
  if (p.msgtype === "audio" && typeof content.recognition === "string" && content.recognition.trim()) return content.recognition;
  return PLACEHOLDER[p.msgtype] ?? `[${p.msgtype}]`;
}

/**
 * DingTalk removes the robot's own @-mention but leaves the others' and a leading space.
 * Leading "@name" tokens are dropped, at most as many as the message's atUsers, so "@" in text survives.
 */
export function stripMentions(text: string, atCount: number): string {
  let out = text.replace(/^\s+/u, "");
  for (let i = 0; i < atCount && out.startsWith("@"); i++) out = out.replace(/^@\S*\s*/u, "");
  return out.trim();
}

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v.trim() : undefined;
}
