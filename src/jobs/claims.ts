// Exactly once: a target's JobRun row is inserted in the same transaction that enqueues its
// messages. A second instance (or a restart) inserting the same key waits on the unique index and
// then finds it taken; a failed attempt leaves a "failed" row that the next run may take over.
import type { Db, Tx } from "../db/client.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * Claims `keys` for `owner` in one statement; returns the keys this transaction now owns. Keys are
 * inserted in the caller's order, so two instances claiming the same batch queue up instead of deadlocking.
 */
export async function claimMany(tx: Tx, keys: string[], job: string, owner: string, at: Date): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "JobRun" (key, job, status, owner, "startedAt", "finishedAt")
    VALUES ${Prisma.join(keys.map((k) => Prisma.sql`(${k}, ${job}, 'done', ${owner}, ${at}, ${at})`))}
    ON CONFLICT (key) DO UPDATE SET status = 'done', owner = EXCLUDED.owner, "startedAt" = EXCLUDED."startedAt",
      "finishedAt" = EXCLUDED."finishedAt", detail = NULL
    WHERE "JobRun".status = 'failed'
    RETURNING key`;
  return new Set(rows.map((r) => r.key));
}

/** Records a failure, unless another instance has meanwhile done the work. */
export async function recordFailure(db: Db, key: string, job: string, owner: string, at: Date, detail: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "JobRun" (key, job, status, owner, "startedAt", "finishedAt", detail)
    VALUES (${key}, ${job}, 'failed', ${owner}, ${at}, ${at}, ${detail.slice(0, 500)})
    ON CONFLICT (key) DO UPDATE SET status = 'failed', owner = EXCLUDED.owner, "finishedAt" = EXCLUDED."finishedAt", detail = EXCLUDED.detail
    WHERE "JobRun".status <> 'done'`;
}

/** The period row (`job:period`) summarises a run for the admin API and tells catch-up it happened. */
export async function recordPeriod(
  db: Db,
  key: string,
  job: string,
  owner: string,
  at: Date,
  status: "done" | "failed" | "skipped",
  detail: string,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "JobRun" (key, job, status, owner, "startedAt", "finishedAt", detail)
    VALUES (${key}, ${job}, ${status}, ${owner}, ${at}, ${at}, ${detail})
    ON CONFLICT (key) DO UPDATE SET status = EXCLUDED.status, owner = EXCLUDED.owner, "finishedAt" = EXCLUDED."finishedAt", detail = EXCLUDED.detail`;
}

export async function periodRecorded(db: Db, key: string): Promise<boolean> {
  return (await db.jobRun.count({ where: { key } })) > 0;
}
