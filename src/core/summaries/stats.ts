// The figures of summaries and reports, computed in the database with aggregate queries (GROUP BY,
// COUNT … FILTER, window functions): a county's year of opinions is never loaded row by row.
import type { Tx } from "../../db/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ACTIVE_STATUSES, CLOSED_STATUSES, type ResultClass } from "../../domain/lifecycle.ts";
import type { MatterScope } from "../../domain/visibility.ts";
import { sqlIn } from "../../db/sql.ts";

export interface Range {
  /** Inclusive start instant. */
  from: Date;
  /** Exclusive end instant. */
  to: Date;
  /** Today's local date (YYYY-MM-DD): matters due before it are overdue. */
  today: string;
  tz: string;
}

export type Scope = "group" | "station";

export interface Figures {
  id: number;
  raised: number;
  handling: number;
  overdue: number;
  replied: number;
  closed: number;
  closedOnTime: number;
  byClass: Record<ResultClass, number>;
  satisfied: number;
  basically: number;
  dissatisfied: number;
}

export const emptyFigures = (id: number): Figures => ({
  id,
  raised: 0,
  handling: 0,
  overdue: 0,
  replied: 0,
  closed: 0,
  closedOnTime: 0,
  byClass: { A: 0, B: 0, C: 0, D: 0 },
  satisfied: 0,
  basically: 0,
  dissatisfied: 0,
});

const column = (scope: Scope) => Prisma.raw(scope === "group" ? `"groupId"` : `"stationId"`);
const only = (scope: Scope, id?: number) => (id === undefined ? Prisma.sql`${column(scope)} IS NOT NULL` : Prisma.sql`${column(scope)} = ${id}`);

const ACTIVE = sqlIn(Prisma.sql`status`, ACTIVE_STATUSES);
const CLOSED = sqlIn(Prisma.sql`status`, CLOSED_STATUSES);

/** Per group or station: raised, in hand, overdue, replied, closed by class and on time, ratings — one query. */
export async function figures(db: Tx, scope: Scope, r: Range, id?: number): Promise<Map<number, Figures>> {
  const inRange = (col: string) => Prisma.sql`${Prisma.raw(`"${col}"`)} >= ${r.from} AND ${Prisma.raw(`"${col}"`)} < ${r.to}`;
  const closedIn = Prisma.sql`${CLOSED} AND ${inRange("closedAt")}`;
  const rows = await db.$queryRaw<any[]>`
    SELECT ${column(scope)} AS id,
      count(*) FILTER (WHERE ${inRange("createdAt")})::int AS raised,
      count(*) FILTER (WHERE ${ACTIVE})::int AS handling,
      count(*) FILTER (WHERE ${ACTIVE} AND "dueDate" < ${r.today}::date)::int AS overdue,
      count(*) FILTER (WHERE ${inRange("repliedAt")})::int AS replied,
      count(*) FILTER (WHERE ${closedIn})::int AS closed,
      count(*) FILTER (WHERE ${closedIn} AND "lateDays" = 0 AND ("dueDate" IS NULL OR ("closedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${r.tz})::date <= "dueDate"))::int AS "closedOnTime",
      count(*) FILTER (WHERE ${closedIn} AND "resultClass" = 'A')::int AS a,
      count(*) FILTER (WHERE ${closedIn} AND "resultClass" = 'B')::int AS b,
      count(*) FILTER (WHERE ${closedIn} AND "resultClass" = 'C')::int AS c,
      count(*) FILTER (WHERE ${closedIn} AND "resultClass" = 'D')::int AS d,
      count(*) FILTER (WHERE ${inRange("ratedAt")} AND rating = 'SATISFIED')::int AS satisfied,
      count(*) FILTER (WHERE ${inRange("ratedAt")} AND rating = 'BASICALLY')::int AS basically,
      count(*) FILTER (WHERE ${inRange("ratedAt")} AND rating = 'DISSATISFIED')::int AS dissatisfied
    FROM "Opinion" WHERE ${only(scope, id)}
    GROUP BY 1`;
  return new Map(
    rows.map((x) => [
      x.id,
      {
        id: x.id,
        raised: x.raised,
        handling: x.handling,
        overdue: x.overdue,
        replied: x.replied,
        closed: x.closed,
        closedOnTime: x.closedOnTime,
        byClass: { A: x.a, B: x.b, C: x.c, D: x.d },
        satisfied: x.satisfied,
        basically: x.basically,
        dissatisfied: x.dissatisfied,
      },
    ]),
  );
}

/** Opinions raised in the range by category, most frequent first. */
export async function categories(db: Tx, scope: Scope, r: Range, id?: number): Promise<Map<number, { category: string; count: number }[]>> {
  const rows = await db.$queryRaw<{ id: number; category: string; count: number }[]>`
    SELECT ${column(scope)} AS id, category, count(*)::int AS count FROM "Opinion"
    WHERE ${only(scope, id)} AND "createdAt" >= ${r.from} AND "createdAt" < ${r.to}
    GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`;
  return groupRows(rows, (x) => ({ category: x.category, count: x.count }));
}

/** The columns the visibility rule reads (core/visibility.ts SCOPE_SELECT), in raw SQL. */
const SCOPE_COLUMNS = Prisma.sql`o.channel, o."stationId", o."publicHidden", o."groupId", o."citizenId", o."deputyId"`;
const SCOPE_NAMES = Prisma.sql`channel, "stationId", "publicHidden", "groupId", "citizenId", "deputyId"`;

export interface ClosedLine extends MatterScope {
  number: number;
  category: string;
  resultClass: ResultClass | null;
  resultText: string | null;
  total: number;
}

/** The first `limit` matters closed in the range per group/station, with how many there were. */
export async function closedMatters(db: Tx, scope: Scope, r: Range, limit: number, id?: number): Promise<Map<number, ClosedLine[]>> {
  const rows = await db.$queryRaw<(ClosedLine & { id: number })[]>`
    SELECT id, number, category, "resultClass", "resultText", total, ${SCOPE_NAMES} FROM (
      SELECT ${column(scope)} AS id, number, category, "resultClass"::text AS "resultClass", "resultText", ${SCOPE_COLUMNS},
        row_number() OVER (PARTITION BY ${column(scope)} ORDER BY "closedAt", number) AS rn,
        (count(*) OVER (PARTITION BY ${column(scope)}))::int AS total
      FROM "Opinion" o WHERE ${only(scope, id)} AND ${CLOSED} AND "closedAt" >= ${r.from} AND "closedAt" < ${r.to}
    ) t WHERE rn <= ${limit} ORDER BY id, rn`;
  return groupRows(rows, ({ id: _id, ...line }) => line);
}

export interface OverdueLine extends MatterScope {
  number: number;
  text: string;
  category: string;
  dueDate: string;
  unitName: string | null;
  deputyName: string | null;
}

/** The longest-overdue open matters per station (oldest deadline first). */
export async function longestOverdue(db: Tx, r: Range, limit: number, stationId?: number): Promise<Map<number, OverdueLine[]>> {
  const rows = await db.$queryRaw<(OverdueLine & { id: number })[]>`
    SELECT id, number, text, category, "dueDate", "unitName", "deputyName", ${SCOPE_NAMES} FROM (
      SELECT o."stationId" AS id, o.number, o.text, o.category, ${SCOPE_COLUMNS}, to_char(o."dueDate", 'YYYY-MM-DD') AS "dueDate",
        u.name AS "unitName", d.name AS "deputyName",
        row_number() OVER (PARTITION BY o."stationId" ORDER BY o."dueDate", o.number) AS rn
      FROM "Opinion" o LEFT JOIN "Unit" u ON u.id = o."unitId" LEFT JOIN "Deputy" d ON d.id = o."deputyId"
      WHERE ${stationId === undefined ? Prisma.sql`o."stationId" IS NOT NULL` : Prisma.sql`o."stationId" = ${stationId}`}
        AND ${sqlIn(Prisma.sql`o.status`, ACTIVE_STATUSES)} AND o."dueDate" < ${r.today}::date
    ) t WHERE rn <= ${limit} ORDER BY id, rn`;
  return groupRows(rows, ({ id: _id, ...line }) => line);
}

export interface DeputyActivity {
  deputyId: number;
  name: string;
  taken: number;
  replied: number;
  closed: number;
}

/** Per station: each deputy's matters taken, replied and closed in the range. */
export async function deputyActivity(db: Tx, r: Range, stationId?: number): Promise<Map<number, DeputyActivity[]>> {
  const rows = await db.$queryRaw<(DeputyActivity & { id: number })[]>`
    SELECT o."stationId" AS id, o."deputyId", d.name,
      count(*) FILTER (WHERE o."takenAt" >= ${r.from} AND o."takenAt" < ${r.to})::int AS taken,
      count(*) FILTER (WHERE o."repliedAt" >= ${r.from} AND o."repliedAt" < ${r.to})::int AS replied,
      count(*) FILTER (WHERE ${sqlIn(Prisma.sql`o.status`, CLOSED_STATUSES)} AND o."closedAt" >= ${r.from} AND o."closedAt" < ${r.to})::int AS closed
    FROM "Opinion" o JOIN "Deputy" d ON d.id = o."deputyId"
    WHERE ${stationId === undefined ? Prisma.sql`o."stationId" IS NOT NULL` : Prisma.sql`o."stationId" = ${stationId}`}
      AND (o."takenAt" >= ${r.from} OR o."repliedAt" >= ${r.from} OR o."closedAt" >= ${r.from})
    GROUP BY 1, 2, 3 ORDER BY 1, 6 DESC, 5 DESC, 3`;
  return groupRows(rows, ({ id: _id, ...a }) => a);
}

function groupRows<R extends { id: number }, T>(rows: R[], map: (r: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.id) ?? [];
    list.push(map(row));
    out.set(row.id, list);
  }
  return out;
}

/** 满意率: (满意 + 基本满意) / all ratings, as a whole percentage; undefined without ratings. */
export function satisfactionRate(f: Pick<Figures, "satisfied" | "basically" | "dissatisfied">): number | undefined {
  const total = f.satisfied + f.basically + f.dissatisfied;
  return total ? Math.round(((f.satisfied + f.basically) * 100) / total) : undefined;
}

export function onTimeRate(f: Pick<Figures, "closed" | "closedOnTime">): number | undefined {
  return f.closed ? Math.round((f.closedOnTime * 100) / f.closed) : undefined;
}
