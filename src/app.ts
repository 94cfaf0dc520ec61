// Composition: database → core → channels → HTTP → workers. main.ts only adds the process around it.
import path from "node:path";
import type { Server } from "node:http";
import type { Express } from "express";
import type { Config } from "./config.ts";
import { createLogger, type Logger } from "./logger.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { ensureCategories, seedDemo } from "./core/seed.ts";
import { createCoreContext, type CoreContext } from "./core/context.ts";
import { createInbox, type Inbox } from "./bot/inbox.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox/worker.ts";
import type { Channel, Ingest } from "./channels/types.ts";
import { createSimulatorChannel } from "./channels/simulator/channel.ts";
import { createDingtalkChannel, type DingtalkDeps } from "./channels/dingtalk/index.ts";
import { createSeenCallbacks } from "./channels/seen-callbacks.ts";
import { SIMULATOR_API, simulatorRoutes } from "./channels/simulator/routes.ts";
import { localOnly } from "./channels/simulator/local-only.ts";
import { createWecomChannel } from "./channels/wecom/index.ts";
import { createHttpApp, errorHandler, jsonBody } from "./http/app.ts";
import { consoleHttp } from "./http/console/index.ts";
import type { ApiOperation } from "./http/openapi.ts";
import { adminOnly } from "./http/auth/principal.ts";
import { logRefusals } from "./http/auth/refusal-log.ts";
import { consolePage } from "./http/console/page.ts";
import { auditChanges } from "./console/audit.ts";
import { rosterRoutes } from "./http/admin/roster.ts";
import { opinionRoutes } from "./http/admin/opinions.ts";
import { settingsRoutes } from "./http/admin/settings.ts";
import { createJobs, type JobEngine } from "./jobs/index.ts";
import { jobRoutes } from "./http/admin/jobs.ts";
import { codeRoutes } from "./http/admin/code.ts";
import { publicRoutes } from "./web/routes.ts";

export interface AppOptions {
  config: Config;
  logger?: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** PostgreSQL schema (tests isolate themselves with one). */
  dbSchema?: string;
  /** Embedded in-memory database only: start from this dump instead of empty (tests reuse one migrated copy). */
  dbSnapshot?: Blob;
  /** DingTalk Stream timings and timers (tests shorten the reconnect delays and move time by hand). */
  dingtalk?: Pick<DingtalkDeps, "stream" | "timers">;
}

export interface App {
  config: Config;
  logger: Logger;
  express: Express;
  database: Database;
  db: Database["prisma"];
  core: CoreContext;
  inbox: Inbox;
  ingest: Ingest;
  outbox: Pick<OutboxWorker, "drain" | "nudge">;
  /** Scheduled jobs; node-cron fires them only when JOBS_ENABLED. */
  jobs: JobEngine;
  /** Listens, starts channels and workers. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const inMemory = config.DATA_DIR.startsWith("memory://");
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: inMemory ? config.DATA_DIR : path.join(config.DATA_DIR, "pglite"),
    schema: opts.dbSchema,
    poolSize: config.DATABASE_POOL_SIZE,
    ...(inMemory && !config.DATABASE_URL && opts.dbSnapshot ? { initialData: opts.dbSnapshot } : {}),
  });
  const applied = await database.migrate();
  if (applied.length) logger.info({ migrations: applied }, "database migrated");
  await ensureCategories(database.prisma);
  if (database.kind === "pglite" && config.SEED_DEMO && (await seedDemo(database.prisma))) {
    logger.info("loaded the demo roster (演示数据): one station, two deputies, one staff member, one group");
  }

  const worker = createOutboxWorker({ db: database.prisma, logger, pollMs: config.OUTBOX_POLL_MS, leaseMs: config.OUTBOX_LEASE_MS, now: opts.now });
  const core = createCoreContext({ db: database.prisma, config, logger, now: opts.now, nudgeOutbox: () => worker.nudge() });
  const inbox = createInbox(core);
  const jobs = createJobs({ db: database.prisma, config, logger, core, now: core.now });
  const ingest: Ingest = async (m) => ({ duplicate: (await inbox.receive(m)).duplicate });

  const channels: Channel[] = [];
  const http = createHttpApp(config.TRUST_PROXY);
  let ready = false;

  http.get("/healthz", (_req, res) => {
    const status = ready ? "ok" : "starting";
    const detail = Object.fromEntries(channels.filter((c) => c.health).map((c) => [c.platform, c.health!()]));
    res.status(ready ? 200 : 503).json({ status, ...(Object.keys(detail).length ? { channels: detail } : {}) });
  });

  // /api operations outside the console's routers, documented beside them.
  const mounted: ApiOperation[] = [];
  if (config.SIMULATOR_ENABLED) {
    channels.push(createSimulatorChannel(database.prisma));
    mounted.push(...SIMULATOR_API);
    const sim = simulatorRoutes({ db: database.prisma, inbox });
    http.use("/simulator", localOnly, sim.page);
    http.use("/api/simulator", localOnly, jsonBody(), sim.api);
  }

  // WeCom (企业微信): undefined unless WECOM_* is configured; the router exists in callback mode only.
  const wecom = createWecomChannel({ config, ingest, logger, fetch: opts.fetch, now: opts.now });
  if (wecom) {
    channels.push(wecom.channel);
    if (wecom.router) http.use("/callbacks/wecom", wecom.router);
  }
  const seen = createSeenCallbacks(database.prisma, () => core.now());
  const dingtalk = createDingtalkChannel({ config, ingest, logger, fetch: opts.fetch, now: opts.now, seen, ...opts.dingtalk });
  if (dingtalk) {
    channels.push(dingtalk.channel);
    if (dingtalk.router) http.use("/callbacks/dingtalk", dingtalk.router);
  }

  // 代表码 public pages (/d, /f, /s): no login; abuse limits live inside.
  http.use(publicRoutes(core));
  // /api: ADMIN_TOKEN or a console session; the original admin API stays administrators-only.
  const consoleApi = consoleHttp(core, mounted);
  http.use("/api", logRefusals(logger));
  http.use("/api/auth", jsonBody(), consoleApi.auth);
  http.use("/api", consoleApi.docs);
  http.use("/console", consolePage(config.BOT_TIMEZONE));
  http.use(
    "/api",
    jsonBody(),
    consoleApi.gate,
    consoleApi.api,
    adminOnly,
    auditChanges(database.prisma),
    rosterRoutes(database.prisma),
    opinionRoutes(core),
    settingsRoutes(core),
    jobRoutes(database.prisma, jobs),
    codeRoutes(database.prisma, config.PUBLIC_BASE_URL),
  );
  http.use((_req, res) => {
    res.status(404).json({ error: "没有这个地址" });
  });
  http.use(errorHandler(logger));

  for (const c of channels) worker.register(c);

  let server: Server | undefined;
  let recoverTimer: NodeJS.Timeout | undefined;

  return {
    config,
    logger,
    express: http,
    database,
    db: database.prisma,
    core,
    inbox,
    ingest,
    outbox: { drain: () => worker.drain(), nudge: () => worker.nudge() },
    jobs,
    async start() {
      for (const c of channels) await c.start?.();
      await inbox.recover();
      recoverTimer = setInterval(() => void inbox.recover().catch((err) => logger.warn({ err }, "inbox recovery failed")), config.INBOX_RECOVER_MS);
      recoverTimer.unref();
      worker.start();
      if (config.JOBS_ENABLED) jobs.start();
      server = await new Promise<Server>((resolve) => {
        const s = http.listen(config.PORT, config.HOST, () => resolve(s));
      });
      ready = true;
      const address = server.address();
      return { port: typeof address === "object" && address ? address.port : config.PORT };
    },
    async stop() {
      ready = false;
      if (recoverTimer) clearInterval(recoverTimer);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections?.();
      for (const c of channels) await c.stop?.();
      await jobs.stop();
      // A backlog is durable: only what is being handled now is finished; the rest waits for the next start.
      inbox.stop();
      await inbox.idle();
      await worker.stop();
      await database.close();
    },
  };
}
