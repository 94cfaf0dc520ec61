// Signed callbacks as the platforms send them, each a citizen's opinion with a unique message id.
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { encryptMessage, sign } from "../../src/channels/wecom/crypto.ts";

export const WECOM_TOKEN = "benchTokenX1";
export const WECOM_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
export const DINGTALK_ID = "dingbenchkey";
export const DINGTALK_SECRET = "bench-app-secret-0123456789";

export interface Req {
  path: string;
  headers: Record<string, string>;
  body: string;
}

let seq = 0;
const run = Date.now().toString(36);
let lastDingtalkTs = 0;

/** An encrypted, signed WeCom AI-bot callback (group message @-ing the bot). */
export function wecomCallback(group: number, responseBase: string): Req {
  const n = ++seq;
  const msgid = `bw-${run}-${n}`;
  const payload = {
    msgid,
    aibotid: "AIBOT",
    chatid: `wrBench${group}`,
    chattype: "group",
    from: { userid: `bench-villager-${n % 500}` },
    create_time: Math.floor(Date.now() / 1000),
    response_url: `${responseBase}/cgi-bin/aibot/response?response_code=${msgid}`,
    msgtype: "text",
    text: { content: `@人大代表联络助手\u2005意见 第${n}号：村道${group}段路灯不亮，晚上出行不便` },
  };
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(n);
  const encrypt = encryptMessage(WECOM_AES_KEY, JSON.stringify(payload), "");
  const q = new URLSearchParams({ msg_signature: sign(WECOM_TOKEN, timestamp, nonce, encrypt), timestamp, nonce });
  return { path: `/callbacks/wecom?${q}`, headers: { "content-type": "application/json" }, body: JSON.stringify({ encrypt }) };
}

/** A signed DingTalk robot HTTP callback. */
export function dingtalkCallback(group: number, apiBase: string): Req {
  const n = ++seq;
  const msgId = `bd-${run}-${n}`;
  const payload = {
    msgtype: "text",
    text: { content: ` 意见 第${n}号：${group}组水渠堵塞，下雨就漫到路上` },
    msgId,
    createAt: Date.now(),
    conversationType: "2",
    conversationId: `cidBench${group}==`,
    conversationTitle: `基准测试${group}群`,
    senderId: `$:LWCP_v1:$bench${n % 500}`,
    senderStaffId: `bench-staff-${n % 500}`,
    senderNick: "村民",
    isInAtList: true,
    chatbotUserId: "$:LWCP_v1:$robot",
    robotCode: DINGTALK_ID,
    sessionWebhook: `${apiBase}/robot/sendBySession?session=${msgId}`,
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
  };
  // Each callback its own timestamp, as DingTalk's: the app takes a signed timestamp for one message only.
  const ts = (lastDingtalkTs = Math.max(Date.now(), lastDingtalkTs + 1));
  return {
    path: "/callbacks/dingtalk",
    headers: { "content-type": "application/json", timestamp: String(ts), sign: computeSign(ts, DINGTALK_SECRET) },
    body: JSON.stringify(payload),
  };
}

/** Alternates WeCom and DingTalk over `groups` groups. */
export function mixed(groups: number, wecomBase: string, dingtalkBase: string): () => Req {
  let i = 0;
  return () => {
    i++;
    return i % 2 ? wecomCallback(i % groups, wecomBase) : dingtalkCallback(i % groups, dingtalkBase);
  };
}
