import { describe, expect, it } from "vitest";
import { decodePayload, stripMention } from "../../src/channels/wecom/decode.ts";
import { wecomPayloadSchema } from "../../src/channels/wecom/payload.ts";

const now = new Date("2025-03-01T08:00:00Z");
const decode = (body: unknown, transport: "ws" | "callback" = "callback", reqId?: string) =>
  decodePayload(wecomPayloadSchema.parse(body), { transport, reqId, now });

const base = { msgid: "m1", aibotid: "AIBOT", from: { userid: "zhangsan" }, create_time: 1740816000 };

describe("stripMention", () => {
  it("removes the leading @-mention, including WeCom's U+2005 space", () => {
    expect(stripMention("@机器人 意见 路灯坏了")).toBe("意见 路灯坏了");
    expect(stripMention("@人大代表助手\u2005意见 村口积水")).toBe("意见 村口积水");
    expect(stripMention("  @bot\u2005\u2005查询 12")).toBe("查询 12");
  });
  it("removes a lone trailing mention, leaves other @ alone", () => {
    expect(stripMention("路灯坏了 @机器人")).toBe("路灯坏了");
    expect(stripMention("邮箱 a@b.com 联系我")).toBe("邮箱 a@b.com 联系我");
    expect(stripMention("意见 路灯")).toBe("意见 路灯");
  });
});

describe("decodePayload", () => {
  it("group text: chat is the group, mention stripped, addressed to the bot, response_url kept as reply context", () => {
    const r = decode({
      ...base,
      chatid: "wrGroup1",
      chattype: "group",
      msgtype: "text",
      text: { content: "@机器人 意见 路灯坏了" },
      response_url: "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x",
    });
    expect("message" in r).toBe(true);
    if (!("message" in r)) return;
    expect(r.message).toMatchObject({
      platform: "wecom",
      messageId: "m1",
      chatId: "wrGroup1",
      chatType: "group",
      senderId: "zhangsan",
      text: "意见 路灯坏了",
      addressedToBot: true,
      kind: "message",
    });
    expect(r.message.sentAt.toISOString()).toBe("2025-03-01T08:00:00.000Z");
    expect(r.message.replyContext).toEqual({
      transport: "callback",
      receivedAt: now.getTime(),
      responseUrl: "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x",
    });
  });

  it("single chat: the chat id is the user id; long connection keeps the req_id", () => {
    const r = decode({ ...base, chattype: "single", msgtype: "text", text: { content: "查询 12" } }, "ws", "req-9");
    if (!("message" in r)) throw new Error("ignored");
    expect(r.message).toMatchObject({ chatId: "zhangsan", chatType: "direct", text: "查询 12" });
    expect(r.message.replyContext).toMatchObject({ transport: "ws", reqId: "req-9" });
  });

  it("voice arrives transcribed; mixed joins its text items; quotes are kept as context", () => {
    const v = decode({ ...base, chattype: "single", msgtype: "voice", voice: { content: "村里的路灯坏了" } });
    expect("message" in v && v.message.text).toBe("村里的路灯坏了");
    const m = decode({
      ...base,
      chatid: "g",
      chattype: "group",
      msgtype: "mixed",
      mixed: {
        msg_item: [
          { msgtype: "text", text: { content: "@机器人 意见 这里积水" } },
          { msgtype: "image", image: { url: "https://x" } },
          { msgtype: "text", text: { content: "好几天了" } },
        ],
      },
    });
    expect("message" in m && m.message.text).toBe("意见 这里积水\n[图片]\n好几天了");
    const q = decode({
      ...base,
      chatid: "g",
      chattype: "group",
      msgtype: "text",
      text: { content: "@机器人 意见 同上" },
      quote: { msgtype: "text", text: { content: "桥栏杆松了" } },
    });
    expect("message" in q && q.message.quote).toBe("桥栏杆松了");
  });

  it("enter_chat becomes kind enter_chat in the direct chat", () => {
    const r = decode({ ...base, chattype: "single", msgtype: "event", event: { eventtype: "enter_chat" } }, "ws", "req-1");
    if (!("message" in r)) throw new Error("ignored");
    expect(r.message).toMatchObject({ kind: "enter_chat", chatType: "direct", chatId: "zhangsan", text: "" });
    expect(r.message.replyContext).toMatchObject({ event: "enter_chat", reqId: "req-1" });
  });

  it("a button press becomes the command text, with the event's own msgid and the presser as sender", () => {
    const r = decode({
      ...base,
      msgid: "evt-77",
      chatid: "g",
      chattype: "group",
      from: { userid: "lisi" },
      msgtype: "event",
      event: { eventtype: "template_card_event", template_card_event: { card_type: "button_interaction", event_key: "cmd:评价 27 满意", task_id: "d5_ab" } },
    });
    if (!("message" in r)) throw new Error("ignored");
    expect(r.message).toMatchObject({ messageId: "evt-77", senderId: "lisi", text: "评价 27 满意", addressedToBot: true, chatId: "g" });
    // flat form (as in the SDK typings) is accepted too
    const flat = decode({ ...base, chattype: "single", msgtype: "event", event: { eventtype: "template_card_event", event_key: "cmd:查询 3" } });
    expect("message" in flat && flat.message.text).toBe("查询 3");
  });

  it("ignores what the bot does not handle", () => {
    expect(decode({ ...base, chattype: "single", msgtype: "image", image: { url: "x" } })).toHaveProperty("ignored");
    expect(decode({ ...base, chattype: "single", msgtype: "event", event: { eventtype: "feedback_event" } })).toHaveProperty("ignored");
    expect(
      decode({ ...base, chattype: "single", msgtype: "event", event: { eventtype: "template_card_event", template_card_event: { event_key: "foreign" } } }),
    ).toHaveProperty("ignored");
    expect(decode({ ...base, chattype: "group", msgtype: "text", text: { content: "x" } })).toHaveProperty("ignored"); // group without chatid
  });

  it("the schema refuses bodies without msgid or sender", () => {
    expect(wecomPayloadSchema.safeParse({ msgtype: "text", from: { userid: "a" } }).success).toBe(false);
    expect(wecomPayloadSchema.safeParse({ msgid: "1", msgtype: "text" }).success).toBe(false);
  });
});
