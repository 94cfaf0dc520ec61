// PostgreSQL stops and comes back in the middle of a burst (a private cluster on a spare port):
// callbacks that could not be stored get 503 with a reason (the platform retries), never a 2xx for
// a message that was dropped; the service recovers by itself.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../../bench/lib/proc.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../dingtalk/helpers.ts";
import { query, sendOpinion, serviceEnv, settled, startService, waitFor } from "./service.ts";

const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort() : [];
const BIN = versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : "";
const canRun = BIN !== "" && existsSync(`${BIN}/initdb`);
const root = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, run its tools as the postgres user. */
function pgTool(tool: string, args: string[]): void {
  const cmd = root ? (["runuser", ["-u", "postgres", "--", `${BIN}/${tool}`, ...args]] as const) : ([`${BIN}/${tool}`, args] as const);
  execFileSync(cmd[0], [...cmd[1]], { stdio: "ignore", timeout: 60_000 });
}

let dir = "";
let port = 0;
let fake: FakeDingtalk;
const start = () => pgTool("pg_ctl", ["-D", dir, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-w", "start"]);
const stop = () => pgTool("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);

beforeAll(async () => {
  if (!canRun) return;
  dir = mkdtempSync(path.join(os.tmpdir(), "fault-pg-"));
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
  port = await freePort();
  pgTool("initdb", ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  start();
  fake = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
});
afterAll(async () => {
  await fake?.close();
  if (dir) {
    try {
      stop();
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

it.skipIf(!canRun)("PostgreSQL restart mid-burst: 503 with a reason while it is down, nothing acked and lost, recovers by itself", async () => {
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const svc = await startService(serviceEnv(url, fake));
  try {
    const status = new Map<string, number>();
    let i = 0;
    let down = false;
    const burst = (async () => {
      const until = Date.now() + 8_000;
      while (Date.now() < until) {
        const id = `pgr-${i++}`;
        const s = await sendOpinion(svc.baseUrl, fake, id, i % 5);
        status.set(id, s);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 1_500));
    stop();
    down = true;
    await new Promise((r) => setTimeout(r, 2_500));
    start();
    await burst;
    expect(down).toBe(true);

    const counts: Record<number, number> = {};
    for (const s of status.values()) counts[s] = (counts[s] ?? 0) + 1;
    console.info(`pg restart: answers ${JSON.stringify(counts)} over ${status.size} callbacks`);
    expect(
      Object.keys(counts)
        .map(Number)
        .filter((s) => s !== 200 && s !== 503),
    ).toEqual([]);
    expect(counts[503]).toBeGreaterThan(0);

    // Recovered by itself: new callbacks are stored, and everything acked is there, once, handled.
    await waitFor("a callback accepted again", async () => (await sendOpinion(svc.baseUrl, fake, `pgr-after-${Date.now()}`, 0)) === 200, 30_000);
    await waitFor("backlog handled", () => settled(url), 60_000);
    const rows = await query(url, `SELECT "messageId", count(*)::int AS n FROM "InboundMessage" GROUP BY 1`);
    const stored = new Map(rows.map((r) => [r.messageId, r.n]));
    const acked = [...status].filter(([, s]) => s === 200).map(([id]) => id);
    expect(acked.filter((id) => stored.get(id) !== 1)).toEqual([]);
    const opinions = await query(url, `SELECT count(*)::int AS n, count(DISTINCT "sourceMessageId")::int AS d FROM "Opinion"`);
    expect(opinions[0].n).toBe(opinions[0].d);
    const health = await fetch(`${svc.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  } finally {
    expect((await svc.stop("SIGTERM")).code).toBe(0);
  }
});
