// The scheduled jobs of issue 5, wired from configuration.
import type { Config } from "../config.ts";
import { createJobEngine, type JobEngine } from "./engine.ts";
import type { Job, JobContext } from "./types.ts";
import { weeklySummaryJob } from "./defs/weekly-summary.ts";
import { overdueJob } from "./defs/overdue.ts";

export function defineJobs(config: Config): Job[] {
  return [
    weeklySummaryJob(config.JOB_WEEKLY_CRON, config.WEEKLY_EMPTY_POST),
    overdueJob(config.JOB_ESCALATE_CRON, config.ESCALATE_OVERDUE_DAYS),
  ];
}

export function createJobs(ctx: Omit<JobContext, "tz"> & { now: () => Date; owner?: string }): JobEngine {
  return createJobEngine({ ...ctx, tz: ctx.config.BOT_TIMEZONE, jobs: defineJobs(ctx.config) });
}

export type { JobEngine };
