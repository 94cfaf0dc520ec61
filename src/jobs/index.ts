// The scheduled jobs of issue 5, wired from configuration.
import type { Config } from "../config.ts";
import { createJobEngine, type JobEngine } from "./engine.ts";
import type { Job, JobContext } from "./types.ts";
import { weeklySummaryJob } from "./defs/weekly-summary.ts";
import { staffSummaryJob } from "./defs/staff-summary.ts";
import { overdueJob } from "./defs/overdue.ts";
import { ratingReminderJob } from "./defs/rating-reminder.ts";
import { receptionReminderJob } from "./defs/reception-reminder.ts";
import { monthlyReportJob } from "./defs/monthly-report.ts";

export function defineJobs(config: Config): Job[] {
  return [
    weeklySummaryJob(config.JOB_WEEKLY_CRON, config.WEEKLY_EMPTY_POST),
    staffSummaryJob(config.JOB_STAFF_SUMMARY_CRON),
    overdueJob(config.JOB_ESCALATE_CRON, config.ESCALATE_OVERDUE_DAYS),
    ratingReminderJob(config.JOB_RATING_REMINDER_CRON, config.RATING_REMINDER_DAYS),
    receptionReminderJob(config.JOB_RECEPTION_CRON),
    monthlyReportJob(config.JOB_MONTHLY_CRON),
  ];
}

export function createJobs(ctx: Omit<JobContext, "tz"> & { now: () => Date; owner?: string }): JobEngine {
  return createJobEngine({ ...ctx, tz: ctx.config.BOT_TIMEZONE, jobs: defineJobs(ctx.config) });
}

export type { JobEngine };
