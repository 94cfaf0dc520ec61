// SIGTERM while messages are arriving on both long connections: what is being handled finishes, the
// queue stays stored for the next start (which handles it), both connections are closed cleanly (close code 1000), and the process exits 0.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDatabase, pgAvailable } from "../../bench/lib/pg.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../dingtalk/helpers.ts";
import { query, startService, waitFor } from "./service.ts";

const hasPg = await pgAvailable();
let ding: FakeDingtalk;
let ws: FakeWecomWsServer;
let http: FakeWecomHttpServer;
let db: Awaited<ReturnType<typeof createDatabase>>;

beforeAll(async () => {
  if (!hasPg) return;
  ding = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  ws = new FakeWecomWsServer("term-bot", "term-secret");
  await ws.start();
  http = new FakeWecomHttpServer();
  await http.start();
  db = await createDatabase("fault");
});
afterAll(async () => {
  await ding?.close();
  await ws?.stop();
  await http?.stop();
  await db?.drop();
});

it.skipIf(!hasPg)("SIGTERM: in-flight work finishes, the queue waits for the next start, stream connections close with 1000, exit 0", async () => {
  const env = {
    DATABASE_URL: db.url,
    JOBS_ENABLED: "false",
    WECOM_BOT_ID: "term-bot",
    WECOM_BOT_SECRET: "term-secret",
    WECOM_WS_URL: ws.url,
    WECOM_API_BASE: http.base,
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: ding.baseUrl,
    DINGTALK_WEBHOOK_BASE: ding.baseUrl,
  };
  const svc = await startService(env);
  await ws.waitFor(() => ws.subscriptions === 1, 20_000, "WeCom subscribe");
  await ding.gateway.waitForConnections(1, 20_000);

  const frames: string[] = [];
  for (let i = 0; i < 40; i++) {
    ws.pushMessage(
      textMessage({ userid: `tw${i}`, chatid: `wrTerm${i % 4}`, content: `@助手\u2005意见 关停测试 ${i}：村里的路灯坏了好几天`, msgid: `term-w-${i}` }),
    );
    frames.push(
      ding.gateway.sendCallback(
        robotTextPayload({
          text: `意见 关停测试 ${i}：水渠堵塞需要清理`,
          from: { staffId: `td${i}`, nick: "村民" },
          group: { id: `cidTerm${i % 4}==`, title: "关停测试群" },
          msgId: `term-d-${i}`,
          sessionWebhook: ding.api.sessionWebhook(`s-term-${i}`),
        }),
      ),
    );
  }
  // Stop while the burst is being stored and handled.
  await waitFor("some messages stored", async () => (await query(db.url, `SELECT count(*)::int AS n FROM "InboundMessage"`))[0].n >= 10, 20_000);
  const exit = await svc.stop("SIGTERM");
  console.info(
    `shutdown: exit ${exit.code} after ${exit.ms} ms; close codes WeCom ${JSON.stringify(ws.closeCodes)}, DingTalk ${JSON.stringify(ding.gateway.closeCodes)}`,
  );
  expect(exit.code).toBe(0);
  expect(exit.ms).toBeLessThan(15_000);
  expect(ws.closeCodes).toEqual([1000]);
  expect(ding.gateway.closeCodes).toEqual([1000]);

  // Acknowledged DingTalk frames are exactly the stored DingTalk messages (unacked ones the platform re-sends).
  const storedDing = (await query(db.url, `SELECT "messageId" FROM "InboundMessage" WHERE platform = 'dingtalk'`)).length;
  expect(frames.filter((f) => ding.gateway.acks.has(f)).length).toBe(storedDing);

  // Messages still queued at the exit stay stored; the next start handles them, each once.
  const [before] = await query(db.url, `SELECT count(*)::int AS stored, count(*) FILTER (WHERE "handledAt" IS NULL)::int AS unhandled FROM "InboundMessage"`);
  console.info(`shutdown: ${before.stored} stored, ${before.unhandled} left queued for the next start`);
  expect(before.stored).toBeGreaterThanOrEqual(10);
  const again = await startService(env);
  try {
    await waitFor(
      "the queue handled after restart",
      async () => (await query(db.url, `SELECT count(*)::int AS n FROM "InboundMessage" WHERE "handledAt" IS NULL`))[0].n === 0,
      60_000,
    );
    const [o] = await query(db.url, `SELECT count(*)::int AS n, count(DISTINCT "sourceMessageId")::int AS d FROM "Opinion"`);
    expect(o.n).toBe(o.d);
    expect(o.n).toBe(before.stored);
  } finally {
    await again.stop("SIGTERM");
  }
});
