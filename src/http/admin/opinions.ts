import { Router } from "express";
import { z } from "zod";
import { pageParams, rowId } from "../params.ts";
import type { CoreContext } from "../../core/context.ts";
import { dateFromDb } from "../../core/dates.ts";
import { notFound } from "../../errors.ts";
import { ACTIVE_STATUSES, STATUS_LABEL, isOverdue } from "../../domain/lifecycle.ts";
import { ledgerWhere } from "../../console/ledger.ts";
import { validate } from "../validate.ts";

const statuses = Object.keys(STATUS_LABEL) as [keyof typeof STATUS_LABEL, ...(keyof typeof STATUS_LABEL)[]];

export const listQuery = z.object({
  status: z.enum(statuses).optional(),
  category: z.string().trim().max(20).optional(),
  station: rowId.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  ...pageParams,
});

export function opinionRoutes(ctx: CoreContext): Router {
  const r = Router();
  const { db } = ctx;

  r.get("/opinions", async (req, res) => {
    const q = validate(listQuery, req.query);
    const where = ledgerWhere(ctx, q, undefined);
    const [total, rows] = await Promise.all([
      db.opinion.count({ where }),
      db.opinion.findMany({
        where,
        orderBy: { number: "desc" },
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
        include: {
          station: { select: { name: true } },
          group: { select: { name: true } },
          deputy: { select: { name: true } },
          unit: { select: { name: true } },
        },
      }),
    ]);
    const today = ctx.today();
    res.json({
      total,
      page: q.page,
      pageSize: q.pageSize,
      opinions: rows.map((o) => ({
        ...o,
        dueDate: o.dueDate ? dateFromDb(o.dueDate) : null,
        statusLabel: STATUS_LABEL[o.status],
        overdue: isOverdue(o.status, o.dueDate && dateFromDb(o.dueDate), today),
        followToken: undefined,
      })),
    });
  });

  r.get("/opinions/:number", async (req, res) => {
    const { number } = validate(z.object({ number: rowId }), req.params);
    const o = await db.opinion.findUnique({
      where: { number },
      include: {
        station: true,
        group: { select: { id: true, name: true, platform: true, chatId: true } },
        deputy: true,
        unit: true,
        citizen: true,
        events: { orderBy: { id: "asc" } },
        cosigns: { include: { citizen: { select: { id: true, name: true } } } },
        duplicateHints: { include: { candidate: { select: { number: true, text: true, status: true } } } },
        mergedInto: { select: { number: true } },
      },
    });
    if (!o) throw notFound(number);
    const calendar = await ctx.calendar();
    const due = o.dueDate ? dateFromDb(o.dueDate) : null;
    res.json({
      ...o,
      followToken: undefined,
      dueDate: due,
      statusLabel: STATUS_LABEL[o.status],
      overdueWorkingDays: due && ACTIVE_STATUSES.includes(o.status) ? calendar.workingDaysBetween(due, ctx.today()) : 0,
      duplicateHints: o.duplicateHints.map((h) => ({ number: h.candidate.number, text: h.candidate.text, status: h.candidate.status, score: h.score })),
    });
  });
  return r;
}
