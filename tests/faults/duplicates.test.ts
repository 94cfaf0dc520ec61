// The same delivery three times at once, on every door: one opinion, one reply.
import { afterAll, describe, expect, it } from "vitest";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { startTestApp } from "../helpers/test-app.ts";
import { startDingtalkApp } from "../dingtalk/e2e-helpers.ts";
import { encryptedCallback, waitUntil } from "../wecom/helpers.ts";
import { startSecureApp, WECOM_GROUP } from "../security/harness.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe("duplicate deliveries, three at once", () => {
  it("WeCom callback, DingTalk HTTP callback and the simulator", async () => {
    const s = await startSecureApp();
    cleanup.push(() => s.stop());

    // WeCom: the byte-identical request three times concurrently.
    const responseUrl = s.wecom.responseUrl("DUP1");
    const c = encryptedCallback(
      textMessage({ userid: "dup-w", chatid: WECOM_GROUP, content: "@助手\u2005意见 重复投递测试：村东头的水井盖子坏了", responseUrl, msgid: "dup-wecom-1" }),
    );
    const w = await Promise.all([1, 2, 3].map(() => fetch(`${s.baseUrl}/callbacks/wecom?${c.query}`, { method: "POST", body: c.body })));
    expect(w.map((r) => r.status)).toEqual([200, 200, 200]);

    // DingTalk: the same signed callback three times concurrently.
    const body = JSON.stringify(s.dingtalkText("dup-d", "意见 重复投递测试：村西头的路灯不亮了", "dup-ding-1"));
    const d = await Promise.all([1, 2, 3].map(() => s.dingtalkCallback(body)));
    expect(d.map((r) => r.status)).toEqual([200, 200, 200]);

    // Simulator: the same message id three times concurrently.
    const sim = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`${s.baseUrl}/api/simulator/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            chatId: "dup-sim",
            senderId: "dup-s",
            text: "意见 重复投递测试：村南头的垃圾没人清运",
            mentionsBot: true,
            messageId: "dup-sim-1",
          }),
        }).then((r) => r.json() as Promise<any>),
      ),
    );
    await s.settle();

    for (const [platform, id] of [
      ["wecom", "dup-wecom-1"],
      ["dingtalk", "dup-ding-1"],
      ["simulator", "dup-sim-1"],
    ]) {
      expect(await s.app.db.opinion.count({ where: { platform, sourceMessageId: id } }), platform).toBe(1);
      expect(await s.app.db.outboxMessage.count({ where: { platform, kind: "reply", replyTo: { path: ["messageId"], equals: id } } }), platform).toBe(1);
    }
    expect(s.wecom.delivered("response_url").filter((r) => r.id === "DUP1")).toHaveLength(1);
    expect(s.dingtalk.api.sessionPosts.filter((p) => p.id === "s-dup-ding-1")).toHaveLength(1);
    expect(sim.reduce((n, r) => n + r.replies.length, 0)).toBe(1);
    expect(sim.filter((r) => r.duplicate)).toHaveLength(2);
  });

  it("WeCom long connection: the same frame three times", async () => {
    const ws = new FakeWecomWsServer("dup-bot", "dup-secret");
    await ws.start();
    const http = new FakeWecomHttpServer();
    await http.start();
    const t = await startTestApp({ WECOM_BOT_ID: "dup-bot", WECOM_BOT_SECRET: "dup-secret", WECOM_WS_URL: ws.url, WECOM_API_BASE: http.base });
    cleanup.push(async () => {
      await t.stop();
      await ws.stop();
      await http.stop();
    });
    await ws.waitFor(() => ws.subscriptions === 1, 10_000, "subscribe");
    const body = textMessage({ userid: "dup-ws", chatid: "wrDupWs", content: "@助手\u2005意见 重复投递测试：长连接上的同一条消息", msgid: "dup-ws-1" });
    const reqIds = [ws.pushMessage(body), ws.pushMessage(body), ws.pushMessage(body)];
    await waitUntil(async () => (await t.app.db.inboundMessage.count({ where: { messageId: "dup-ws-1" } })) === 1);
    await waitUntil(() => t.app.ingest !== undefined);
    await new Promise((r) => setTimeout(r, 300)); // let the other two frames arrive and be dropped
    await t.app.inbox.idle();
    await t.app.outbox.drain();
    expect(await t.app.db.opinion.count({ where: { sourceMessageId: "dup-ws-1" } })).toBe(1);
    expect(ws.sent().filter((f) => reqIds.includes(f.reqId))).toHaveLength(1);
  });

  it("DingTalk Stream: the same callback in three frames; every frame acknowledged", async () => {
    const env = await startDingtalkApp("stream");
    cleanup.push(() => env.stop());
    await env.fake.gateway.waitForConnections(1, 10_000);
    const payload = robotTextPayload({
      text: "意见 重复投递测试：Stream 上的同一条消息",
      from: { staffId: "dup-st", nick: "村民" },
      group: { id: "cidDupStream==", title: "重复测试群" },
      msgId: "dup-stream-1",
      sessionWebhook: env.fake.api.sessionWebhook("s-dup-stream"),
    });
    const frames = [1, 2, 3].map(() => env.fake.gateway.sendCallback(payload));
    for (const f of frames) await env.fake.gateway.waitForAck(f, 10_000);
    await env.app.inbox.idle();
    await env.app.outbox.drain();
    expect(await env.app.db.opinion.count({ where: { sourceMessageId: "dup-stream-1" } })).toBe(1);
    expect(env.fake.api.sessionPosts.filter((p) => p.id === "s-dup-stream")).toHaveLength(1);
  });
});
