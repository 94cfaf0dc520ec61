// Ingest: the service answering signed WeCom and DingTalk callbacks at increasing rates, next to
// its two baselines measured in the same run — a bare Node HTTP server answering 200, and a bare
// `pg` loop inserting one row per message.
import { spawn } from "node:child_process";
import pg from "pg";
import { FakeWecomHttpServer } from "../tests/fakes/wecom-http-server.ts";
import { startFakeDingtalk } from "../tests/fakes/dingtalk-server.ts";
import { drive, type LoadResult } from "./lib/load.ts";
import { DINGTALK_ID, DINGTALK_SECRET, mixed, WECOM_AES_KEY, WECOM_TOKEN } from "./lib/messages.ts";
import { freePort, startService, type Service } from "./lib/proc.ts";

export interface Fakes {
  wecomBase: string;
  dingtalkBase: string;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const wecom = new FakeWecomHttpServer();
  await wecom.start();
  wecom.enforceWebhookLimit = false;
  const ding = await startFakeDingtalk({ clientId: DINGTALK_ID, clientSecret: DINGTALK_SECRET });
  return {
    wecomBase: wecom.base,
    dingtalkBase: ding.baseUrl,
    async close() {
      await wecom.stop();
      await ding.close();
    },
  };
}

export function serviceEnv(fakes: Fakes, db: { DATABASE_URL?: string; DATA_DIR?: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...db,
    SEED_DEMO: "false",
    JOBS_ENABLED: "false",
    WECOM_BOT_TOKEN: WECOM_TOKEN,
    WECOM_BOT_ENCODING_AES_KEY: WECOM_AES_KEY,
    WECOM_API_BASE: fakes.wecomBase,
    DINGTALK_CLIENT_ID: DINGTALK_ID,
    DINGTALK_CLIENT_SECRET: DINGTALK_SECRET,
    DINGTALK_MODE: "http",
    DINGTALK_API_BASE: fakes.dingtalkBase,
    DINGTALK_WEBHOOK_BASE: fakes.dingtalkBase,
    ...extra,
  };
}

/** Bare Node HTTP server (child process) answering 200 to every request, driven flat out. */
export async function bareHttpBaseline(seconds: number): Promise<LoadResult> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-e", `require("http").createServer((q, s) => { q.resume(); q.on("end", () => s.end("{}")); }).listen(${port}, "127.0.0.1", () => console.log("up"))`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  try {
    const next = mixed(50, "http://127.0.0.1:1", "http://127.0.0.1:1");
    return await drive(`http://127.0.0.1:${port}`, next, { seconds });
  } finally {
    child.kill();
  }
}

/** One INSERT per message for `seconds`, over `connections` connections; rows/s. */
export async function bareInsertBaseline(url: string, connections: number, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on("error", () => {}); // an idle client dropped by the server must not end the run
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, platform text NOT NULL, message_id text NOT NULL UNIQUE, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const tag = `${connections}-${Date.now()}`;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const i = n++;
        await pool.query(`INSERT INTO bench_insert (platform, message_id, payload) VALUES ($1, $2, $3)`, [
          "wecom",
          `${tag}-${i}`,
          JSON.stringify({ text: `意见 第${i}号：路灯不亮`, chatId: "wrBench" }),
        ]);
      }
    }),
  );
  await pool.end();
  return Math.round(n / seconds);
}

export interface IngestPhase extends LoadResult {
  /** ms after the load stopped until every stored message was handled (opinion + reply queued). */
  drainMs: number;
  /** Opinions handled per second over load + drain. */
  handledRate: number;
  peakRssMB: number;
}

/** Drives the service at each rate, waiting for its backlog to drain between phases. */
export async function ingestPhases(svc: Service, fakes: Fakes, rates: number[], seconds: number, unhandled: () => Promise<number>): Promise<IngestPhase[]> {
  const out: IngestPhase[] = [];
  const next = mixed(200, fakes.wecomBase, fakes.dingtalkBase);
  for (const rate of rates) {
    let peak = svc.rssKb();
    const sampler = setInterval(() => (peak = Math.max(peak, svc.rssKb())), 200);
    const r = await drive(svc.baseUrl, next, { rate: rate || undefined, seconds });
    const t = performance.now();
    while ((await unhandled()) > 0 && performance.now() - t < 120_000) await new Promise((res) => setTimeout(res, 100));
    clearInterval(sampler);
    const drainMs = Math.round(performance.now() - t);
    out.push({ ...r, drainMs, handledRate: Math.round(r.ok / (seconds + drainMs / 1000)), peakRssMB: Math.round(peak / 1024) });
    console.log(
      `  ingest ${rate ? `${rate}/s` : "flat out"}: ${r.rate} msgs/s acked, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, backlog drained in ${drainMs} ms`,
    );
  }
  return out;
}

export { startService };
