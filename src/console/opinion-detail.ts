// One matter for staff: full unmasked text, submitter, co-signers, possible duplicates, timeline.
import type { CoreContext } from "../core/context.ts";
import { dateFromDb } from "../core/dates.ts";
import { STATUS_LABEL, canTransition, eventLabel, isOverdue } from "../domain/lifecycle.ts";
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
    },
  });
  if (!o) throw notFound(number);
  requireStation(p, o.stationId);
  const due = o.dueDate ? dateFromDb(o.dueDate) : null;
  const calendar = await ctx.calendar();
  const overdueDays = isOverdue(o.status, due, ctx.today()) ? calendar.workingDaysBetween(due!, ctx.today()) : 0;
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
    overdueDays,
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
    duplicates: duplicates.map((d) => ({ number: d.number, excerpt: UserText.unmasked(d.text).excerpt(60).value, status: d.status, statusLabel: STATUS_LABEL[d.status], score: d.score })),
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
    /** Console actions the current state allows (the same table the chat commands obey). */
    actions: CONSOLE_ACTIONS.filter((a) => canTransition(a.lifecycle, o.status)).map((a) => a.name),
  };
}


