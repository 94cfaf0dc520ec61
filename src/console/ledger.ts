// The 台账: filters → one Prisma where, shared by the list, its counts and the Excel export.
import { z } from "zod";
import type { CoreContext } from "../core/context.ts";
import { dateFromDb, dateToDb } from "../core/dates.ts";
import { ACTIVE_STATUSES, STATUS_LABEL, isOverdue, type Status } from "../domain/lifecycle.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { UserText } from "../domain/user-text.ts";
import { addDays, startOfDay } from "../domain/wall-clock.ts";
import { calendarDate, pageParams, rowId } from "../http/params.ts";

const statuses = Object.keys(STATUS_LABEL) as [Status, ...Status[]];
const id = rowId;
const date = calendarDate;

export const ledgerQuery = z.object({
  station: id.optional(),
  group: id.optional(),
  category: z.string().trim().max(20).optional(),
  status: z.enum(statuses).optional(),
  result: z.enum(["A", "B", "C", "D"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  deputy: id.optional(),
  unit: id.optional(),
  from: date.optional(),
  to: date.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["number", "createdAt", "dueDate", "status", "category"]).default("number"),
  order: z.enum(["asc", "desc"]).default("desc"),
  ...pageParams,
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

/** Where for the filters, limited to `scope` stations when given; `status` is left out for the counts. */
export function ledgerWhere(
  ctx: CoreContext,
  q: Partial<LedgerQuery>,
  scope: number[] | undefined,
  opts: { withStatus?: boolean } = {},
): Prisma.OpinionWhereInput {
  const and: Prisma.OpinionWhereInput[] = [];
  const tz = ctx.config.BOT_TIMEZONE;
  if (scope) and.push({ stationId: { in: scope } });
  if (q.station) and.push({ stationId: q.station });
  if (q.group) and.push({ groupId: q.group });
  if (q.category) and.push({ category: q.category });
  if (q.status && opts.withStatus !== false) and.push({ status: q.status });
  if (q.result) and.push({ resultClass: q.result });
  if (q.deputy) and.push({ deputyId: q.deputy });
  if (q.unit) and.push({ unitId: q.unit });
  if (q.from) and.push({ createdAt: { gte: startOfDay(q.from, tz) } });
  if (q.to) and.push({ createdAt: { lt: startOfDay(addDays(q.to, 1), tz) } });
  const today = dateToDb(ctx.today());
  if (q.overdue === "true") and.push({ status: { in: ACTIVE_STATUSES }, dueDate: { lt: today } });
  if (q.overdue === "false") and.push({ NOT: { status: { in: ACTIVE_STATUSES }, dueDate: { lt: today } } });
  if (q.q) {
    const n = /^#?(\d{1,9})$/.exec(q.q);
    and.push({ OR: [{ text: { contains: q.q, mode: "insensitive" } }, ...(n ? [{ number: Number(n[1]) }] : []), { citizen: { name: { contains: q.q } } }] });
  }
  return and.length ? { AND: and } : {};
}

export function ledgerOrder(q: LedgerQuery): Prisma.OpinionOrderByWithRelationInput[] {
  const o = q.order;
  const primary: Prisma.OpinionOrderByWithRelationInput = q.sort === "dueDate" ? { dueDate: { sort: o, nulls: "last" } } : { [q.sort]: o };
  return q.sort === "number" ? [primary] : [primary, { number: "desc" }];
}

export const ledgerInclude = {
  station: { select: { id: true, name: true } },
  group: { select: { id: true, name: true } },
  deputy: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
  citizen: { select: { name: true, phone: true } },
} satisfies Prisma.OpinionInclude;

export async function listLedger(ctx: CoreContext, q: LedgerQuery, scope: number[] | undefined) {
  const where = ledgerWhere(ctx, q, scope);
  const [total, rows, byStatus] = await Promise.all([
    ctx.db.opinion.count({ where }),
    ctx.db.opinion.findMany({ where, orderBy: ledgerOrder(q), skip: (q.page - 1) * q.pageSize, take: q.pageSize, include: ledgerInclude }),
    ctx.db.opinion.groupBy({ by: ["status"], where: ledgerWhere(ctx, q, scope, { withStatus: false }), _count: { _all: true } }),
  ]);
  const today = ctx.today();
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;
  for (const g of byStatus) counts[g.status] = g._count._all;
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    counts,
    opinions: rows.map((o) => {
      const due = o.dueDate ? dateFromDb(o.dueDate) : null;
      return {
        number: o.number,
        createdAt: o.createdAt,
        station: o.station,
        group: o.group,
        category: o.category,
        excerpt: UserText.unmasked(o.text).excerpt(60).value, // staff see the full text
        status: o.status,
        statusLabel: STATUS_LABEL[o.status],
        dueDate: due,
        overdue: isOverdue(o.status, due, today),
        deputy: o.deputy,
        unit: o.unit,
        resultClass: o.resultClass,
        rating: o.rating,
        cosignCount: o.cosignCount,
      };
    }),
  };
}
