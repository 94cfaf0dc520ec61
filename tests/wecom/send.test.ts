// Sending without a long connection: response_url replies and group-webhook posts against
// the fake qyapi server (callback-mode channel, stand-in ingest).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWecomChannel } from "../../src/channels/wecom/index.ts";
import type { Channel, Delivery } from "../../src/channels/types.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { AES_KEY, capturingLogger, testConfig, TOKEN } from "./helpers.ts";
import { trusted } from "../../src/domain/rich-text.ts";

let http: FakeWecomHttpServer;
let channel: Channel;
const log = capturingLogger();
let clock = Date.now();

beforeAll(async () => {
  http = new FakeWecomHttpServer();
  await http.start();
  const made = createWecomChannel({
    config: testConfig({ WECOM_BOT_TOKEN: TOKEN, WECOM_BOT_ENCODING_AES_KEY: AES_KEY, WECOM_API_BASE: http.base }),
    ingest: async () => ({ duplicate: false }),
    logger: log.logger,
    now: () => new Date(clock),
  });
  expect(made?.router).toBeDefined();
  channel = made!.channel;
});
afterAll(() => http.stop());
beforeEach(() => {
  http.requests.length = 0;
  http.webhookFailures = [];
  clock += 120_000; // a fresh minute for the webhook budget
});

let nextId = 1;
function delivery(over: Partial<Delivery>): Delivery {
  return { id: nextId++, platform: "wecom", chatId: "wrGroup", chatType: "group", kind: "post", message: { body: trusted("测试") }, attempts: 0, ...over };
}
const replyCtx = (responseUrl: string, receivedAt = clock) => ({ messageId: "m", context: { transport: "callback", responseUrl, receivedAt } });

describe("replies through response_url", () => {
  it("a reply goes once to the callback's response_url as markdown", async () => {
    const url = http.responseUrl();
    expect(await channel.send(delivery({ kind: "reply", replyTo: replyCtx(url), message: { body: trusted("已受理，编号 #3") } }))).toEqual({ ok: true });
    const [req] = http.delivered("response_url");
    expect(req.body).toEqual({ msgtype: "markdown", markdown: { content: "已受理，编号 #3" } });
  });

  it("a second reply to the same message (response_url used up) falls back to the group webhook", async () => {
    const url = http.responseUrl();
    const webhookUrl = http.webhookUrl("KEY_FALLBACK");
    expect(await channel.send(delivery({ kind: "reply", replyTo: replyCtx(url), message: { body: trusted("第一条") } }))).toEqual({ ok: true });
    expect(
      await channel.send(delivery({ kind: "reply", replyTo: replyCtx(url), groupSettings: { webhookUrl }, message: { body: trusted("第二条") } })),
    ).toEqual({ ok: true });
    expect(http.delivered("webhook").map((r) => r.body.markdown.content)).toEqual(["第二条"]);
  });

  it("a response_url WeCom refuses (used elsewhere) falls back to the webhook in the same attempt", async () => {
    const url = http.responseUrl("USED");
    await fetch(url, { method: "POST", body: JSON.stringify({ msgtype: "markdown", markdown: { content: "x" } }) });
    const r = await channel.send(
      delivery({ kind: "reply", replyTo: replyCtx(url), groupSettings: { webhookUrl: http.webhookUrl() }, message: { body: trusted("改走 webhook") } }),
    );
    expect(r).toEqual({ ok: true });
    expect(http.delivered("webhook")).toHaveLength(1);
  });

  it("an expired response_url (> 1 h) and no push path: permanent failure, shown to staff", async () => {
    const r = await channel.send(
      delivery({ kind: "reply", replyTo: replyCtx(http.responseUrl(), clock - 2 * 3_600_000), chatType: "direct", chatId: "zhangsan" }),
    );
    expect(r).toMatchObject({ ok: false, error: "no_push_path", permanent: true });
    expect(http.requests).toHaveLength(0);
  });

  it("a rating reply whose body fits is sent as a button card", async () => {
    const r = await channel.send(
      delivery({
        kind: "reply",
        replyTo: replyCtx(http.responseUrl()),
        message: {
          title: trusted("请评价 #5"),
          body: trusted("您的意见已办结。"),
          card: "rating",
          buttons: [
            { label: "满意", command: "评价 5 满意" },
            { label: "基本满意", command: "评价 5 基本满意" },
            { label: "不满意", command: "评价 5 不满意" },
          ],
        },
      }),
    );
    expect(r).toEqual({ ok: true });
    const body = http.delivered("response_url")[0].body;
    expect(body.msgtype).toBe("template_card");
    expect(body.template_card.button_list.map((b: any) => b.key)).toEqual(["cmd:评价 5 满意", "cmd:评价 5 基本满意", "cmd:评价 5 不满意"]);
  });
});

describe("posts through the group webhook", () => {
  it("a post goes to the group's webhook as markdown", async () => {
    const r = await channel.send(
      delivery({
        groupSettings: { webhookUrl: http.webhookUrl("K1") },
        message: { title: trusted("提醒"), body: trusted("明天是选民接待日"), mentions: ["wangwu"] },
      }),
    );
    expect(r).toEqual({ ok: true });
    expect(http.delivered("webhook")[0]).toMatchObject({
      id: "K1",
      body: { msgtype: "markdown", markdown: { content: "<@wangwu>\n**提醒**\n明天是选民接待日" } },
    });
  });

  it("a rating card cannot go through a webhook: its markdown tells people what to type", async () => {
    await channel.send(
      delivery({
        groupSettings: { webhookUrl: http.webhookUrl() },
        message: { body: trusted("请评价"), card: "rating", buttons: [{ label: "满意", command: "评价 9 满意" }] },
      }),
    );
    const content = http.delivered("webhook")[0].body.markdown.content as string;
    expect(content).toContain("`评价 9 满意`");
  });

  it("HTTP 429 and errcode 45009 are retried later (retryAfterMs), then delivered", async () => {
    const webhookUrl = http.webhookUrl("K429");
    http.webhookFailures = [{ status: 429 }, { errcode: 45009 }];
    const d = delivery({ groupSettings: { webhookUrl }, message: { body: trusted("周报") } });
    const r1 = await channel.send(d);
    expect(r1).toMatchObject({ ok: false, error: "rate_limited" });
    expect(r1.ok === false && r1.retryAfterMs).toBeGreaterThan(0);
    clock += 61_000;
    const r2 = await channel.send({ ...d, attempts: 1 });
    expect(r2).toMatchObject({ ok: false, error: "rate_limited", retryAfterMs: 60_000 });
    clock += 61_000;
    expect(await channel.send({ ...d, attempts: 2 })).toEqual({ ok: true });
    expect(http.delivered("webhook")).toHaveLength(1);
  });

  it("20 per minute per webhook: the 21st is held back by our own budget, not by WeCom", async () => {
    const webhookUrl = http.webhookUrl("K20");
    for (let i = 0; i < 20; i++)
      expect(await channel.send(delivery({ groupSettings: { webhookUrl }, message: { body: trusted(`#${i}`) } }))).toEqual({ ok: true });
    const r = await channel.send(delivery({ groupSettings: { webhookUrl }, message: { body: trusted("#20") } }));
    expect(r).toMatchObject({ ok: false, error: "rate_limited" });
    expect(http.requests.filter((q) => q.id === "K20")).toHaveLength(20); // never even asked WeCom
  });

  it("a weekly-summary-sized post is split into ordered parts, each under 4,096 bytes; a rate limit mid-way resumes without resending", async () => {
    const webhookUrl = http.webhookUrl("KSUM");
    const lines = Array.from({ length: 260 }, (_, i) => `- #${i + 1} 李家村：排水沟堵塞，已转镇政府办理，**预计**下周完成。`);
    const d = delivery({ groupSettings: { webhookUrl }, message: { title: trusted("本周意见建议汇总"), body: trusted(lines.join("\n")), card: "summary" } });
    http.failWebhookRequest(3, { errcode: 45009 }); // two parts go through, then WeCom throttles
    const first = await channel.send(d);
    expect(first).toMatchObject({ ok: false, error: "rate_limited", retryAfterMs: 60_000 });
    expect(http.delivered("webhook")).toHaveLength(2);
    clock += 61_000;
    expect(await channel.send({ ...d, attempts: 1 })).toEqual({ ok: true });
    const parts = http.delivered("webhook").map((r) => r.body.markdown.content as string);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
    expect(parts[0].startsWith("**本周意见建议汇总**")).toBe(true);
    parts.slice(1).forEach((p, i) => expect(p.startsWith(`（续 ${i + 2}/${parts.length}）`)).toBe(true));
    // every line arrives exactly once, in order
    const received = parts
      .join("\n")
      .split("\n")
      .filter((l) => l.startsWith("- #"));
    expect(received).toEqual(lines);
  });

  it("an invalid or foreign webhook URL is refused permanently and never called; the key is not logged", async () => {
    const r = await channel.send(delivery({ groupSettings: { webhookUrl: "https://evil.example.com/cgi-bin/webhook/send?key=SECRETKEY123" } }));
    expect(r).toMatchObject({ ok: false, error: "invalid_webhook_url", permanent: true });
    const gone = await channel.send(delivery({ groupSettings: { webhookUrl: `${http.base}/cgi-bin/webhook/send?key=` } }));
    expect(gone).toMatchObject({ ok: false, permanent: true });
    expect(log.lines.join("")).not.toContain("SECRETKEY123");
    expect(log.lines.join("")).toContain("key=SECR****");
  });

  it("a post with no push path at all (callback mode, no webhook) fails permanently", async () => {
    expect(await channel.send(delivery({}))).toMatchObject({ ok: false, error: "no_push_path", permanent: true });
  });
});
