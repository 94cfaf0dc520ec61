import type { Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { TRANSITIONS, refusal, targetStatus, type Action, type Status } from "../../domain/lifecycle.ts";
import type { DeadlineChange } from "../../domain/deadlines.ts";
import { actorRef, type Actor } from "../actors.ts";
import { clockColumns, recordDeadline } from "../deadlines.ts";

export interface EventInput {
  action: string;
  actor: Actor | "system";
  note?: string;
  data?: Prisma.InputJsonValue;
  fromStatus?: Status;
  toStatus?: Status;
}

/** Writes the event; its id is what a DeadlineChange points at. */
export async function recordEvent(tx: Tx, opinionId: number, e: EventInput): Promise<number> {
  const system = e.actor === "system";
  const event = await tx.opinionEvent.create({
    data: {
      opinionId,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorRole: system ? "system" : (e.actor as Actor).role,
      actorName: system ? "系统" : (e.actor as Actor).name,
      actorRef: system ? null : actorRef(e.actor as Actor),
      note: e.note,
      data: e.data,
    },
    select: { id: true },
  });
  return event.id;
}

/**
 * Moves an opinion by the state table with a guarded update: a concurrent or illegal transition
 * updates nothing and fails with a Chinese explanation; the event is written in the same transaction,
 * and so is the deadline history entry when the action changes the clock (`deadline`).
 */
export async function transition(
  tx: Tx,
  opinion: { id: number; number: number; status: Status },
  action: Action,
  actor: Actor | "system",
  opts: {
    data?: Prisma.OpinionUncheckedUpdateManyInput;
    deadline?: DeadlineChange;
    where?: Prisma.OpinionWhereInput;
    note?: string;
    eventData?: Prisma.InputJsonValue;
    to?: Status;
    refuse?: (current: Status) => string | undefined;
  } = {},
): Promise<Status> {
  const to = opts.to ?? targetStatus(action, opinion.status);
  const { count } = await tx.opinion.updateMany({
    where: { id: opinion.id, status: { in: TRANSITIONS[action].from }, ...opts.where },
    data: { ...opts.data, ...(opts.deadline ? clockColumns(opts.deadline) : {}), status: to },
  });
  if (count === 0) {
    const current = await tx.opinion.findUnique({ where: { id: opinion.id }, select: { status: true } });
    if (!current) throw notFound(opinion.number);
    const message = opts.refuse?.(current.status) ?? refusal(action, current.status, opinion.number);
    throw new AppError("illegal_transition", { userMessage: message, status: 409 });
  }
  const eventId = await recordEvent(tx, opinion.id, { action, actor, note: opts.note, data: opts.eventData, fromStatus: opinion.status, toStatus: to });
  if (opts.deadline) await recordDeadline(tx, opinion.id, eventId, opts.deadline);
  return to;
}
