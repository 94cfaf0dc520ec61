// Runs jobs: node-cron fires them, start-up catches up a missed firing while it is still useful,
// and staff run them by hand. Targets are claimed and enqueued in the same transaction; one failing
// group is logged and the others go on; nothing here runs on the message-handling path.
import { randomBytes } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import { enqueue } from "../outbox/enqueue.ts";
import { localDate } from "../domain/workdays.ts";
import { claimMany, periodRecorded, recordFailure, recordPeriod } from "./claims.ts";
import { addDays, nextFiring, previousFiring } from "../domain/wall-clock.ts";
import type { OutboxItem } from "../outbox/enqueue.ts";
import type { Job, JobContext, RunResult, Target } from "./types.ts";

const BATCH = 100;

export interface JobStatus {
  name: string;
  title: string;
  schedule: string;
  nextRunAt: string | null;
  lastRuns: { key: string; status: string; startedAt: string; finishedAt: string | null; detail: string | null }[];
}

export interface JobEngine {
  readonly jobs: Job[];
  /** Runs the firing of `name` due at or before `at` (default now). */
  run(name: string, opts?: { at?: Date; groupId?: number; trigger?: string }): Promise<RunResult>;
  /** Start-up: runs each job's last firing if still useful, logs and records it as skipped if stale. */
  catchUp(): Promise<void>;
  status(): Promise<JobStatus[]>;
  start(): void;
  stop(): Promise<void>;
}

export class UnknownJobError extends Error {}

export function createJobEngine(ctx: JobContext & { now: () => Date; jobs: Job[]; owner?: string }): JobEngine {
  const { db, logger, tz } = ctx;
  const owner = ctx.owner ?? `${process.pid}-${randomBytes(3).toString("hex")}`;
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const find = (name: string) => {
    const job = ctx.jobs.find((j) => j.name === name);
    if (!job) throw new UnknownJobError(name);
    return job;
  };

  async function run(name: string, opts: { at?: Date; groupId?: number; trigger?: string } = {}): Promise<RunResult> {
    const job = find(name);
    const due = previousFiring(job.schedule, opts.at ?? ctx.now(), tz) ?? opts.at ?? ctx.now();
    const dueDate = localDate(due, tz);
    const period = job.period(dueDate);
    const log = logger.child({ job: name, period, trigger: opts.trigger ?? "manual" });
    const result: RunResult = { ran: 0, skipped: 0, failed: 0 };
    const targets = await job.plan(ctx, { due, dueDate, period, ...(opts.groupId !== undefined ? { groupId: opts.groupId } : {}) });
    // Targets are claimed and enqueued a batch per transaction; a batch that fails is retried one
    // target at a time, so a failing group is logged and costs only itself.
    const runBatch = async (batch: Target[]): Promise<void> => {
      const at = ctx.now();
      try {
        const ran = await db.$transaction(
          async (tx) => {
            const claimed = await claimMany(
              tx,
              batch.map((t) => t.key),
              name,
              owner,
              at,
            );
            const items: OutboxItem[] = [];
            for (const target of batch.filter((t) => claimed.has(t.key))) {
              const built = await target.build(tx);
              items.push(...built.map((item, i) => ({ ...item, dedupeKey: built.length > 1 ? `${target.key}#${i + 1}` : target.key, notBefore: at })));
            }
            await enqueue(tx, items);
            return claimed.size;
          },
          { timeout: 60_000, maxWait: 60_000 },
        );
        result.ran += ran;
        result.skipped += batch.length - ran;
      } catch (err) {
        if (batch.length > 1) {
          log.warn({ err, targets: batch.length }, "job batch failed; retrying its targets one by one");
          for (const target of batch) await runBatch([target]);
          return;
        }
        const [target] = batch;
        result.failed += 1;
        log.error({ err, target: target.label, key: target.key }, "job target failed; continuing with the others");
        await recordFailure(db, target.key, name, owner, at, err instanceof Error ? err.message : String(err)).catch((e) =>
          log.warn({ err: e }, "could not record the failure"),
        );
      }
    };
    for (let i = 0; i < targets.length; i += BATCH) await runBatch(targets.slice(i, i + BATCH));
    if (result.ran) ctx.core.nudgeOutbox();
    if (opts.groupId === undefined) {
      await recordPeriod(
        db,
        `${name}:${period}`,
        name,
        owner,
        ctx.now(),
        result.failed ? "failed" : "done",
        `发送 ${result.ran}，已发过 ${result.skipped}，失败 ${result.failed}`,
      );
    }
    log.info({ ...result, targets: targets.length }, "job run finished");
    return result;
  }

  async function catchUpOne(job: Job): Promise<void> {
    const now = ctx.now();
    const due = previousFiring(job.schedule, now, tz);
    if (!due) return;
    const dueDate = localDate(due, tz);
    const period = job.period(dueDate);
    if (localDate(now, tz) <= addDays(dueDate, job.catchUpDays)) {
      await run(job.name, { at: due, trigger: "catch-up" });
      return;
    }
    if (await periodRecorded(db, `${job.name}:${period}`)) return;
    // A job that never ran (a fresh install) missed nothing worth a warning.
    const firstStart = (await db.jobRun.count({ where: { job: job.name } })) === 0;
    if (firstStart) logger.info({ job: job.name, period }, `定时任务「${job.title}」首次启用，从下一期开始`);
    else logger.warn({ job: job.name, period, due }, `错过的定时任务「${job.title}」（${period}）已过时，不再补发`);
    await recordPeriod(db, `${job.name}:${period}`, job.name, owner, now, "skipped", firstStart ? "首次启用，未补发" : "错过且已过时，未补发");
  }

  // One catch-up at a time: start-up's and a caller's share it.
  let catching: Promise<void> | undefined;
  async function catchUpAll(): Promise<void> {
    for (const job of ctx.jobs) {
      await track(catchUpOne(job)).catch((err) => logger.error({ err, job: job.name }, "job catch-up failed"));
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  const engine: JobEngine = {
    jobs: ctx.jobs,
    run: (name, opts) => track(run(name, opts)),
    catchUp() {
      catching ??= catchUpAll().finally(() => (catching = undefined));
      return catching;
    },
    async status() {
      const now = ctx.now();
      return Promise.all(
        ctx.jobs.map(async (job) => {
          // Period rows ("weekly-summary:2026-W48") summarise each run; of the per-target rows only failures are listed.
          const runs = await db.$queryRaw<{ key: string; status: string; startedAt: Date; finishedAt: Date | null; detail: string | null }[]>`
            SELECT key, status, "startedAt", "finishedAt", detail FROM "JobRun"
            WHERE job = ${job.name} AND (status = 'failed' OR key NOT LIKE ${`${job.name}:%:%`})
            ORDER BY "startedAt" DESC, id DESC LIMIT 10`;
          return {
            name: job.name,
            title: job.title,
            schedule: job.schedule,
            nextRunAt: nextFiring(job.schedule, now, tz)?.toISOString() ?? null,
            lastRuns: runs.map((r) => ({
              key: r.key,
              status: r.status,
              startedAt: r.startedAt.toISOString(),
              finishedAt: r.finishedAt?.toISOString() ?? null,
              detail: r.detail,
            })),
          };
        }),
      );
    },
    start() {
      for (const job of ctx.jobs) {
        const task = cron.schedule(
          job.schedule,
          // Returned so noOverlap holds a slow run; errors end here, logged.
          () => track(run(job.name, { trigger: "schedule" })).catch((err) => logger.error({ err, job: job.name }, "scheduled job failed")),
          { timezone: tz, name: `job:${job.name}:${owner}`, noOverlap: true },
        );
        task.unref();
        tasks.push(task);
      }
      void engine.catchUp();
    },
    async stop() {
      for (const t of tasks.splice(0)) await t.destroy();
      await Promise.allSettled([...inFlight]);
    },
  };
  return engine;
}
