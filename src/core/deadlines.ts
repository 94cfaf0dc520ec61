// The station clock (domain/deadlines.ts) as stored: three Opinion columns, and one DeadlineChange row
// per event that touched it, so the console can show the deadline history with who and when.
import type { Tx } from "../db/client.ts";
import type { Clock, DeadlineChange } from "../domain/deadlines.ts";
import { dateFromDb, dateToDb } from "./dates.ts";

export function clockOf(o: { dueDate: Date | null; targetDate: Date | null; lateDays: number }): Clock {
  return { due: o.dueDate && dateFromDb(o.dueDate), target: o.targetDate && dateFromDb(o.targetDate), lateDays: o.lateDays };
}

/** The Opinion columns for a clock. */
export function clockColumns(c: Clock) {
  return { dueDate: c.due ? dateToDb(c.due) : null, targetDate: c.target ? dateToDb(c.target) : null, lateDays: c.lateDays };
}

/** The history entry for the event `eventId` that made the change. */
export async function recordDeadline(tx: Tx, opinionId: number, eventId: number, change: DeadlineChange): Promise<void> {
  await tx.deadlineChange.create({ data: { opinionId, eventId, kind: change.kind, ...clockColumns(change) } });
}
