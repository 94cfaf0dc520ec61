import type { Config } from "../config.ts";
import type { CoreContext } from "../core/context.ts";
import type { Db, Tx } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { OutboxItem } from "../outbox/enqueue.ts";

export interface JobContext {
  db: Db;
  config: Config;
  logger: Logger;
  core: CoreContext;
  tz: string;
}

/** One run of a job for a period, e.g. the weekly summary of 2026-W48. */
export interface JobRunInput {
  /** The scheduled firing this run belongs to. */
  due: Date;
  /** Local date (YYYY-MM-DD) of `due`. */
  dueDate: string;
  /** Period label in claim keys, e.g. "2026-W48", "2026-10-09", "2026-11". */
  period: string;
  /** Restrict to one group (staff command, admin API). */
  groupId?: number;
}

/** One recipient of a run: claimed under `key` before its messages are enqueued. */
export interface Target {
  key: string;
  /** For logs: which group / station / deputy. */
  label: string;
  /** Builds the messages inside the claiming transaction; an empty list posts nothing. */
  build(tx: Tx): OutboxItem[] | Promise<OutboxItem[]>;
}

export interface Job {
  name: string;
  title: string;
  schedule: string;
  /** A missed run is still worth doing up to this many local days after its due date (0: same day). */
  catchUpDays: number;
  period(dueDate: string): string;
  plan(ctx: JobContext, run: JobRunInput): Promise<Target[]>;
}

export interface RunResult {
  ran: number;
  skipped: number;
  failed: number;
}
