// What the public pages read: a deputy by slug with stations and reception days, and handled matters for 公示.
import type { Db } from "../db/client.ts";
import type { CoreContext } from "../core/context.ts";
import { policyOf, publicWhere } from "../core/visibility.ts";
import { CLOSED_STATUSES } from "../domain/lifecycle.ts";
import { excerpt } from "../domain/user-text.ts";
import { describeReceptionSchedule, nextReceptionDay, parseReceptionSchedule } from "../domain/reception.ts";
import type { DeputyInfo, PublicMatter } from "./pages.ts";
import type { PublicDates } from "./dates.ts";

export async function loadDeputy(db: Db, slug: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(slug)) return null;
  return db.deputy.findFirst({ where: { slug, active: true }, include: { stations: { include: { station: true }, orderBy: { stationId: "asc" } } } });
}
export type LoadedDeputy = NonNullable<Awaited<ReturnType<typeof loadDeputy>>>;

export async function deputyInfo(ctx: CoreContext, dates: PublicDates, d: LoadedDeputy): Promise<DeputyInfo> {
  const calendar = await ctx.calendar();
  return {
    name: d.name,
    level: d.level,
    duties: d.duties,
    bio: d.bio,
    reception: d.reception,
    phone: d.phonePublic ? d.phone : null,
    stations: d.stations.map(({ station: s }) => {
      const schedule = parseReceptionSchedule(s.receptionSchedule);
      const next = schedule ? nextReceptionDay(schedule, ctx.now(), ctx.config.BOT_TIMEZONE, calendar) : null;
      return {
        id: s.id,
        name: s.name,
        address: s.address,
        publicDisclosure: s.publicDisclosure,
        schedule: schedule ? describeReceptionSchedule(schedule) : null,
        nextDay: next ? dates.calendarDate.format(next) : null,
      };
    }),
  };
}

/** The latest closed matters of these stations, for 公示. */
export async function handledMatters(ctx: CoreContext, dates: PublicDates, stationIds: number[], take: number): Promise<PublicMatter[]> {
  if (!stationIds.length) return [];
  const rows = await ctx.db.opinion.findMany({
    // 公示 follows the visibility rule: hidden by staff, private channels and personal categories stay off.
    where: { stationId: { in: stationIds }, status: { in: CLOSED_STATUSES }, AND: [publicWhere(policyOf(ctx.config))] },
    orderBy: { closedAt: "desc" },
    take,
    select: { number: true, text: true, category: true, createdAt: true, closedAt: true, resultClass: true, rating: true },
  });
  return rows.map((o) => ({
    ...o,
    text: excerpt(o.text, 60).value,
    createdAt: dates.day.format(o.createdAt),
    closedAt: o.closedAt ? dates.day.format(o.closedAt) : null,
  }));
}
