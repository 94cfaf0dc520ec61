import type { Tx } from "../../db/client.ts";
import { classify, extractHashtagCategory } from "../../domain/classify.ts";
import { findNearDuplicates } from "../../domain/similarity.ts";
import type { CoreContext } from "../context.ts";
import { dateToDb } from "../dates.ts";
import { recordDeadline } from "../deadlines.ts";
import { reachable, type Actor } from "../actors.ts";
import { recordEvent } from "./transition.ts";

export interface NewOpinion {
  text: string;
  channel: "chat" | "代表码" | "console";
  citizenId: number;
  platform?: string;
  sourceMessageId?: string;
  groupId?: number | null;
  stationId?: number | null;
  submitterPlatformUserId?: string;
  deputyId?: number | null;
  place?: string;
  contactPhone?: string;
  category?: string;
  followToken?: string;
}

/** Gapless numbers citizens can type: a counter row, locked by the transaction that takes a number. */
export async function nextOpinionNumber(tx: Tx): Promise<number> {
  const row = await tx.counter.upsert({ where: { name: "opinion" }, create: { name: "opinion", value: 1 }, update: { value: { increment: 1 } } });
  return row.value;
}

export async function createOpinion(ctx: CoreContext, tx: Tx, input: NewOpinion, actor: Actor | "system") {
  const dict = await ctx.dictionary(tx);
  const category =
    (input.category && dict.categories.includes(input.category) ? input.category : undefined) ??
    extractHashtagCategory(input.text, dict.categories) ??
    classify(input.text, dict.keywords).category;
  const calendar = await ctx.calendar(tx);
  const days = dict.deadlineDays[category] ?? ctx.config.DEFAULT_DEADLINE_DAYS;
  const dueDate = calendar.addWorkingDays(ctx.today(), days);
  const number = await nextOpinionNumber(tx);
  const opinion = await tx.opinion.create({
    data: {
      number,
      text: input.text,
      category,
      channel: input.channel,
      platform: input.platform,
      sourceMessageId: input.sourceMessageId,
      groupId: input.groupId ?? null,
      stationId: input.stationId ?? null,
      citizenId: input.citizenId,
      submitterPlatformUserId: input.submitterPlatformUserId,
      deputyId: input.deputyId ?? null,
      place: input.place,
      contactPhone: input.contactPhone,
      followToken: input.followToken,
      dueDate: dateToDb(dueDate),
      createdAt: ctx.now(),
    },
  });
  const received = await recordEvent(tx, opinion.id, { action: "receive", actor, toStatus: "RECEIVED", data: { category, dueDate, channel: input.channel } });
  await recordDeadline(tx, opinion.id, received, { kind: "original", due: dueDate, target: null, lateDays: 0 });

  // Possible duplicates are flagged for staff, never merged automatically.
  const since = new Date(ctx.now().getTime() - ctx.config.DUPLICATE_WINDOW_DAYS * 86_400_000);
  const recent = await tx.opinion.findMany({
    where: {
      id: { not: opinion.id },
      createdAt: { gte: since },
      status: { notIn: ["MERGED", "REJECTED"] },
      // A simulator receipt names similar matters: none from real platforms (see mayReach).
      ...reachable({ platform: input.platform ?? "" }),
      ...(opinion.stationId ? { stationId: opinion.stationId } : opinion.groupId ? { groupId: opinion.groupId } : { citizenId: input.citizenId }),
    },
    select: { id: true, number: true, text: true },
    orderBy: { id: "desc" },
    take: 300,
  });
  const duplicates = findNearDuplicates(input.text, recent).slice(0, 5);
  if (duplicates.length) {
    await tx.duplicateHint.createMany({ data: duplicates.map((d) => ({ opinionId: opinion.id, candidateId: d.id, score: d.score })) });
  }
  const byId = new Map(recent.map((r) => [r.id, r.number]));
  return { opinion, dueDate, days, duplicates: duplicates.map((d) => ({ number: byId.get(d.id)!, score: d.score })) };
}
