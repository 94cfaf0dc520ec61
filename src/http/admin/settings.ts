// Staff-maintained rules: category keywords and deadlines, and holiday/make-up-day overrides.
import { Router } from "express";
import { z } from "zod";
import type { CoreContext } from "../../core/context.ts";
import { validate } from "../validate.ts";
import { calendarDate } from "../params.ts";

export const categorySchema = z.object({
  keywords: z.array(z.string().trim().min(1).max(20)).max(500).optional(),
  deadlineDays: z.number().int().min(1).max(365).nullable().optional(),
});
export const calendarDaySchema = z.object({
  isWorkday: z.boolean(),
  note: z.string().trim().max(100).optional(),
});
const dateParam = z.object({ date: calendarDate });

export function settingsRoutes(ctx: CoreContext): Router {
  const r = Router();
  const { db } = ctx;

  r.get("/categories", async (_req, res) => {
    res.json({ categories: await db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }) });
  });
  /** Creates a category or updates its extra keywords / deadline (working days). */
  r.put("/categories/:name", async (req, res) => {
    const { name } = validate(z.object({ name: z.string().trim().min(1).max(20) }), req.params);
    const body = validate(categorySchema, req.body);
    const category = await db.category.upsert({
      where: { name },
      create: { name, keywords: body.keywords ?? [], deadlineDays: body.deadlineDays ?? null, sortOrder: 100 },
      update: { ...(body.keywords ? { keywords: body.keywords } : {}), ...(body.deadlineDays !== undefined ? { deadlineDays: body.deadlineDays } : {}) },
    });
    ctx.invalidate();
    res.json(category);
  });

  r.get("/calendar-days", async (_req, res) => {
    res.json({ days: await db.calendarDay.findMany({ orderBy: { date: "asc" } }) });
  });
  /** A holiday (isWorkday false) or a make-up working day (true); wins over the built-in calendar. */
  r.put("/calendar-days/:date", async (req, res) => {
    const { date } = validate(dateParam, req.params);
    const body = validate(calendarDaySchema, req.body);
    const day = await db.calendarDay.upsert({ where: { date }, create: { date, ...body }, update: body });
    ctx.invalidate();
    res.json(day);
  });
  r.delete("/calendar-days/:date", async (req, res) => {
    const { date } = validate(dateParam, req.params);
    await db.calendarDay.deleteMany({ where: { date } });
    ctx.invalidate();
    res.status(204).end();
  });
  return r;
}
