// The real app with every inbound door open at once (WeCom callback, DingTalk HTTP callback,
// simulator, admin API), replies going to the local fakes, and every log line captured at debug.
import { createApp, type App } from "../../src/app.ts";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { freshTimestamp } from "../dingtalk/e2e-helpers.ts";
import { admin, createTestSchema, dropTestSchema, migratedSnapshot, testConfig } from "../helpers/test-app.ts";
import { capturingLogger } from "../helpers/logs.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { textMessage } from "../fakes/wecom-ws-server.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { AES_KEY, encryptedCallback, TOKEN } from "../wecom/helpers.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../dingtalk/helpers.ts";

export const WECOM_GROUP = "wrSecVillage";
export const DINGTALK_GROUP = "cidSecVillage==";

export interface SecureApp {
  app: App;
  baseUrl: string;
  wecom: FakeWecomHttpServer;
  dingtalk: FakeDingtalk;
  /** Every log line (JSON) written so far. */
  lines: string[];
  /** POSTs a signed, encrypted WeCom callback carrying `payload` (a string is sent as the plaintext). */
  wecomCallback(payload: unknown, opts?: Parameters<typeof encryptedCallback>[1]): Promise<Response>;
  /** POSTs `body` to the DingTalk callback, signed unless headers are given. */
  dingtalkCallback(body: string, headers?: Record<string, string>): Promise<Response>;
  wecomText(userid: string, content: string, msgid?: string): Record<string, unknown>;
  dingtalkText(staffId: string, content: string, msgId?: string): Record<string, unknown>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSecureApp(env: Record<string, string> = {}): Promise<SecureApp> {
  const wecom = new FakeWecomHttpServer();
  await wecom.start();
  const dingtalk = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const schema = await createTestSchema();
  const { logger, lines } = capturingLogger({ level: "debug", redacting: true });
  const config = testConfig({
    WECOM_BOT_TOKEN: TOKEN,
    WECOM_BOT_ENCODING_AES_KEY: AES_KEY,
    WECOM_API_BASE: wecom.base,
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: dingtalk.baseUrl,
    DINGTALK_WEBHOOK_BASE: dingtalk.baseUrl,
    DINGTALK_MODE: "http",
    OUTBOX_POLL_MS: "60000",
    LOG_LEVEL: "debug",
    ...env,
  });
  const app = await createApp({ config, logger, dbSchema: schema, dbSnapshot: await migratedSnapshot() });
  const { port } = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    wecom,
    dingtalk,
    lines,
    async wecomCallback(payload, opts) {
      const c = encryptedCallback(payload, opts);
      return fetch(`${baseUrl}/callbacks/wecom?${c.query}`, { method: "POST", headers: { "content-type": "application/json" }, body: c.body });
    },
    dingtalkCallback(body, headers) {
      const ts = freshTimestamp();
      return fetch(`${baseUrl}/callbacks/dingtalk`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(headers ?? { timestamp: String(ts), sign: computeSign(ts, CLIENT_SECRET) }) },
        body,
      });
    },
    wecomText: (userid, content, msgid) =>
      textMessage({ userid, chatid: WECOM_GROUP, content: `@人大代表联络助手\u2005${content}`, responseUrl: wecom.responseUrl(), ...(msgid ? { msgid } : {}) }),
    dingtalkText: (staffId, content, msgId) =>
      robotTextPayload({
        text: content,
        from: { staffId, nick: staffId },
        group: { id: DINGTALK_GROUP, title: "安全测试村民群" },
        sessionWebhook: dingtalk.api.sessionWebhook(`s-${msgId ?? staffId}`),
        ...(msgId ? { msgId } : {}),
      }),
    async settle() {
      await app.inbox.idle();
      await app.outbox.drain();
    },
    async stop() {
      await app.stop();
      await wecom.stop();
      await dingtalk.close();
      await dropTestSchema(schema);
    },
  };
}

/** Log lines as objects. */
export function parsed(lines: string[]): Record<string, any>[] {
  return lines.map((l) => JSON.parse(l) as Record<string, any>);
}

export { admin };
