// F9: a DingTalk HTTP callback's signature covers only its timestamp. A captured (timestamp, sign)
// must not carry another body, not even after a restart, and old timestamps are refused well
// within DingTalk's own hour. Real signed requests against the real app, embedded or PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { createLogger } from "../../src/logger.ts";
import { createTestSchema, dropTestSchema, testConfig } from "../helpers/test-app.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { CLIENT_ID, CLIENT_SECRET } from "./helpers.ts";
import { freshTimestamp, postSigned, seedDingtalkRoster } from "./e2e-helpers.ts";

const liu = { staffId: "u-liu", nick: "刘站长" };
const group = { id: "cidReplayVillage==", title: "北坡村村民群" };
const dataDir = mkdtempSync(path.join(tmpdir(), "renda-replay-"));

let fake: FakeDingtalk;
let schema: string | undefined;
let app: App;
let baseUrl: string;

async function start(): Promise<void> {
  const config = testConfig({
    DATA_DIR: dataDir,
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: fake.baseUrl,
    DINGTALK_WEBHOOK_BASE: fake.baseUrl,
    DINGTALK_MODE: "http",
    OUTBOX_POLL_MS: "60000",
  });
  app = await createApp({ config, logger: createLogger("silent"), dbSchema: schema });
  baseUrl = `http://127.0.0.1:${(await app.start()).port}`;
}

beforeAll(async () => {
  fake = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  schema = await createTestSchema();
  await start();
  await seedDingtalkRoster(baseUrl, { deputy: "u-wang", staff: liu.staffId });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
  await dropTestSchema(schema);
  rmSync(dataDir, { recursive: true, force: true });
});

const headers = (ts: number) => ({ timestamp: String(ts), sign: computeSign(ts, CLIENT_SECRET) });
const body = (text: string, msgId: string, sessionWebhook = fake.api.sessionWebhook(`s-${msgId}`)) =>
  JSON.stringify(robotTextPayload({ text, from: liu, group, msgId, sessionWebhook }));
const stored = (msgId: string) => app.db.inboundMessage.count({ where: { platform: "dingtalk", messageId: msgId } });
const settle = async () => {
  await app.inbox.idle();
  await app.outbox.drain();
};

describe("dingtalk callback replay", () => {
  it("refuses the reproduction: one signed pair reused for another body (a 设置推送地址 with a foreign sessionWebhook)", async () => {
    const ts = freshTimestamp();
    expect((await postSigned(baseUrl, body("绑定本群 东风镇", "genuine-1"), headers(ts))).status).toBe(200);
    await settle();

    const forged = body("设置推送地址 http://127.0.0.1:4151/replayed", "forged-1", "http://127.0.0.1:4151/session-ssrf?session=x");
    const res = await postSigned(baseUrl, forged, headers(ts));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "replayed", message: expect.stringContaining("重放") });
    await settle();
    expect(await stored("forged-1")).toBe(0);
    expect((await app.db.group.findFirstOrThrow({ where: { chatId: group.id } })).webhookUrl).toBeNull();
  });

  it("answers DingTalk's own re-delivery of the same message 200, and stores it once", async () => {
    const ts = freshTimestamp();
    const b = body("意见 北坡村水井水质发浑", "genuine-2");
    expect((await postSigned(baseUrl, b, headers(ts))).status).toBe(200);
    expect((await postSigned(baseUrl, b, headers(ts))).status).toBe(200);
    await settle();
    expect(await stored("genuine-2")).toBe(1);
  });

  it("refuses a timestamp older than the window (default 5 minutes), accepts one inside it", async () => {
    const old = Date.now() - 50 * 60_000; // the reproduction's age: inside DingTalk's hour, outside ours
    const stale = await postSigned(baseUrl, body("意见 旧请求", "stale-1"), headers(old));
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: "stale_timestamp" });
    expect((await postSigned(baseUrl, body("意见 村道坑洼", "recent-1"), headers(freshTimestamp(Date.now() - 4 * 60_000)))).status).toBe(200);
    await settle();
    expect(await stored("stale-1")).toBe(0);
    expect(await stored("recent-1")).toBe(1);
  });

  it("still refuses the replay after a restart on the same database", async () => {
    const ts = freshTimestamp();
    expect((await postSigned(baseUrl, body("意见 路灯不亮", "before-restart"), headers(ts))).status).toBe(200);
    await settle();
    await app.stop();
    await start();
    expect((await postSigned(baseUrl, body("意见 重放的内容", "after-restart"), headers(ts))).status).toBe(401);
    await settle();
    expect(await stored("after-restart")).toBe(0);
    expect(await stored("before-restart")).toBe(1);
  });
});
