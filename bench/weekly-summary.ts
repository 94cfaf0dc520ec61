// Benchmark (not a test): the weekly group summary for a county — 1,000 groups, 100,000 opinions over a
// year — computed and enqueued by the real job engine. Seeds with bulk SQL (generate_series), then
// reports time, memory, the number of SQL statements issued, and a baseline (one count(*) over the
// opinions) measured in the same run.
//   npm run bench:summary                       embedded PGlite (in memory)
//   BENCH_DATABASE_URL=postgresql://… npm run bench:summary   PostgreSQL (a throwaway schema)
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { openDatabase } from "../src/db/client.ts";
import { PrismaClient } from "../src/generated/prisma/client.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { createCoreContext } from "../src/core/context.ts";
import { ensureCategories } from "../src/core/seed.ts";
import { createJobs } from "../src/jobs/index.ts";

export interface WeeklySummaryBenchOptions {
  groups?: number;
  opinions?: number;
  /** postgresql://… ; default BENCH_DATABASE_URL, then the embedded database. */
  databaseUrl?: string;
}

export interface WeeklySummaryBenchResult {
  database: "pglite" | "postgres";
  groups: number;
  opinions: number;
  seedMs: number;
  /** Compute + claim + enqueue of every group's summary. */
  runMs: number;
  posted: number;
  queries: number;
  /** Time the database spent on them (Prisma's per-query duration), and the slowest one. */
  sqlMs: number;
  slowestSqlMs: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  heapDeltaMB: number;
  /** One `SELECT count(*) FROM "Opinion"` on the same data: the cost of touching every row once. */
  baselineMs: number;
  ratioToBaseline: number;
}

const MB = 1024 * 1024;
/** The Monday 09:00 (Beijing) of the run; the data covers the year before it. */
const NOW = new Date("2026-11-30T01:00:00Z");

async function seed(db: PrismaClient, groups: number, opinions: number): Promise<void> {
  const stations = Math.max(1, Math.ceil(groups / 10));
  await db.$executeRawUnsafe(`INSERT INTO "Station" (name, "receptionSchedule") SELECT '第' || i || '代表联络站',
    jsonb_build_object('kind', 'monthly', 'day', 10, 'time', '09:00-11:30', 'place', '村委会', 'deputyIds', jsonb_build_array(), 'holidayRule', 'next-workday')
    FROM generate_series(1, ${stations}) i`);
  await db.$executeRawUnsafe(
    `INSERT INTO "Deputy" (name, level, slug) SELECT '代表' || i, 'TOWNSHIP', 'bench-' || i FROM generate_series(1, ${stations * 3}) i`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "DeputyStation" ("deputyId", "stationId") SELECT d.id, s.id FROM "Deputy" d JOIN "Station" s ON s.id = (d.id - 1) / 3 + 1`,
  );
  await db.$executeRawUnsafe(`INSERT INTO "Group" (platform, "chatId", name, "stationId", "boundAt", purpose)
    SELECT 'simulator', 'bench-' || i, '第' || i || '村村民群', (i - 1) / 10 + 1, now(), 'village' FROM generate_series(1, ${groups}) i`);
  // Deterministic spread: created over 365 days; a tenth each in hand, replied, transferred; the rest closed or rated.
  await db.$executeRawUnsafe(`
    INSERT INTO "Opinion" (number, text, category, status, channel, "groupId", "stationId", "deputyId", "dueDate", "createdAt", "updatedAt",
      "repliedAt", "closedAt", "ratedAt", "resultClass", "resultText", rating)
    SELECT i, '意见内容 ' || i, (ARRAY['道路交通','市政设施','环境卫生','教育','医疗卫生','养老助残','农业农村','社会治安','水电气暖','其他'])[i % 10 + 1],
      st::"OpinionStatus", 'chat', g, (g - 1) / 10 + 1, ((g - 1) / 10) * 3 + 1 + i % 3, (c + interval '18 days')::date, c, c,
      CASE WHEN st IN ('REPLIED','CLOSED','RATED') THEN c + (i % 15) * interval '1 day' END,
      CASE WHEN st IN ('CLOSED','RATED','TRANSFERRED') THEN c + (i % 20) * interval '1 day' END,
      CASE WHEN st = 'RATED' THEN c + (i % 20 + 2) * interval '1 day' END,
      CASE WHEN st IN ('CLOSED','RATED') THEN ((ARRAY['A','A','B','C','D'])[i % 5 + 1])::"ResultClass" END,
      CASE WHEN st IN ('CLOSED','RATED') THEN '已处理，联系电话13800138000' END,
      CASE WHEN st = 'RATED' THEN ((ARRAY['SATISFIED','SATISFIED','BASICALLY','DISSATISFIED'])[i % 4 + 1])::"Rating" END
    FROM (
      SELECT i, i % ${groups} + 1 AS g,
        timestamp '2026-11-30 01:00' - ((i * 7919) % 525600) * interval '1 minute' AS c,
        (ARRAY['RECEIVED','IN_PROGRESS','REPLIED','CLOSED','CLOSED','CLOSED','RATED','RATED','RATED','TRANSFERRED'])[i % 10 + 1] AS st
      FROM generate_series(1, ${opinions}) i
    ) x`);
  await db.$executeRawUnsafe(`ANALYZE`);
}

export async function runWeeklySummaryBench(opts: WeeklySummaryBenchOptions = {}): Promise<WeeklySummaryBenchResult> {
  const groups = opts.groups ?? 1000;
  const opinions = opts.opinions ?? 100_000;
  const url = opts.databaseUrl ?? process.env.BENCH_DATABASE_URL;
  const schema = url ? `bench_${randomBytes(4).toString("hex")}` : undefined;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
  }
  const database = await openDatabase({ url, dataDir: "memory://", schema });
  const db = new PrismaClient({ adapter: database.adapterFactory, log: [{ emit: "event", level: "query" }] });
  let queries = 0;
  let sqlMs = 0;
  let slowest = 0;
  db.$on("query", (e) => {
    queries++;
    sqlMs += e.duration;
    slowest = Math.max(slowest, e.duration);
  });
  try {
    await database.migrate();
    await ensureCategories(db);
    const seedStart = performance.now();
    await seed(db, groups, opinions);
    const seedMs = performance.now() - seedStart;

    const baselineStart = performance.now();
    await db.$queryRawUnsafe(`SELECT count(*) FROM "Opinion"`);
    const baselineMs = performance.now() - baselineStart;

    const config = loadConfig({ DATA_DIR: "memory://", LOG_LEVEL: "silent" });
    const logger = createLogger("silent");
    const now = () => NOW;
    const core = createCoreContext({ db, config, logger, now });
    const jobs = createJobs({ db, config, logger, core, now, owner: "bench" });

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    queries = 0;
    sqlMs = 0;
    slowest = 0;
    const start = performance.now();
    const result = await jobs.run("weekly-summary", { trigger: "bench" });
    const runMs = performance.now() - start;
    const issued = queries;
    const rssAfter = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    if (result.failed) throw new Error(`${result.failed} 个群的周报生成失败`);
    return {
      database: database.kind,
      groups,
      opinions,
      seedMs: Math.round(seedMs),
      runMs: Math.round(runMs),
      posted: result.ran,
      queries: issued,
      sqlMs: Math.round(sqlMs),
      slowestSqlMs: Math.round(slowest),
      rssBeforeMB: Math.round(rssBefore / MB),
      rssAfterMB: Math.round(rssAfter / MB),
      heapDeltaMB: Math.round((heapAfter - heapBefore) / MB),
      baselineMs: Math.round(baselineMs * 10) / 10,
      ratioToBaseline: Math.round((runMs / Math.max(baselineMs, 0.1)) * 10) / 10,
    };
  } finally {
    await db.$disconnect();
    await database.close();
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await runWeeklySummaryBench({
    groups: process.env.BENCH_GROUPS ? Number(process.env.BENCH_GROUPS) : undefined,
    opinions: process.env.BENCH_OPINIONS ? Number(process.env.BENCH_OPINIONS) : undefined,
  });
  console.log(`每周汇总基准（${r.database}）：${r.groups} 个群，${r.opinions} 条意见`);
  console.log(`  造数 ${r.seedMs} ms`);
  console.log(`  计算并入发件箱：${r.runMs} ms，发出 ${r.posted} 条，SQL ${r.queries} 条（数据库耗时 ${r.sqlMs} ms，最慢一条 ${r.slowestSqlMs} ms）`);
  console.log(`  内存 RSS ${r.rssBeforeMB} MB → ${r.rssAfterMB} MB（堆增量 ${r.heapDeltaMB} MB）`);
  console.log(`  基线 SELECT count(*)：${r.baselineMs} ms；比值 ${r.ratioToBaseline}×`);
  console.log(JSON.stringify(r));
}
