import { describe, expect, it } from "vitest";
import { decodeRobotMessage, stripMentions } from "../../src/channels/dingtalk/decode.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";

const now = () => new Date("2025-03-01T08:00:00Z");
const group = { id: "cidGroup1==", title: "幸福村村民群" };

describe("decodeRobotMessage", () => {
  it("decodes a group text message with its reply context", () => {
    const p = robotTextPayload({
      text: "意见 村口路灯坏了",
      from: { staffId: "u100", nick: "李大爷" },
      group,
      msgId: "m1",
      sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
      sessionExpiresAt: 1740816000000,
    });
    const r = decodeRobotMessage(p, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message).toMatchObject({
      platform: "dingtalk",
      messageId: "m1",
      chatId: "cidGroup1==",
      chatType: "group",
      chatName: "幸福村村民群",
      senderId: "u100",
      senderName: "李大爷",
      text: "意见 村口路灯坏了",
      addressedToBot: true,
      replyContext: {
        sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
        sessionWebhookExpiredTime: 1740816000000,
        conversationId: "cidGroup1==",
        conversationType: "2",
        senderStaffId: "u100",
      },
    });
  });

  it("uses senderId when there is no staff id, and the user as the 1-on-1 chat", () => {
    const r = decodeRobotMessage(robotTextPayload({ text: "查询 3", from: { senderId: "$:LWCP_v1:$ext", nick: "外部" } }), now);
    expect(r.ok && r.message).toMatchObject({ senderId: "$:LWCP_v1:$ext", chatId: "$:LWCP_v1:$ext", chatType: "direct", chatName: undefined });
    const staff = decodeRobotMessage(robotTextPayload({ text: "查询 3", from: { staffId: "u7", nick: "王" } }), now);
    expect(staff.ok && staff.message).toMatchObject({ chatId: "u7", chatType: "direct" });
  });

  it("takes rich text and audio recognition; placeholders for media", () => {
    const rich = decodeRobotMessage(robotTextPayload({ text: "意见 看图", from: { staffId: "u1", nick: "a" }, msgtype: "richText" }), now);
    expect(rich.ok && rich.message.text).toBe("意见 看图");
    const audio = decodeRobotMessage(robotTextPayload({ text: "意见 垃圾没人收", from: { staffId: "u1", nick: "a" }, msgtype: "audio" }), now);
    expect(audio.ok && audio.message.text).toBe("意见 垃圾没人收");
    const pic = decodeRobotMessage(robotTextPayload({ text: "", from: { staffId: "u1", nick: "a" }, msgtype: "picture" }), now);
    expect(pic.ok && pic.message.text).toBe("[图片]");
  });

  it("strips leading @-mentions but keeps @ inside the text", () => {
    expect(stripMentions(" @张三 意见 路灯", 2)).toBe("意见 路灯");
    expect(stripMentions("\u2005意见 邮箱 a@b.cn", 1)).toBe("意见 邮箱 a@b.cn");
    expect(stripMentions("@我自己写的", 0)).toBe("@我自己写的");
  });

  it("takes createAt as the sending time", () => {
    const p = { ...robotTextPayload({ text: "x", from: { staffId: "u1", nick: "a" } }), createAt: 1700000000000 };
    const r = decodeRobotMessage(p, now);
    expect(r.ok && r.message.sentAt.getTime()).toBe(1700000000000);
  });

  it("rejects payloads without the fields it needs", () => {
    expect(decodeRobotMessage({}, now).ok).toBe(false);
    expect(decodeRobotMessage("text", now).ok).toBe(false);
    const p = robotTextPayload({ text: "x", from: { staffId: "u1", nick: "a" } });
    expect(decodeRobotMessage({ ...p, conversationType: "3" }, now).ok).toBe(false);
    expect(decodeRobotMessage({ ...p, senderId: "", senderStaffId: "" }, now).ok).toBe(false);
  });

  it("skips the empty quota-exceeded message", () => {
    const p = { ...robotTextPayload({ text: "x", from: { staffId: "u1", nick: "a" } }), text: undefined, errorMessage: "机器人调用量已超限" };
    expect(decodeRobotMessage(p, now)).toMatchObject({ ok: false, skip: true });
  });
});

describe("decodeRobotMessage sessionWebhook", () => {
  it("keeps the message but drops a sessionWebhook that is not http(s)", () => {
    const p = robotTextPayload({ text: "意见 x", from: { staffId: "u1", nick: "a" }, sessionWebhook: "file:///etc/passwd" });
    const r = decodeRobotMessage(p, now);
    expect(r.ok).toBe(true);
    expect(r.ok && r.message.replyContext).not.toHaveProperty("sessionWebhook");
  });
});
