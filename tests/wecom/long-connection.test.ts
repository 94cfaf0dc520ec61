// The channel on its long connection against the fake WeCom WebSocket server (stand-in ingest).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWecomChannel } from "../../src/channels/wecom/index.ts";
import type { Channel, Delivery, InboundMessage } from "../../src/channels/types.ts";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { capturingLogger, testConfig, waitUntil } from "./helpers.ts";
import { trusted } from "../../src/domain/rich-text.ts";
import type { Timers } from "../../src/channels/timers.ts";
import { ManualTimers } from "../helpers/manual-timers.ts";

const tuning = { heartbeatMs: 150, probeTimeoutMs: 120, reconnectBaseMs: 40, reconnectMaxMs: 200, authTimeoutMs: 1_000, ingestRetryDelaysMs: [20, 20] };

let server: FakeWecomWsServer;
let channel: Channel;
let ingested: InboundMessage[];
let failIngest: number;
let log: ReturnType<typeof capturingLogger>;

async function startChannel(secret = "test-bot-secret", timers?: Timers) {
  const config = testConfig({ WECOM_BOT_ID: "test-bot-id", WECOM_BOT_SECRET: secret, WECOM_WS_URL: server.url });
  const made = createWecomChannel({
    config,
    logger: log.logger,
    tuning,
    timers,
    ingest: async (m) => {
      if (failIngest > 0) {
        failIngest--;
        throw new Error("db down");
      }
      const duplicate = ingested.some((x) => x.messageId === m.messageId);
      if (!duplicate) ingested.push(m);
      return { duplicate };
    },
  });
  expect(made?.router).toBeUndefined();
  channel = made!.channel;
  await channel.start!();
}

const state = () => channel.health!().state;
const post = (id: number, body: string, chatId = "wrGroup"): Delivery => ({
  id,
  platform: "wecom",
  chatId,
  chatType: "group",
  kind: "post",
  message: { body: trusted(body) },
  attempts: 0,
});

beforeEach(async () => {
  server = new FakeWecomWsServer();
  await server.start();
  ingested = [];
  failIngest = 0;
  log = capturingLogger();
});
afterEach(async () => {
  await channel?.stop?.();
  await server.stop();
});

describe("long connection", () => {
  it("subscribes, receives a group message, replies with aibot_respond_msg to its req_id", async () => {
    await startChannel();
    await waitUntil(() => state() === "open", 5_000, "open");
    expect(server.subscriptions).toBe(1);
    const reqId = server.pushMessage(textMessage({ msgid: "m1", userid: "zhangsan", chatid: "wrGroup", content: "@机器人 意见 路灯坏了" }));
    await waitUntil(() => ingested.length === 1);
    expect(ingested[0]).toMatchObject({ messageId: "m1", chatId: "wrGroup", text: "意见 路灯坏了" });
    expect(ingested[0].replyContext).toMatchObject({ transport: "ws", reqId });

    const r = await channel.send({
      id: 1,
      platform: "wecom",
      chatId: "wrGroup",
      chatType: "group",
      kind: "reply",
      replyTo: { messageId: "m1", context: ingested[0].replyContext },
      message: { body: trusted("已收到，编号 #1") },
      attempts: 0,
    });
    expect(r).toEqual({ ok: true });
    const sent = server.sent("aibot_respond_msg");
    expect(sent).toHaveLength(1);
    expect(sent[0].reqId).toBe(reqId);
    expect(sent[0].body).toMatchObject({ msgtype: "stream", stream: { finish: true, content: "已收到，编号 #1" } });
    // the bot secret never reaches the logs
    expect(log.lines.join("")).not.toContain("test-bot-secret");
  });

  it("posts with aibot_send_msg to the chat", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    expect(await channel.send(post(2, "**本周汇总**\n共 3 条"))).toEqual({ ok: true });
    expect(server.sent("aibot_send_msg")[0].body).toEqual({ chatid: "wrGroup", msgtype: "markdown", markdown: { content: "**本周汇总**\n共 3 条" } });
  });

  it("server disconnected_event: the old socket is replaced by a new subscription", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    server.disconnectEvent();
    await waitUntil(() => server.subscriptions === 2 && state() === "open", 5_000, "resubscribe");
    expect(channel.health!().reconnects).toBeGreaterThanOrEqual(1);
    server.pushMessage(textMessage({ msgid: "after-kick", userid: "u", chatid: "g", content: "@bot 查询 1" }));
    await waitUntil(() => ingested.some((m) => m.messageId === "after-kick"));
    expect(log.lines.join("")).toContain("被新连接顶替");
  });

  it("disconnected_event on a socket the server leaves half-alive is still replaced", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    server.disconnectEvent({ keepOpen: true });
    await waitUntil(() => server.subscriptions === 2 && state() === "open", 5_000, "resubscribe");
    await waitUntil(() => server.openConnections === 1, 2_000, "old socket closed");
  });

  it("dropped socket: reconnects; nothing lost or doubled across the reconnect", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    server.pushMessage(textMessage({ msgid: "a1", userid: "u1", chatid: "g", content: "@bot 意见 一" }));
    await waitUntil(() => ingested.length === 1);
    server.dropSocket();
    await waitUntil(() => server.subscriptions === 2 && state() === "open", 5_000, "reconnect");
    // WeCom may re-deliver the last callback after a reconnect; plus new ones arrive
    server.pushMessage(textMessage({ msgid: "a1", userid: "u1", chatid: "g", content: "@bot 意见 一" }));
    server.pushMessage(textMessage({ msgid: "a2", userid: "u2", chatid: "g", content: "@bot 意见 二" }));
    server.pushMessage(textMessage({ msgid: "a3", userid: "u1", chatid: "g", content: "@bot 意见 三" }));
    // Frames are handled in arrival order: once three are stored, the re-delivered a1 has been handled too.
    await waitUntil(() => ingested.length === 3);
    expect(ingested.map((m) => m.messageId)).toEqual(["a1", "a2", "a3"]);
  });

  it("half-open connection (pings unanswered) is detected by our probe and replaced", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    await waitUntil(() => server.pings >= 4, 5_000, "probes acked"); // probes work on this connection
    server.answerPings = false;
    await waitUntil(() => state() === "reconnecting", 5_000, "detect half-open");
    expect(String(channel.health!().lastError)).toContain("半开");
    server.answerPings = true;
    await waitUntil(() => server.subscriptions >= 2 && state() === "open", 5_000, "reconnect");
  });

  it("a connection whose pings are never answered is replaced too (the SDK heartbeat)", async () => {
    server.answerPings = false;
    await startChannel();
    await waitUntil(() => server.subscriptions >= 1);
    await waitUntil(() => state() === "reconnecting", 5_000, "detect dead connection");
    expect(log.lines.join("")).toContain("No heartbeat ack");
    server.answerPings = true;
    await waitUntil(() => server.subscriptions >= 2 && state() === "open", 5_000, "reconnect");
  });

  it("wrong secret: keeps retrying with backoff and reports it in health", async () => {
    await startChannel("wrong-secret");
    await waitUntil(() => server.failedSubscriptions >= 3, 5_000, "retries");
    expect(state()).not.toBe("open");
    expect(String(channel.health!().lastError)).toContain("Authentication failed");
    expect(log.lines.join("")).not.toContain("wrong-secret");
  });

  it("stop() closes the socket and does not reconnect", async () => {
    const timers = new ManualTimers();
    await startChannel(undefined, timers);
    await waitUntil(() => state() === "open");
    await channel.stop!();
    expect(state()).toBe("stopped");
    await waitUntil(() => server.openConnections === 0, 2_000, "socket closed");
    await timers.advance(300);
    expect(server.subscriptions).toBe(1);
  });

  it("ingest failing briefly is retried; the message is stored once", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    failIngest = 2;
    server.pushMessage(textMessage({ msgid: "retry-1", userid: "u", content: "查询 1" }));
    await waitUntil(() => ingested.length === 1);
    expect(ingested[0]).toMatchObject({ messageId: "retry-1", chatType: "direct", chatId: "u" });
  });

  it("30 messages a minute per chat: the 31st waits (retryAfterMs), other chats are unaffected", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    for (let i = 0; i < 30; i++) expect(await channel.send(post(100 + i, `第 ${i} 条`))).toEqual({ ok: true });
    const r = await channel.send(post(200, "第 31 条"));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe("rate_limited");
      expect(r.retryAfterMs).toBeGreaterThan(50_000);
      expect(r.permanent).toBeUndefined();
    }
    expect(await channel.send(post(201, "别的群", "otherGroup"))).toEqual({ ok: true });
    expect(server.sent("aibot_send_msg")).toHaveLength(31);
  });

  it("a server rate-limit answer (45009) becomes rate_limited", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    server.sendErrcodes = [45009];
    const r = await channel.send(post(300, "x"));
    expect(r).toMatchObject({ ok: false, error: "rate_limited", retryAfterMs: 60_000 });
  });

  it("a multi-part post interrupted mid-way resumes at the failed part on retry", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    const body = Array.from({ length: 300 }, (_, i) => `${i + 1}. 张家村道路破损，已转交通运输局。`).join("\n");
    server.sendErrcodes = [0, 0, 600001]; // third part refused once
    const d = post(400, body);
    const first = await channel.send(d);
    expect(first.ok).toBe(false);
    expect(server.sent("aibot_send_msg")).toHaveLength(2);
    const second = await channel.send({ ...d, attempts: 1 });
    expect(second).toEqual({ ok: true });
    const parts = server.sent("aibot_send_msg").map((f) => f.body.markdown.content as string);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parts).size).toBe(parts.length); // nothing sent twice
    expect(parts[0].startsWith("1. ")).toBe(true);
    parts.slice(1).forEach((p, i) => expect(p.startsWith(`（续 ${i + 2}/${parts.length}）`)).toBe(true));
    expect(channel.health!().partialDeliveries).toBe(0);
  });

  it("not connected and no webhook: the post waits (retryable), never dropped", async () => {
    await startChannel();
    await waitUntil(() => state() === "open");
    await server.stop();
    await waitUntil(() => state() !== "open");
    const r = await channel.send(post(500, "稍后再发"));
    expect(r).toMatchObject({ ok: false, error: "not_connected" });
    expect(r.ok === false && r.permanent).toBeFalsy();
    server = new FakeWecomWsServer(); // afterEach stops it
    await server.start();
  });
});
