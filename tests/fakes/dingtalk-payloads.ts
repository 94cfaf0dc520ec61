// Robot message payloads shaped like the platform's (https://open.dingtalk.com/document/orgapp/receive-message).
import { randomUUID } from "node:crypto";

export interface FakeUser {
  staffId?: string;
  senderId?: string;
  nick: string;
}

export function robotTextPayload(opts: {
  text: string;
  from: FakeUser;
  /** A group conversation; omit for a 1-on-1 chat. */
  group?: { id: string; title: string };
  msgId?: string;
  sessionWebhook?: string;
  sessionExpiresAt?: number;
  msgtype?: "text" | "richText" | "audio" | "picture";
  robotCode?: string;
}): Record<string, unknown> {
  const msgtype = opts.msgtype ?? "text";
  const body: Record<string, unknown> =
    msgtype === "text"
      ? { text: { content: ` ${opts.text}` } }
      : msgtype === "richText"
        ? { content: { richText: [{ text: opts.text }, { type: "picture", downloadCode: "dc-1", pictureDownloadCode: "pdc-1" }] } }
        : msgtype === "audio"
          ? { content: { recognition: opts.text, downloadCode: "dc-a", duration: 3000 } }
          : { content: { downloadCode: "dc-p", pictureDownloadCode: "pdc-p" } };
  return {
    msgtype,
    ...body,
    msgId: opts.msgId ?? `msg${randomUUID().replace(/-/g, "")}`,
    createAt: Date.now(),
    conversationType: opts.group ? "2" : "1",
    conversationId: opts.group?.id ?? `cid-direct-${opts.from.staffId ?? opts.from.senderId}`,
    ...(opts.group ? { conversationTitle: opts.group.title } : {}),
    senderId: opts.from.senderId ?? `$:LWCP_v1:$${opts.from.staffId ?? "x"}`,
    ...(opts.from.staffId ? { senderStaffId: opts.from.staffId } : {}),
    senderNick: opts.from.nick,
    senderCorpId: "dingcorp",
    isAdmin: false,
    isInAtList: true,
    atUsers: opts.group ? [{ dingtalkId: "$:LWCP_v1:$robot" }] : [],
    chatbotCorpId: "dingcorp",
    chatbotUserId: "$:LWCP_v1:$robot",
    robotCode: opts.robotCode ?? "dingbot",
    ...(opts.sessionWebhook ? { sessionWebhook: opts.sessionWebhook, sessionWebhookExpiredTime: opts.sessionExpiresAt ?? Date.now() + 90 * 60_000 } : {}),
  };
}
