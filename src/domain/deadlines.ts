// Deadlines that keep their history. A matter has one station clock: the approved deadline in force
// (`due`). Only the first 交办 before expiry, an extension requested in time and approved, and a
// 重新办理 round move it; a re-dispatch never does, and once the clock has expired it never moves
// again within the round: later dates agreed with the unit are a working `target` beside it. So "on
// time" (closed within the deadline in force) cannot be bought after the fact, and a matter that was
// ever overdue stays counted as overdue. `lateDays` carries the overdue working days of rounds that
// ended before a 重新办理.
import type { DateString, WorkCalendar } from "./workdays.ts";

/** What moved the clock; the same list is the CHECK on DeadlineChange.kind (migration unit_participants). */
export type DeadlineKind = "original" | "dispatch" | "redispatch" | "extension" | "lateExtension" | "reopen";

export const DEADLINE_KIND_LABEL: Record<DeadlineKind, string> = {
  original: "受理时限",
  dispatch: "交办时限",
  redispatch: "重新转办（不重新计时）",
  extension: "批准延期",
  lateExtension: "超期后延期（仍计超期）",
  reopen: "重新办理",
};

export interface Clock {
  /** The approved deadline in force; null when none was ever set. */
  due: DateString | null;
  /** A later working date agreed after the clock expired: shown to the unit, never used for figures. */
  target: DateString | null;
  /** Overdue working days of earlier rounds (before a 重新办理). */
  lateDays: number;
}

/** One entry of the history: what the clock became. */
export interface DeadlineChange extends Clock {
  kind: DeadlineKind;
}

/** Whether the deadline in force has passed on `day` (a deadline of today is not yet passed). */
export const isExpired = (clock: Pick<Clock, "due">, day: DateString): boolean => clock.due !== null && day > clock.due;

/** The date the one handling it works toward: the agreed target after expiry, else the deadline in force. */
export const workingDate = (clock: Pick<Clock, "due" | "target">): DateString | null => clock.target ?? clock.due;

/**
 * 转办. The first dispatch before expiry sets the deadline in force (`requested`, or the current one).
 * A re-dispatch, or a first dispatch after expiry, leaves it where it is: a requested date then only
 * becomes the working target when the clock has already expired.
 */
export function dispatchDeadline(clock: Clock, opts: { today: DateString; requested?: DateString; redispatch: boolean }): DeadlineChange {
  const expired = isExpired(clock, opts.today);
  const kind = opts.redispatch ? "redispatch" : "dispatch";
  if (!opts.redispatch && !expired) return { kind, due: opts.requested ?? clock.due, target: null, lateDays: clock.lateDays };
  return { kind, due: clock.due, target: expired ? (opts.requested ?? clock.target) : clock.target, lateDays: clock.lateDays };
}

/**
 * 延期 of `days` working days. Requested on or before the deadline (and approved): the deadline in force
 * moves, counted from itself. Requested after expiry: the deadline stays, the matter stays overdue, and
 * the days only set a working target counted from `today`.
 */
export function extensionDeadline(clock: Clock, opts: { requestedOn: DateString; today: DateString; days: number; calendar: WorkCalendar }): DeadlineChange {
  if (clock.due === null) return { kind: "extension", due: opts.calendar.addWorkingDays(opts.today, opts.days), target: null, lateDays: clock.lateDays };
  if (!isExpired(clock, opts.requestedOn))
    return { kind: "extension", due: opts.calendar.addWorkingDays(clock.due, opts.days), target: null, lateDays: clock.lateDays };
  return { kind: "lateExtension", due: clock.due, target: opts.calendar.addWorkingDays(opts.today, opts.days), lateDays: clock.lateDays };
}

/** 重新办理: a new round with a new deadline; the overdue days of the ended round (up to `endedOn`) are kept. */
export function reopenDeadline(clock: Clock, opts: { endedOn: DateString; due: DateString; calendar: WorkCalendar }): DeadlineChange {
  return { kind: "reopen", due: opts.due, target: null, lateDays: overdueDays(clock, opts.endedOn, opts.calendar) };
}

/** Working days overdue, all rounds, counted up to `on` (the closing day, or today while open). */
export function overdueDays(clock: Clock, on: DateString, calendar: WorkCalendar): number {
  return clock.lateDays + (clock.due !== null && on > clock.due ? calendar.workingDaysBetween(clock.due, on) : 0);
}

/** Closed on `closedOn` within the deadline in force, and never overdue in an earlier round. */
export const closedOnTime = (clock: Clock, closedOn: DateString): boolean => clock.lateDays === 0 && !isExpired(clock, closedOn);
