// A full run with every secret configured and used — WeCom long connection and callback, a
// group webhook key, DingTalk Stream with OpenAPI tokens and a signed custom robot, the admin
// API — with logs captured at debug. No secret may appear in any log line or API response.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { ADMIN_TOKEN, admin, createTestSchema, dropTestSchema, migratedSnapshot, testConfig } from "../helpers/test-app.ts";
import { capturingLogger } from "../helpers/logs.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { AES_KEY, encryptedCallback, TOKEN, waitUntil } from "../wecom/helpers.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../dingtalk/helpers.ts";
import { FAST_STREAM } from "../dingtalk/e2e-helpers.ts";

const WS_SECRET = "ws-secret-Zq8f2LmX9pR4";
const WEBHOOK_KEY = "wh-key-7f3a9c1e5b2d";
const ROBOT_TOKEN = "robot-access-token-k2j4h6";
const ROBOT_SECRET = "SECrobotsecret0123456789abcdef";

let app: App;
let baseUrl = "";
let schema: string | undefined;
let ws: FakeWecomWsServer;
let wecomHttp: FakeWecomHttpServer;
let ding: FakeDingtalk;
const { logger, lines } = capturingLogger({ level: "debug", redacting: true });
const responses: string[] = [];

beforeAll(async () => {
  // The platform SDKs write some lines straight to the console: scanned too.
  for (const m of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  ws = new FakeWecomWsServer("sec-bot", WS_SECRET);
  await ws.start();
  wecomHttp = new FakeWecomHttpServer();
  await wecomHttp.start();
  ding = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  schema = await createTestSchema();
  const config = testConfig({
    LOG_LEVEL: "debug",
    WECOM_BOT_ID: "sec-bot",
    WECOM_BOT_SECRET: WS_SECRET,
    WECOM_WS_URL: ws.url,
    WECOM_BOT_TOKEN: TOKEN,
    WECOM_BOT_ENCODING_AES_KEY: AES_KEY,
    WECOM_API_BASE: wecomHttp.base,
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: ding.baseUrl,
    DINGTALK_WEBHOOK_BASE: ding.baseUrl,
  });
  app = await createApp({ config, logger, dbSchema: schema, dbSnapshot: await migratedSnapshot(), dingtalk: { stream: FAST_STREAM } });
  baseUrl = `http://127.0.0.1:${(await app.start()).port}`;
  await ws.waitFor(() => ws.subscriptions === 1, 10_000, "WeCom subscribe");
  await ding.gateway.waitForConnections(1, 10_000);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await ws?.stop();
  await wecomHttp?.stop();
  await ding?.close();
  await dropTestSchema(schema);
});

async function api(method: string, path: string, body?: unknown) {
  const r = await admin(baseUrl, method, path, body);
  responses.push(JSON.stringify(r.body));
  return r;
}
async function settle() {
  await app.inbox.idle();
  await app.outbox.drain();
}
async function wecomWs(userid: string, content: string) {
  ws.pushMessage(textMessage({ userid, chatid: "wrSecWs", content: `@助手\u2005${content}` }));
  await waitUntil(
    async () => (await app.db.inboundMessage.count({ where: { senderId: userid, payload: { path: ["text"], string_contains: content.slice(0, 4) } } })) > 0,
    10_000,
    content,
  );
  await settle();
}
async function wecomCallback(userid: string, content: string) {
  const c = encryptedCallback(textMessage({ userid, chatid: "wrSecCb", content: `@助手\u2005${content}`, responseUrl: wecomHttp.responseUrl() }));
  const res = await fetch(`${baseUrl}/callbacks/wecom?${c.query}`, { method: "POST", body: c.body });
  responses.push(await res.text());
  expect(res.status).toBe(200);
  await settle();
}
async function dingtalk(staffId: string, text: string, session = `sess-${Math.random()}`) {
  const id = ding.gateway.sendCallback(
    robotTextPayload({
      text,
      from: { staffId, nick: staffId },
      group: { id: "cidSecDing==", title: "钉钉安全群" },
      sessionWebhook: ding.api.sessionWebhook(session),
    }),
  );
  await ding.gateway.waitForAck(id, 10_000);
  await settle();
  return session;
}

describe("no secret in logs or API responses", () => {
  it("runs every path that touches a secret", async () => {
    const station = (await api("POST", "/api/stations", { name: "安全镇代表联络站" })).body;
    await api("POST", "/api/staff", { name: "企微站长", role: "STATION", stationIds: [station.id], identities: [{ platform: "wecom", userId: "sec-staff" }] });
    await api("POST", "/api/staff", {
      name: "钉钉站长",
      role: "STATION",
      stationIds: [station.id],
      identities: [{ platform: "dingtalk", userId: "ding-staff" }],
    });

    await wecomWs("sec-staff", "绑定本群 安全镇代表联络站");
    await wecomWs("sec-villager", "意见 村里的垃圾箱满了没人清理");
    await wecomCallback("sec-staff", "绑定本群 安全镇代表联络站");
    await wecomCallback("sec-staff", `设置推送地址 ${wecomHttp.webhookUrl(WEBHOOK_KEY)}`);
    // A post to the callback group: the long connection refuses it, so it goes out through the webhook.
    ws.sendErrcodes.push(93006);
    await app.db.outboxMessage.create({ data: { platform: "wecom", chatId: "wrSecCb", chatType: "group", kind: "post", payload: { body: "本周汇总" } } });
    await settle();
    expect(wecomHttp.delivered("webhook").some((r) => r.id === WEBHOOK_KEY && r.errcode === 0)).toBe(true);

    await dingtalk("ding-staff", "绑定本群 安全镇代表联络站");
    ding.api.customRobot(ROBOT_TOKEN, ROBOT_SECRET);
    await dingtalk("ding-staff", `设置推送地址 ${ding.baseUrl}/robot/send?access_token=${ROBOT_TOKEN} ${ROBOT_SECRET}`);
    const expired = await dingtalk("ding-villager", "意见 钉钉群里反映的路面坑洼问题");
    // Posts through the custom robot (signed with its secret) and through the OpenAPI (access token).
    await app.db.outboxMessage.create({
      data: { platform: "dingtalk", chatId: "cidSecDing==", chatType: "group", kind: "post", payload: { body: "接待日提醒" } },
    });
    ding.api.expireSession(expired);
    await app.db.outboxMessage.create({
      data: {
        platform: "dingtalk",
        chatId: "cidSecDing==",
        chatType: "group",
        kind: "reply",
        payload: { body: "迟到的回复" },
        replyTo: {
          messageId: "x",
          context: {
            sessionWebhook: ding.api.sessionWebhook(expired),
            sessionWebhookExpiredTime: Date.now() - 1000,
            conversationId: "cidSecDing==",
            conversationType: "2",
          },
        },
      },
    });
    await settle();
    expect(ding.api.robotPosts.length).toBeGreaterThan(0);
    expect(ding.api.tokenCalls).toBeGreaterThan(0);

    for (const p of ["/api/opinions", "/api/opinions/1", "/api/stations", "/api/staff", "/api/deputies", "/api/units", "/api/categories"]) await api("GET", p);
    responses.push(await (await fetch(`${baseUrl}/healthz`)).text());
    responses.push(await (await fetch(`${baseUrl}/api/opinions`, { headers: { authorization: "Bearer wrong-wrong-wrong-wrong" } })).text());
    await app.stop();
  });

  it("finds none of them", () => {
    const issued = [...new Set(ding.api.groupSends.map((s) => s.token))];
    const secrets = {
      ADMIN_TOKEN,
      WS_SECRET,
      TOKEN,
      AES_KEY,
      CLIENT_SECRET,
      WEBHOOK_KEY,
      ROBOT_TOKEN,
      ROBOT_SECRET,
      ...Object.fromEntries(issued.map((t, i) => [`accessToken${i}`, t])),
    };
    expect(lines.length).toBeGreaterThan(30);
    const all = [...lines, ...responses].join("\n");
    for (const [name, value] of Object.entries(secrets)) {
      expect(all.includes(value), name).toBe(false);
      expect(all.includes(encodeURIComponent(value)), name).toBe(false);
    }
  });

  it("configuration errors name the variable but never echo a secret value", () => {
    const bad = { ADMIN_TOKEN: "short-secret", WECOM_BOT_ENCODING_AES_KEY: "not-a-valid-aes-key-s3cr3t", DATABASE_URL: "mysql://root:hunter2pass@db/x" };
    let message = "";
    try {
      loadConfig(bad);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain("ADMIN_TOKEN");
    expect(message).toContain("WECOM_BOT_ENCODING_AES_KEY");
    expect(message).toContain("DATABASE_URL");
    for (const v of [...Object.values(bad), "hunter2pass"]) expect(message).not.toContain(v);
    expect(loadConfig.bind(null, { PORT: "abc" })).toThrow(/PORT="abc"/);
  });
});
