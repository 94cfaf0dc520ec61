import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { PLATFORMS } from "../../channels/types.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { checkStations } from "../../core/stations.ts";
import { validate } from "../validate.ts";
import { deputySlug } from "../../domain/slug.ts";

const name = z.string().trim().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s()]{5,20}$/, "电话号码格式不正确")
  .optional();
const identity = z.object({ platform: z.enum(PLATFORMS), userId: z.string().trim().min(1).max(128) });
const stationIds = z.array(z.number().int().positive()).max(50).default([]);

export const stationSchema = z.object({
  name,
  township: optionalText(100),
  address: optionalText(200),
  phone,
  receptionSchedule: z.record(z.string(), z.unknown()).optional(),
});
export const deputySchema = z.object({
  name: z.string().trim().min(1).max(50),
  level: z.enum(["NATIONAL", "PROVINCE", "CITY", "COUNTY", "TOWNSHIP"]),
  duties: optionalText(200),
  phone,
  phonePublic: z.boolean().default(false),
  bio: optionalText(500),
  reception: optionalText(200),
  stationIds,
  identities: z.array(identity).max(10).default([]),
});
export const staffSchema = z.object({
  name: z.string().trim().min(1).max(50),
  role: z.enum(["ADMIN", "STATION"]),
  title: optionalText(50),
  phone,
  stationIds,
  identities: z.array(identity).max(10).default([]),
});
export const unitSchema = z.object({ name, contact: optionalText(50), phone });

async function checkIdentitiesFree(db: Db, ids: { platform: string; userId: string }[]) {
  for (const i of ids) {
    const taken = await db.identity.findUnique({ where: { platform_userId: i } });
    if (taken && (taken.deputyId || taken.staffId)) {
      throw new AppError("identity_taken", { userMessage: `账号 ${i.platform}:${i.userId} 已绑定到其他代表或工作人员`, status: 409 });
    }
  }
}

function conflict(err: unknown, what: string): never {
  if (isUniqueViolation(err)) throw new AppError("duplicate", { userMessage: `${what}已存在`, status: 409 });
  throw err;
}

export function rosterRoutes(db: Db): Router {
  const r = Router();

  r.get("/stations", async (_req, res) => {
    res.json({ stations: await db.station.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { deputies: true, groups: true } } } }) });
  });
  r.post("/stations", async (req, res) => {
    const s = validate(stationSchema, req.body);
    const station = await db.station
      .create({ data: { ...s, receptionSchedule: s.receptionSchedule as object | undefined } })
      .catch((e) => conflict(e, "同名联络站"));
    res.status(201).json(station);
  });

  r.get("/deputies", async (_req, res) => {
    const list = await db.deputy.findMany({ orderBy: { id: "asc" }, include: { stations: true, identities: { select: { platform: true, userId: true } } } });
    res.json({ deputies: list.map(({ stations, ...d }) => ({ ...d, stationIds: stations.map((s) => s.stationId) })) });
  });
  r.post("/deputies", async (req, res) => {
    const d = validate(deputySchema, req.body);
    await checkStations(db, d.stationIds);
    await checkIdentitiesFree(db, d.identities);
    const deputy = await db.$transaction(async (tx) => {
      const created = await tx.deputy.create({
        data: {
          name: d.name,
          level: d.level,
          duties: d.duties,
          phone: d.phone,
          phonePublic: d.phonePublic,
          bio: d.bio,
          reception: d.reception,
          slug: deputySlug(),
          stations: { create: d.stationIds.map((stationId) => ({ stationId })) },
        },
      });
      for (const i of d.identities) {
        await tx.identity.upsert({
          where: { platform_userId: i },
          create: { ...i, displayName: d.name, deputyId: created.id },
          update: { deputyId: created.id, displayName: d.name },
        });
      }
      return created;
    });
    res.status(201).json({ ...deputy, stationIds: d.stationIds, identities: d.identities });
  });

  r.get("/staff", async (_req, res) => {
    const list = await db.staff.findMany({ orderBy: { id: "asc" }, include: { stations: true, identities: { select: { platform: true, userId: true } } } });
    res.json({ staff: list.map(({ stations, ...s }) => ({ ...s, stationIds: stations.map((x) => x.stationId) })) });
  });
  r.post("/staff", async (req, res) => {
    const s = validate(staffSchema, req.body);
    if (s.role === "STATION" && !s.stationIds.length)
      throw new AppError("no_station", { userMessage: "联络站工作人员至少要属于一个联络站（stationIds）", status: 400 });
    await checkStations(db, s.stationIds);
    await checkIdentitiesFree(db, s.identities);
    const staff = await db.$transaction(async (tx) => {
      const created = await tx.staff.create({
        data: { name: s.name, role: s.role, title: s.title, phone: s.phone, stations: { create: s.stationIds.map((stationId) => ({ stationId })) } },
      });
      for (const i of s.identities) {
        await tx.identity.upsert({
          where: { platform_userId: i },
          create: { ...i, displayName: s.name, staffId: created.id },
          update: { staffId: created.id, displayName: s.name },
        });
      }
      return created;
    });
    res.status(201).json({ ...staff, stationIds: s.stationIds, identities: s.identities });
  });

  r.get("/units", async (_req, res) => {
    res.json({ units: await db.unit.findMany({ orderBy: { id: "asc" } }) });
  });
  r.post("/units", async (req, res) => {
    const u = validate(unitSchema, req.body);
    res.status(201).json(await db.unit.create({ data: u }).catch((e) => conflict(e, "同名承办单位")));
  });
  return r;
}
