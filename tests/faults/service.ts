// The service under fault: a child process on a throwaway PostgreSQL database, DingTalk in HTTP
// callback mode against the fake DingTalk in this process, short recovery timings.
import pg from "pg";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { startService, type Service } from "../../bench/lib/proc.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import type { FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../dingtalk/helpers.ts";
import { freshTimestamp } from "../dingtalk/e2e-helpers.ts";
import { waitUntil } from "../helpers/wait.ts";

export function serviceEnv(databaseUrl: string, fake: FakeDingtalk, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_MODE: "http",
    DINGTALK_API_BASE: fake.baseUrl,
    DINGTALK_WEBHOOK_BASE: fake.baseUrl, // custom robots and sessionWebhooks live on the same fake
    JOBS_ENABLED: "false",
    OUTBOX_POLL_MS: "100",
    OUTBOX_LEASE_MS: "1000",
    INBOX_RECOVER_MS: "500",
    ...extra,
  };
}

export { startService, type Service };

/** A signed DingTalk callback creating an opinion in one of `groups` groups; resolves with the HTTP status (0 = no answer). */
export async function sendOpinion(baseUrl: string, fake: FakeDingtalk, msgId: string, group: number): Promise<number> {
  const payload = robotTextPayload({
    text: `意见 第${group}组反映：${msgId} 号路段路灯不亮，请尽快维修`,
    from: { staffId: `villager-${msgId}`, nick: "村民" },
    group: { id: `cidFault${group}==`, title: `故障测试${group}群` },
    msgId,
    sessionWebhook: fake.api.sessionWebhook(`s-${msgId}`),
  });
  const ts = freshTimestamp();
  try {
    const res = await fetch(`${baseUrl}/callbacks/dingtalk`, {
      method: "POST",
      headers: { "content-type": "application/json", timestamp: String(ts), sign: computeSign(ts, CLIENT_SECRET) },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** waitUntil at the pace of a service under fault: a check that throws (the database is down) is "not yet". */
export function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  return waitUntil(() => check().catch(() => false), timeoutMs, what, { everyMs: 100 });
}

/** Every stored message handled and nothing left to send. */
export async function settled(url: string): Promise<boolean> {
  const [r] = await query(
    url,
    `SELECT (SELECT count(*) FROM "InboundMessage" WHERE "handledAt" IS NULL)::int AS unhandled, (SELECT count(*) FROM "OutboxMessage" WHERE status = 'PENDING')::int AS pending`,
  );
  return r.unhandled === 0 && r.pending === 0;
}
