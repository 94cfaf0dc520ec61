// Figures offices report, computed in SQL over the matters received in a period: received, closed,
// solved (A), on-time rate, average handling days, satisfaction, overdue; by station, category,
// week or month; and each deputy's activity (the 履职 record).
import { z } from "zod";
import type { CoreContext } from "../core/context.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { addDays, startOfDay } from "../domain/wall-clock.ts";
import { calendarDate, rowId } from "../http/params.ts";
import { sqlIn } from "../db/sql.ts";
import { ACTIVE_STATUSES, CLOSED_STATUSES, SATISFIED_RATINGS, SIDE_EVENTS } from "../domain/lifecycle.ts";

const CLOSED = sqlIn(Prisma.sql`o.status`, CLOSED_STATUSES);
const ACTIVE = sqlIn(Prisma.sql`o.status`, ACTIVE_STATUSES);
// A deputy's handling actions: their 附议 and the 合并入 note a merge leaves on the target are not handling.
const HANDLING_EVENT = Prisma.sql`NOT ${sqlIn(Prisma.sql`e.action`, SIDE_EVENTS)}`;
const SATISFIED = sqlIn(Prisma.sql`o.rating`, SATISFIED_RATINGS);

const date = calendarDate;
export const statsQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  station: rowId.optional(),
  category: z.string().trim().max(20).optional(),
  period: z.enum(["week", "month"]).default("month"),
});
export type StatsQuery = z.infer<typeof statsQuery>;

interface Row {
  key: string | number | null;
  label?: string | null;
  received: number;
  closed: number;
  solved: number;
  on_time: number;
  avg_days: number | null;
  rated: number;
  satisfied: number;
  overdue: number;
}

function figures(r: Row) {
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
  return {
    received: r.received,
    closed: r.closed,
    solved: r.solved,
    onTimeRate: pct(r.on_time, r.closed),
    avgHandlingDays: r.avg_days === null ? null : Math.round(Number(r.avg_days) * 10) / 10,
    satisfaction: pct(r.satisfied, r.rated),
    rated: r.rated,
    overdue: r.overdue,
  };
}

export async function computeStats(ctx: CoreContext, q: StatsQuery, scope: number[] | undefined) {
  const tz = ctx.config.BOT_TIMEZONE;
  const today = ctx.today();
  const to = q.to ?? today;
  const from = q.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4, 8)}01`;
  const start = startOfDay(from, tz);
  const end = startOfDay(addDays(to, 1), tz);
  const where = Prisma.sql`o."createdAt" >= ${start} AND o."createdAt" < ${end}
    ${scope ? Prisma.sql`AND o."stationId" = ANY(${scope})` : Prisma.empty}
    ${q.station ? Prisma.sql`AND o."stationId" = ${q.station}` : Prisma.empty}
    ${q.category ? Prisma.sql`AND o."category" = ${q.category}` : Prisma.empty}`;
  const measures = Prisma.sql`
    count(*)::int AS received,
    count(*) FILTER (WHERE ${CLOSED})::int AS closed,
    count(*) FILTER (WHERE ${CLOSED} AND o."resultClass" = 'A')::int AS solved,
    count(*) FILTER (WHERE ${CLOSED} AND o."lateDays" = 0 AND o."dueDate" IS NOT NULL AND (o."closedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${tz})::date <= o."dueDate")::int AS on_time,
    (avg(EXTRACT(EPOCH FROM (o."closedAt" - o."createdAt")) / 86400) FILTER (WHERE ${CLOSED} AND o."closedAt" IS NOT NULL))::float8 AS avg_days,
    count(*) FILTER (WHERE o.rating IS NOT NULL)::int AS rated,
    count(*) FILTER (WHERE ${SATISFIED})::int AS satisfied,
    count(*) FILTER (WHERE ${ACTIVE} AND o."dueDate" < ${today}::date)::int AS overdue`;
  const db = ctx.db;
  const bucket = Prisma.raw(q.period === "week" ? "'week'" : "'month'");
  const [total, byStation, byCategory, received, closed, deputies] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT NULL AS key, ${measures} FROM "Opinion" o WHERE ${where}`,
    db.$queryRaw<
      Row[]
    >`SELECT o."stationId" AS key, s.name AS label, ${measures} FROM "Opinion" o LEFT JOIN "Station" s ON s.id = o."stationId" WHERE ${where} GROUP BY o."stationId", s.name ORDER BY received DESC`,
    db.$queryRaw<Row[]>`SELECT o.category AS key, ${measures} FROM "Opinion" o WHERE ${where} GROUP BY o.category ORDER BY received DESC`,
    db.$queryRaw<
      { period: string; n: number }[]
    >`SELECT to_char(date_trunc(${bucket}, o."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS period, count(*)::int AS n FROM "Opinion" o WHERE ${where} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<
      { period: string; n: number; solved: number }[]
    >`SELECT to_char(date_trunc(${bucket}, o."closedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS period, count(*)::int AS n, count(*) FILTER (WHERE o."resultClass" = 'A')::int AS solved
      FROM "Opinion" o WHERE ${where} AND ${CLOSED} AND o."closedAt" IS NOT NULL GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ id: number; name: string; followed: number; closed: number; solved: number; rated: number; satisfied: number; actions: number }[]>`
      SELECT d.id, d.name,
        count(o.id)::int AS followed,
        count(o.id) FILTER (WHERE ${CLOSED})::int AS closed,
        count(o.id) FILTER (WHERE ${CLOSED} AND o."resultClass" = 'A')::int AS solved,
        count(o.id) FILTER (WHERE o.rating IS NOT NULL)::int AS rated,
        count(o.id) FILTER (WHERE ${SATISFIED})::int AS satisfied,
        (SELECT count(*)::int FROM "OpinionEvent" e WHERE e."actorRef" = 'deputy:' || d.id AND ${HANDLING_EVENT} AND e."createdAt" >= ${start} AND e."createdAt" < ${end}) AS actions
      FROM "Deputy" d LEFT JOIN "Opinion" o ON o."deputyId" = d.id AND ${where}
      WHERE d.active ${scope ? Prisma.sql`AND EXISTS (SELECT 1 FROM "DeputyStation" ds WHERE ds."deputyId" = d.id AND ds."stationId" = ANY(${scope}))` : Prisma.empty}
        ${q.station ? Prisma.sql`AND EXISTS (SELECT 1 FROM "DeputyStation" ds WHERE ds."deputyId" = d.id AND ds."stationId" = ${q.station})` : Prisma.empty}
      GROUP BY d.id, d.name
      ORDER BY d.id`,
  ]);
  const receivedIn = new Map(received.map((r) => [r.period, r]));
  const closedIn = new Map(closed.map((r) => [r.period, r]));
  const periods = [...new Set([...receivedIn.keys(), ...closedIn.keys()])].sort();
  return {
    from,
    to,
    period: q.period,
    total: figures(total[0]),
    byStation: byStation.map((r) => ({ stationId: r.key, station: r.label ?? "未绑定联络站", ...figures(r) })),
    byCategory: byCategory.map((r) => ({ category: r.key, ...figures(r) })),
    trend: periods.map((p) => ({ period: p, received: receivedIn.get(p)?.n ?? 0, closed: closedIn.get(p)?.n ?? 0, solved: closedIn.get(p)?.solved ?? 0 })),
    deputies: deputies.map((d) => ({
      id: d.id,
      name: d.name,
      followed: d.followed,
      closed: d.closed,
      solved: d.solved,
      actions: d.actions,
      satisfaction: d.rated ? Math.round((d.satisfied / d.rated) * 1000) / 10 : null,
    })),
  };
}
