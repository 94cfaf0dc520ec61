import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingtalkChannel } from "../../src/channels/dingtalk/index.ts";
import type { Channel } from "../../src/channels/types.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { capturingLogger, CLIENT_ID, CLIENT_SECRET, delivery, dingtalkConfig, memorySeen } from "./helpers.ts";
import { trusted } from "../../src/domain/rich-text.ts";

let fake: FakeDingtalk;
let channel: Channel;
let logLines: string[];

beforeEach(async () => {
  fake = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const { logger, lines } = capturingLogger();
  logLines = lines;
  channel = createDingtalkChannel({
    config: dingtalkConfig(fake.baseUrl, { DINGTALK_MODE: "http" }),
    ingest: async () => ({ duplicate: false }),
    logger,
    seen: memorySeen(),
  })!.channel;
});
afterEach(() => fake.close());

const replyTo = (session: string, expiresAt = Date.now() + 60 * 60_000) => ({
  messageId: "m1",
  context: {
    sessionWebhook: fake.api.sessionWebhook(session),
    sessionWebhookExpiredTime: expiresAt,
    conversationId: "cidGroup1==",
    conversationType: "2",
    senderStaffId: "u100",
  },
});

describe("dingtalk send", () => {
  it("replies through the sessionWebhook, mentioning the citizen", async () => {
    const r = await channel.send(delivery({ kind: "reply", replyTo: replyTo("s1"), message: { body: trusted("已受理，编号 #1"), mentions: ["u100"] } }));
    expect(r).toEqual({ ok: true });
    expect(fake.api.sessionPosts).toHaveLength(1);
    expect(fake.api.sessionPosts[0]!.body).toMatchObject({ msgtype: "markdown", at: { atUserIds: ["u100"] } });
    expect(fake.api.textsIn("s1")[0]).toContain("#1");
    expect(fake.api.groupSends).toHaveLength(0);
    expect(fake.api.tokenCalls).toBe(0);
  });

  it("falls back to the OpenAPI group send when the session expired (300001) or by its expiry time", async () => {
    fake.api.expireSession("s2");
    expect(await channel.send(delivery({ kind: "reply", replyTo: replyTo("s2"), message: { body: trusted("回复一") } }))).toEqual({ ok: true });
    expect(await channel.send(delivery({ kind: "reply", replyTo: replyTo("s3", Date.now() - 1000), message: { body: trusted("回复二") } }))).toEqual({
      ok: true,
    });
    expect(fake.api.hits.session).toBe(1); // the timed-out one was not even tried
    expect(fake.api.groupSends.map((s) => [s.openConversationId, s.robotCode, s.msgKey, s.msgParam.text])).toEqual([
      ["cidGroup1==", CLIENT_ID, "sampleMarkdown", "回复一"],
      ["cidGroup1==", CLIENT_ID, "sampleMarkdown", "回复二"],
    ]);
  });

  it("posts with one token call for many concurrent sends", async () => {
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => channel.send(delivery({ chatId: `cid${i}`, message: { body: trusted(`汇总 ${i}`) } }))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.api.tokenCalls).toBe(1);
    expect(fake.api.groupSends).toHaveLength(15);
  });

  it("gets a new token when the API rejects the cached one", async () => {
    await channel.send(delivery());
    fake.api.revokeTokens();
    expect(await channel.send(delivery())).toEqual({ ok: true });
    expect(fake.api.tokenCalls).toBe(2);
  });

  it("sends 1-on-1 posts through oToMessages/batchSend", async () => {
    expect(await channel.send(delivery({ chatType: "direct", chatId: "u100", message: { body: trusted("您的意见 #3 有新答复") } }))).toEqual({ ok: true });
    expect(fake.api.directSends).toEqual([expect.objectContaining({ robotCode: CLIENT_ID, userIds: ["u100"], msgKey: "sampleMarkdown" })]);
    // Someone known only by an encrypted id cannot be reached 1-on-1 through the API.
    expect(await channel.send(delivery({ chatType: "direct", chatId: "$:LWCP_v1:$abc" }))).toMatchObject({ ok: false, permanent: true });
  });

  it("turns throttling answers into retryAfterMs and permanent errors into permanent", async () => {
    fake.api.failNext("groupMessages", { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", message: "qps" } });
    const qps = await channel.send(delivery());
    expect(qps).toMatchObject({ ok: false, error: expect.stringMatching(/rate_limited/) });
    expect(!qps.ok && qps.retryAfterMs).toBeGreaterThanOrEqual(1000);

    fake.api.failNext("groupMessages", { status: 400, body: { code: "send.too.fast" } });
    expect(await channel.send(delivery())).toMatchObject({ ok: false, retryAfterMs: expect.any(Number) });

    fake.api.failNext("groupMessages", { status: 429, body: {}, headers: { "retry-after": "7" } });
    const r429 = await channel.send(delivery());
    expect(!r429.ok && r429.retryAfterMs).toBeGreaterThanOrEqual(7000);

    fake.api.failNext("groupMessages", { status: 400, body: { code: "invalid.openConversationId" } });
    expect(await channel.send(delivery())).toMatchObject({ ok: false, permanent: true });
    fake.api.failNext("groupMessages", { status: 400, body: { code: "bot.stopped" } });
    expect(await channel.send(delivery())).toMatchObject({ ok: false, permanent: true });

    fake.api.failNext("groupMessages", { status: 503, body: {} });
    const busy = await channel.send(delivery());
    expect(busy).toMatchObject({ ok: false });
    expect("permanent" in busy && busy.permanent).toBeFalsy();
  });

  it("keeps within 20 QPS per API itself", async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => channel.send(delivery({ chatId: `c${i}` }))));
    const limited = results.filter((r) => !r.ok);
    expect(limited).toHaveLength(5);
    for (const r of limited) expect(r).toMatchObject({ error: expect.stringMatching(/rate_limited/), retryAfterMs: expect.any(Number) });
    expect(fake.api.groupSends).toHaveLength(20);
  });

  it("posts to a custom robot with a signed URL, 20 a minute, never logging the webhook", async () => {
    const url = fake.api.customRobot("robot-token-abcdef", "SECrobotsecret0001");
    const settings = { webhookUrl: url, webhookSecret: "SECrobotsecret0001" };
    const results = [];
    for (let i = 0; i < 21; i++)
      results.push(await channel.send(delivery({ groupSettings: settings, message: { body: trusted(`提醒 ${i}`), mentions: ["u9"] } })));
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(results[20]).toMatchObject({ ok: false, retryAfterMs: expect.any(Number) });
    expect(!results[20]!.ok && results[20]!.retryAfterMs).toBeGreaterThan(50_000);
    expect(fake.api.robotPosts).toHaveLength(20); // refused locally, the robot was never muted
    expect(fake.api.robotPosts[0]!.body).toMatchObject({ msgtype: "markdown", at: { atUserIds: ["u9"] }, msgUuid: expect.any(String) });
    expect(fake.api.groupSends).toHaveLength(0);
    const logs = logLines.join("\n");
    expect(logs).not.toContain("robot-token-abcdef");
    expect(logs).not.toContain("SECrobotsecret0001");
    expect(logs).not.toContain(CLIENT_SECRET);
  });

  it("reports a custom robot with a wrong secret as permanent and its 410100 as throttling", async () => {
    const url = fake.api.customRobot("robot-b", "SECright");
    expect(await channel.send(delivery({ groupSettings: { webhookUrl: url, webhookSecret: "SECwrong" } }))).toMatchObject({ ok: false, permanent: true });
    fake.api.failNext("robot", { status: 200, body: { errcode: 410100, errmsg: "send too fast" } });
    const r = await channel.send(delivery({ chatId: "other", groupSettings: { webhookUrl: url, webhookSecret: "SECright" } }));
    expect(!r.ok && r.retryAfterMs).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it("sends a long summary in parts and resumes after a failed part without repeating", async () => {
    const body = Array.from({ length: 900 }, (_, i) => `- 第 ${i + 1} 条意见：村道坑洼需修补，已转交乡镇`).join("\n");
    const d = delivery({ message: { title: trusted("本周意见汇总"), body: trusted(body) } });
    fake.api.failNext("groupMessages", { status: 200, body: {} }); // placeholder so part 1 goes through below
    fake.api.failNext("groupMessages", { status: 500, body: { code: "SystemError" } });
    const first = await channel.send(d);
    expect(first.ok).toBe(false);
    expect(fake.api.hits.groupMessages).toBe(2);
    const second = await channel.send({ ...d, attempts: 1 });
    expect(second).toEqual({ ok: true });
    const titles = fake.api.groupSends.map((s) => s.msgParam.title);
    // part 1 was answered by the scripted 200 (not recorded), part 2 failed, parts 2..n sent on the retry
    expect(titles[0]).toMatch(/（2\/\d+）$/);
    expect(new Set(titles).size).toBe(titles.length);
    for (const s of fake.api.groupSends) expect(Buffer.byteLength(JSON.stringify(s.msgParam))).toBeLessThanOrEqual(15_000);
  });
});
