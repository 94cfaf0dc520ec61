// npm run bench — ingest (PostgreSQL, and PGlite flat out) next to its baselines, the stream paths,
// memory, start-up and shutdown, and the weekly summary benchmark when present. Prints a table and
// writes bench/results.json. BENCH_QUICK=1 for a short run; BENCH_DATABASE_URL picks the server.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { bareHttpBaseline, bareInsertBaseline, ingestPhases, serviceEnv, startFakes, startService, type IngestPhase } from "./ingest.ts";
import { streamBench, type StreamResult } from "./stream.ts";
import { ADMIN_URL, createDatabase, pgAvailable } from "./lib/pg.ts";
import { ROOT } from "./lib/proc.ts";

const QUICK = process.env.BENCH_QUICK === "1";
const SECONDS = QUICK ? 3 : 10;
const RATES = QUICK ? [100, 500, 0] : [100, 250, 500, 0];
const STREAM_MESSAGES = QUICK ? 300 : 2000;

async function scalar(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memMB: Math.round(os.totalmem() / 2 ** 20), node: process.version },
  quick: QUICK,
  secondsPerPhase: SECONDS,
  at: new Date().toISOString(),
};
const rows: [string, string, string][] = [];
const row = (what: string, value: string, baseline = "") => rows.push([what, value, baseline]);

const fakes = await startFakes();
try {
  console.log(`基准测试（${os.cpus().length} 核，${QUICK ? "快速" : "完整"}模式，每段 ${SECONDS} 秒）`);
  const bareHttp = await bareHttpBaseline(SECONDS);
  results.bareHttp = bareHttp;
  console.log(`  bare HTTP: ${bareHttp.rate} req/s, p99 ${bareHttp.p99} ms`);

  if (await pgAvailable()) {
    const base = await createDatabase("bench");
    const [insert1, insert10] = [await bareInsertBaseline(base.url, 1, SECONDS), await bareInsertBaseline(base.url, 10, SECONDS)];
    await base.drop();
    const db = await createDatabase("bench");
    try {
      results.bareInsert = { oneConnection: insert1, tenConnections: insert10 };
      console.log(`  bare pg INSERT: ${insert1} rows/s (1 connection), ${insert10} rows/s (10)`);

      const env = serviceEnv(fakes, { DATABASE_URL: db.url });
      const svc = await startService(env);
      await new Promise((r) => setTimeout(r, 1_000));
      const idleMB = Math.round(svc.rssKb() / 1024);
      const phases = await ingestPhases(svc, fakes, RATES, SECONDS, () =>
        scalar(db.url, `SELECT count(*) AS n FROM "InboundMessage" WHERE "handledAt" IS NULL`),
      );
      const stop = await svc.stop("SIGTERM");
      const again = await startService(env);
      await again.stop("SIGTERM");
      results.postgres = { startupFreshMs: svc.startupMs, startupMs: again.startupMs, shutdownMs: stop.ms, exitCode: stop.code, idleRssMB: idleMB, phases };

      const flat = phases.find((p) => p.target === 0)!;
      for (const p of phases) {
        row(
          `接收 ${p.target ? `${p.target} 条/秒` : "满载"}（PostgreSQL）`,
          `${p.rate} 条/秒确认，p50 ${p.p50} ms，p99 ${p.p99} ms，错误 ${p.errors}；处理完 ${p.handledRate} 条/秒`,
          p.target
            ? ""
            : `裸 HTTP ${bareHttp.rate}/s（${pct(flat.rate, bareHttp.rate)}）；裸 INSERT 1 连接 ${insert1}/s（${pct(flat.rate, insert1)}），10 连接 ${insert10}/s（${pct(flat.rate, insert10)}）`,
        );
      }
      row("内存 RSS（PostgreSQL）", `空闲 ${idleMB} MB，满载峰值 ${Math.max(...phases.map((p: IngestPhase) => p.peakRssMB))} MB`);
      row("启动到 /healthz 200（PostgreSQL）", `新库 ${svc.startupMs} ms（含迁移），再次启动 ${again.startupMs} ms`);
      row("SIGTERM 到退出（满载之后）", `${stop.ms} ms，退出码 ${stop.code}`);
    } finally {
      await db.drop();
    }

    const sdb = await createDatabase("bench");
    try {
      const s: StreamResult = await streamBench(sdb.url, STREAM_MESSAGES);
      results.stream = s;
      row("钉钉 Stream（PostgreSQL）", `${s.dingtalkStream.rate} 条/秒（${s.dingtalkStream.messages} 条 ${s.dingtalkStream.ms} ms 全部确认）`);
      row(
        "企业微信长连接（PostgreSQL）",
        `${s.wecomLongConnection.rate} 条/秒（${s.wecomLongConnection.messages} 条 ${s.wecomLongConnection.ms} ms 全部入库）`,
      );
      console.log(`  stream: DingTalk ${s.dingtalkStream.rate}/s, WeCom ${s.wecomLongConnection.rate}/s`);
    } finally {
      await sdb.drop();
    }
  } else {
    console.log(`  PostgreSQL at ${ADMIN_URL} not reachable: PostgreSQL figures skipped`);
  }

  // PGlite: the embedded database, flat out.
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-pglite-"));
  try {
    const env = serviceEnv(fakes, { DATA_DIR: dir });
    const svc = await startService(env);
    await new Promise((r) => setTimeout(r, 1_000));
    const idleMB = Math.round(svc.rssKb() / 1024);
    const [flat] = await ingestPhases(svc, fakes, [0], SECONDS, async () => 0);
    const stop = await svc.stop("SIGTERM");
    const again = await startService(env);
    await again.stop("SIGTERM");
    results.pglite = { startupFreshMs: svc.startupMs, startupMs: again.startupMs, shutdownMs: stop.ms, idleRssMB: idleMB, flat };
    row(
      "接收 满载（PGlite）",
      `${flat!.rate} 条/秒确认，p50 ${flat!.p50} ms，p99 ${flat!.p99} ms，错误 ${flat!.errors}`,
      `裸 HTTP ${bareHttp.rate}/s（${pct(flat!.rate, bareHttp.rate)}）`,
    );
    row("内存 RSS（PGlite）", `空闲 ${idleMB} MB，满载峰值 ${flat!.peakRssMB} MB`);
    row("启动到 /healthz 200（PGlite）", `新库 ${svc.startupMs} ms（含建库、迁移），再次启动 ${again.startupMs} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (existsSync(path.join(ROOT, "bench/weekly-summary.ts"))) {
    const { runWeeklySummaryBench } = await import("./weekly-summary.ts");
    const r = await runWeeklySummaryBench({
      ...(QUICK ? { groups: 100, opinions: 10_000 } : {}),
      ...((await pgAvailable()) ? { databaseUrl: ADMIN_URL } : {}),
    });
    results.weeklySummary = r;
    row(
      `每周汇总（${r.database}，${r.groups} 群 / ${r.opinions} 条意见）`,
      `${r.runMs} ms，SQL ${r.queries} 条，RSS ${r.rssBeforeMB}→${r.rssAfterMB} MB`,
      `count(*) ${r.baselineMs} ms（${r.ratioToBaseline}×）`,
    );
  } else {
    row("每周汇总", "not available（bench/weekly-summary.ts 不存在）");
  }
} finally {
  await fakes.close();
}

function pct(a: number, b: number): string {
  return b ? `${Math.round((a / b) * 100)}%` : "—";
}

console.log("\n| 项目 | 结果 | 基线（同一次运行） |\n| --- | --- | --- |");
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
console.log("\n结果已写入 bench/results.json");
