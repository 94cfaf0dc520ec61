// Stream: messages/s through the DingTalk Stream and WeCom long-connection paths of the real
// service against the local fake servers, from the first frame sent until every one is stored.
import pg from "pg";
import { startFakeDingtalk } from "../tests/fakes/dingtalk-server.ts";
import { robotTextPayload } from "../tests/fakes/dingtalk-payloads.ts";
import { FakeWecomWsServer, textMessage } from "../tests/fakes/wecom-ws-server.ts";
import { FakeWecomHttpServer } from "../tests/fakes/wecom-http-server.ts";
import { DINGTALK_ID, DINGTALK_SECRET } from "./lib/messages.ts";
import { startService } from "./lib/proc.ts";

export interface StreamResult {
  dingtalkStream: { messages: number; ms: number; rate: number };
  wecomLongConnection: { messages: number; ms: number; rate: number };
}

async function count(url: string, platform: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT count(*)::int AS n FROM "InboundMessage" WHERE platform = $1`, [platform])).rows[0].n;
  } finally {
    await c.end();
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("stream benchmark timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function streamBench(databaseUrl: string, messages: number): Promise<StreamResult> {
  const ding = await startFakeDingtalk({ clientId: DINGTALK_ID, clientSecret: DINGTALK_SECRET });
  const ws = new FakeWecomWsServer("bench-bot", "bench-secret");
  await ws.start();
  const http = new FakeWecomHttpServer();
  await http.start();
  const svc = await startService({
    DATABASE_URL: databaseUrl,
    JOBS_ENABLED: "false",
    WECOM_BOT_ID: "bench-bot",
    WECOM_BOT_SECRET: "bench-secret",
    WECOM_WS_URL: ws.url,
    WECOM_API_BASE: http.base,
    DINGTALK_CLIENT_ID: DINGTALK_ID,
    DINGTALK_CLIENT_SECRET: DINGTALK_SECRET,
    DINGTALK_API_BASE: ding.baseUrl,
    DINGTALK_WEBHOOK_BASE: ding.baseUrl,
  });
  try {
    await ding.gateway.waitForConnections(1, 20_000);
    await ws.waitFor(() => ws.subscriptions === 1, 20_000, "subscribe");

    let t = performance.now();
    const frames: string[] = [];
    for (let i = 0; i < messages; i++) {
      frames.push(
        ding.gateway.sendCallback(
          robotTextPayload({
            text: `意见 第${i}号：Stream 基准测试，路面坑洼`,
            from: { staffId: `s${i % 300}`, nick: "村民" },
            group: { id: `cidStream${i % 50}==`, title: "Stream 基准群" },
            sessionWebhook: ding.api.sessionWebhook(`st-${i}`),
          }),
        ),
      );
    }
    await ding.gateway.waitFor(() => frames.every((f) => ding.gateway.acks.has(f)), 300_000, "all acks");
    const dMs = performance.now() - t;

    t = performance.now();
    for (let i = 0; i < messages; i++)
      ws.pushMessage(textMessage({ userid: `w${i % 300}`, chatid: `wrStream${i % 50}`, content: `@助手\u2005意见 第${i}号：长连接基准测试，路灯不亮` }));
    await until(async () => (await count(databaseUrl, "wecom")) >= messages, 300_000);
    const wMs = performance.now() - t;
    const rate = (ms: number) => Math.round(messages / (ms / 1000));
    return {
      dingtalkStream: { messages, ms: Math.round(dMs), rate: rate(dMs) },
      wecomLongConnection: { messages, ms: Math.round(wMs), rate: rate(wMs) },
    };
  } finally {
    await svc.stop();
    await ws.stop();
    await http.stop();
    await ding.close();
  }
}
