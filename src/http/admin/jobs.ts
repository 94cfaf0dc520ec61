// Admin API for scheduled jobs: their state, running one now, what each group is for, reception schedules.
import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../validate.ts";
import { UnknownJobError, type JobEngine } from "../../jobs/engine.ts";
import { GROUP_PURPOSES } from "../../domain/group-purpose.ts";
import { describeReceptionSchedule, receptionScheduleSchema } from "../../domain/reception.ts";

const idParam = z.object({ id: z.coerce.number({ message: "编号应为整数" }).int("编号应为整数").positive("编号应为正整数") });
export const runBody = z.object({ groupId: z.number().int().positive().optional() }).default({});
export const purposeBody = z.object({
  purpose: z.enum(GROUP_PURPOSES, { message: "用途应为 village（村民群）、station-staff（站点工作群）或 admin（管理员群）" }),
});

export function jobRoutes(db: Db, jobs: JobEngine): Router {
  const r = Router();

  r.get("/jobs", async (_req, res) => {
    res.json({ jobs: await jobs.status() });
  });

  /** Runs the job's latest firing now; claims still hold, so what was already posted is skipped. */
  r.post("/jobs/:name/run", async (req, res) => {
    const { groupId } = validate(runBody, req.body ?? {});
    if (groupId !== undefined && !(await db.group.findUnique({ where: { id: groupId }, select: { id: true } }))) {
      throw new AppError("not_found", { userMessage: `没有编号为 ${groupId} 的群`, status: 404 });
    }
    try {
      res.json(await jobs.run(String(req.params.name), { groupId, trigger: "api" }));
    } catch (err) {
      if (err instanceof UnknownJobError) {
        throw new AppError("not_found", {
          userMessage: `没有名为「${req.params.name}」的定时任务，可用：${jobs.jobs.map((j) => j.name).join("、")}`,
          status: 404,
        });
      }
      throw err;
    }
  });

  r.put("/groups/:id/purpose", async (req, res) => {
    const { id } = validate(idParam, req.params);
    const { purpose } = validate(purposeBody, req.body);
    const group = await db.group.findUnique({ where: { id } });
    if (!group) throw new AppError("not_found", { userMessage: `没有编号为 ${id} 的群`, status: 404 });
    if (purpose === "station-staff" && !group.stationId) throw new AppError("unbound", { userMessage: "该群尚未绑定联络站，不能设为站点工作群", status: 409 });
    const updated = await db.group.update({ where: { id }, data: { purpose }, select: { id: true, name: true, stationId: true, purpose: true } });
    res.json(updated);
  });

  r.put("/stations/:id/reception-schedule", async (req, res) => {
    const { id } = validate(idParam, req.params);
    const schedule = validate(receptionScheduleSchema, req.body);
    const station = await db.station.findUnique({ where: { id }, select: { id: true } });
    if (!station) throw new AppError("not_found", { userMessage: `没有编号为 ${id} 的联络站`, status: 404 });
    const known = await db.deputyStation.findMany({ where: { stationId: id, deputyId: { in: schedule.deputyIds } }, select: { deputyId: true } });
    const unknown = schedule.deputyIds.filter((d) => !known.some((k) => k.deputyId === d));
    if (unknown.length) throw new AppError("invalid_input", { userMessage: `代表 ${unknown.join("、")} 不属于该联络站`, status: 400 });
    await db.station.update({ where: { id }, data: { receptionSchedule: schedule } });
    res.json({ stationId: id, receptionSchedule: schedule, description: describeReceptionSchedule(schedule) });
  });
  return r;
}
