// One matter for staff: full unmasked text, submitter, co-signers, possible duplicates, timeline, and
// the unit's side: each dispatch, extension requests and the deadline history.
import type { CoreContext } from "../core/context.ts";
import { dateFromDb } from "../core/dates.ts";
import { STATUS_LABEL, canTransition, eventLabel, isClosed, isOverdue } from "../domain/lifecycle.ts";
import { DEADLINE_KIND_LABEL, closedOnTime, overdueDays as overdueSoFar, type DeadlineKind } from "../domain/deadlines.ts";
import { localDate } from "../domain/workdays.ts";
import { clockOf } from "../core/deadlines.ts";
import { UserText } from "../domain/user-text.ts";
import { notFound } from "../errors.ts";
import { requireStation, type Principal } from "../http/auth/principal.ts";
import { CONSOLE_ACTIONS } from "./actions.ts";
import { publicDisplay } from "./public-display.ts";

export async function opinionDetail(ctx: CoreContext, p: Principal, number: number) {
  const o = await ctx.db.opinion.findUnique({
    where: { number },
    include: {
      station: { select: { id: true, name: true } },
      group: { select: { id: true, name: true, platform: true } },
      deputy: { select: { id: true, name: true } },
      unit: { select: { id: true, name: true } },
      citizen: { select: { id: true, name: true, phone: true } },
      events: { orderBy: { id: "asc" } },
      cosigns: { include: { citizen: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      duplicateHints: { include: { candidate: { select: { number: true, text: true, status: true } } } },
      duplicateOf: { include: { opinion: { select: { number: true, text: true, status: true } } } },
      mergedInto: { select: { number: true } },
      mergedFrom: { select: { number: true } },
      dispatches: { include: { unit: { select: { id: true, name: true } } }, orderBy: { id: "asc" } },
      extensionRequests: { orderBy: { id: "asc" } },
      deadlineChanges: { include: { event: { select: { createdAt: true, actorRole: true, actorName: true } } }, orderBy: { id: "asc" } },
    },
  });
  if (!o) throw notFound(number);
  requireStation(p, o.stationId);
  const due = o.dueDate ? dateFromDb(o.dueDate) : null;
  const calendar = await ctx.calendar();
  const overdueDays = isOverdue(o.status, due, ctx.today()) ? calendar.workingDaysBetween(due!, ctx.today()) : 0;
  const day = (d: Date | null) => (d ? dateFromDb(d) : null);
  const clock = clockOf(o);
  const closedOn = isClosed(o.status) && o.closedAt ? localDate(o.closedAt, ctx.config.BOT_TIMEZONE) : null;
  const duplicates = [
    ...o.duplicateHints.map((h) => ({ ...h.candidate, score: h.score })),
    ...o.duplicateOf.map((h) => ({ ...h.opinion, score: h.score })),
  ].filter((d, i, all) => all.findIndex((x) => x.number === d.number) === i);
  return {
    number: o.number,
    text: o.text,
    category: o.category,
    channel: o.channel,
    status: o.status,
    statusLabel: STATUS_LABEL[o.status],
    createdAt: o.createdAt,
    dueDate: due,
    /** A later date agreed after the deadline passed: the matter still counts as overdue. */
    targetDate: day(o.targetDate),
    overdueDays,
    /** Working days overdue over all rounds, up to closing (or today while open): it never goes back to 0. */
    overdueDaysTotal: overdueSoFar(clock, closedOn ?? ctx.today(), calendar),
    /** 按期办结 as the figures count it; null while not closed. */
    closedOnTime: closedOn ? closedOnTime(clock, closedOn) : null,
    station: o.station,
    group: o.group,
    submitter: { name: o.citizen?.name ?? null, phone: o.citizen?.phone ?? null, contactPhone: o.contactPhone, platformUserId: o.submitterPlatformUserId },
    deputy: o.deputy,
    unit: o.unit,
    place: o.place,
    replyText: o.replyText,
    resultClass: o.resultClass,
    resultText: o.resultText,
    rating: o.rating,
    ratingComment: o.ratingComment,
    closeReason: o.closeReason,
    reopenCount: o.reopenCount,
    /** 公示: staff's decision (null: default) and whether the public pages list it. */
    publicDisplay: publicDisplay(ctx, o),
    mergedInto: o.mergedInto?.number ?? null,
    mergedFrom: o.mergedFrom.map((m) => m.number),
    cosigners: o.cosigns.map((c) => ({ name: c.citizen.name, at: c.createdAt })),
    duplicates: duplicates.map((d) => ({
      number: d.number,
      excerpt: UserText.unmasked(d.text).excerpt(60).value,
      status: d.status,
      statusLabel: STATUS_LABEL[d.status],
      score: d.score,
    })),
    timeline: o.events.map((e) => ({
      at: e.createdAt,
      action: e.action,
      label: eventLabel(e.action),
      actorRole: e.actorRole,
      actorName: e.actorName,
      actorRef: e.actorRef,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      data: e.data,
    })),
    dispatches: o.dispatches.map((d) => ({
      unit: d.unit,
      dispatchedAt: d.dispatchedAt,
      signDueDate: dateFromDb(d.signDueDate),
      signedAt: d.signedAt,
      returnedAt: d.returnedAt,
      returnReason: d.returnReason,
      repliedAt: d.repliedAt,
      replyText: d.replyText,
      /** 0: nobody at the unit was bound, the notice reached no one. */
      recipients: d.recipients,
    })),
    extensionRequests: o.extensionRequests.map((r) => ({
      days: r.days,
      reason: r.reason,
      requestedAt: r.requestedAt,
      requesterRole: r.requesterRole,
      requesterName: r.requesterName,
      dueAtRequest: day(r.dueAtRequest),
      decision: r.decision,
      decidedAt: r.decidedAt,
      deciderName: r.deciderName,
      decisionNote: r.decisionNote,
    })),
    deadlines: o.deadlineChanges.map((c) => ({
      at: c.event.createdAt,
      kind: c.kind,
      label: DEADLINE_KIND_LABEL[c.kind as DeadlineKind] ?? c.kind,
      dueDate: day(c.dueDate),
      targetDate: day(c.targetDate),
      lateDays: c.lateDays,
      actorRole: c.event.actorRole,
      actorName: c.event.actorName,
    })),
    /** Console actions the current state allows (the same table the chat commands obey). */
    actions: CONSOLE_ACTIONS.filter((a) => canTransition(a.lifecycle, o.status)).map((a) => a.name),
  };
}
