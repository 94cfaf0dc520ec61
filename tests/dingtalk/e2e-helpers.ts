// The real app (embedded DB, or PostgreSQL with TEST_DATABASE_URL) wired to the fake DingTalk:
// messages go in as real Stream frames or signed HTTP callbacks, replies come out at the fakes.
import { createApp, type App } from "../../src/app.ts";
import { createLogger } from "../../src/logger.ts";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import type { SupervisorOptions } from "../../src/channels/dingtalk/supervisor.ts";
import type { Timers } from "../../src/channels/timers.ts";
import { admin, createTestSchema, dropTestSchema, migratedSnapshot, testConfig } from "../helpers/test-app.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { robotTextPayload, type FakeUser } from "../fakes/dingtalk-payloads.ts";
import { CLIENT_ID, CLIENT_SECRET } from "./helpers.ts";

export const FAST_STREAM: Partial<SupervisorOptions> = {
  initialDelayMs: 100,
  maxDelayMs: 800,
  stableAfterMs: 400,
  pingIntervalMs: 200,
  idleTimeoutMs: 1_000,
  drainMs: 200,
};

export interface DingtalkEnv {
  app: App;
  baseUrl: string;
  fake: FakeDingtalk;
  /** Moves the app's clock (outbox retry times, session expiry) forward. */
  advance(ms: number): void;
  /** The app's clock: DingTalk signs callbacks with the time it sends them. */
  now(): number;
  stop(): Promise<void>;
}

export async function startDingtalkApp(mode: "stream" | "http", env: Record<string, string> = {}, timers?: Timers): Promise<DingtalkEnv> {
  const fake = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const schema = await createTestSchema();
  let offset = 0;
  const config = testConfig({
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: fake.baseUrl,
    DINGTALK_WEBHOOK_BASE: fake.baseUrl,
    DINGTALK_MODE: mode,
    OUTBOX_POLL_MS: "60000",
    ...env,
  });
  const app = await createApp({
    config,
    logger: createLogger("silent"),
    now: () => new Date(Date.now() + offset),
    dbSchema: schema,
    dbSnapshot: await migratedSnapshot(),
    dingtalk: { stream: FAST_STREAM, timers },
  });
  const { port } = await app.start();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    fake,
    advance: (ms) => void (offset += ms),
    now: () => Date.now() + offset,
    async stop() {
      await app.stop();
      await fake.close();
      await dropTestSchema(schema);
    },
  };
}

/** A station with a deputy and a staff member whose DingTalk ids are given. */
export async function seedDingtalkRoster(baseUrl: string, ids: { deputy: string; staff: string }) {
  const station = (await admin(baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" })).body;
  await admin(baseUrl, "POST", "/api/deputies", {
    name: "王建国",
    level: "COUNTY",
    stationIds: [station.id],
    identities: [{ platform: "dingtalk", userId: ids.deputy }],
  });
  await admin(baseUrl, "POST", "/api/staff", {
    name: "刘站长",
    role: "STATION",
    title: "站长",
    stationIds: [station.id],
    identities: [{ platform: "dingtalk", userId: ids.staff }],
  });
  return station;
}

/** The deputy and the station head a village's roster enrols (seedDingtalkRoster). */
export const wang = { staffId: "u-wang", nick: "王建国" };
export const liu = { staffId: "u-liu", nick: "刘站长" };

/** An app with the roster of wang and liu seeded, and a group to talk in that is not bound yet. */
export async function startDingtalkVillage(
  mode: "stream" | "http",
  group?: { id: string; title: string },
  timers?: Timers,
): Promise<{ env: DingtalkEnv; group: DingtalkGroup }> {
  const env = await startDingtalkApp(mode, {}, timers);
  await seedDingtalkRoster(env.baseUrl, { deputy: wang.staffId, staff: liu.staffId });
  return { env, group: group ? new DingtalkGroup(env, mode, group.id, group.title) : new DingtalkGroup(env, mode) };
}

export interface Said {
  msgId: string;
  /** The Stream frame id (stream mode) or the HTTP status (http mode). */
  frameId?: string;
  status?: number;
  session: string;
  /** What the bot answered on this message's sessionWebhook. */
  replies: Record<string, any>[];
}

let seq = 0;

/** A DingTalk group as the tests see it: people @-mention the robot, the bot answers. */
export class DingtalkGroup {
  readonly frames: string[] = [];
  constructor(
    private readonly env: DingtalkEnv,
    private readonly transport: "stream" | "http",
    readonly id = "cidVillage001==",
    readonly title = "东风村村民群",
  ) {}

  async say(from: FakeUser, text: string, opts: { msgId?: string; sessionExpiresAt?: number } = {}): Promise<Said> {
    const msgId = opts.msgId ?? `msg-${++seq}-${Date.now()}`;
    const session = `s-${msgId}`;
    const payload = robotTextPayload({
      text,
      from,
      group: { id: this.id, title: this.title },
      msgId,
      sessionWebhook: this.env.fake.api.sessionWebhook(session),
      sessionExpiresAt: opts.sessionExpiresAt,
    });
    const said: Said = { msgId, session, replies: [] };
    if (this.transport === "stream") {
      said.frameId = this.env.fake.gateway.sendCallback(payload);
      this.frames.push(said.frameId);
      await this.env.fake.gateway.waitForAck(said.frameId);
    } else {
      said.status = (await postSigned(this.env.baseUrl, JSON.stringify(payload), undefined, freshTimestamp(this.env.now()))).status;
    }
    await this.settle();
    said.replies = this.env.fake.api.sessionPosts.filter((p) => p.id === session).map((p) => p.body);
    return said;
  }

  /** Handling done and every due outbox row delivered. */
  async settle(): Promise<void> {
    await this.env.app.inbox.idle();
    await this.env.app.outbox.drain();
  }
}

export function replyText(said: Said): string {
  return said.replies.map((b) => b.markdown?.text ?? b.actionCard?.text ?? "").join("\n---\n");
}

let lastTs = 0;
/** A timestamp not used before: the app takes each signed timestamp for one message only (F9). */
export function freshTimestamp(at = Date.now()): number {
  lastTs = Math.max(at, lastTs + 1);
  return lastTs;
}

export function postSigned(baseUrl: string, body: string, headers?: Record<string, string>, ts = freshTimestamp()) {
  return fetch(`${baseUrl}/callbacks/dingtalk`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(headers ?? { timestamp: String(ts), sign: computeSign(ts, CLIENT_SECRET) }) },
    body,
  });
}
