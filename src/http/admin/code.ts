// Admin side of 代表码: a deputy's code links, and the station's 公示 switch.
import { Router } from "express";
import { z } from "zod";
import { rowId } from "../params.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../validate.ts";
import { NO_PUBLIC_BASE, codeLinks, publicBase } from "../../domain/public-links.ts";

const id = rowId;

export function codeRoutes(db: Db, publicBaseUrl: string | undefined): Router {
  const r = Router();
  r.get("/deputies/:id/code", async (req, res) => {
    const deputy = await db.deputy.findUnique({ where: { id: validate(id, req.params.id) }, select: { slug: true } });
    if (!deputy) throw new AppError("not_found", { userMessage: "没有这位代表", status: 404 });
    const base = publicBase(publicBaseUrl, req);
    if (!base) {
      res.set("cache-control", "no-store");
      throw new AppError("no_public_base", { userMessage: NO_PUBLIC_BASE, status: 503 });
    }
    if (!publicBaseUrl) res.set("cache-control", "no-store"); // built from this request's (loopback) Host
    res.json(codeLinks(base, deputy.slug));
  });
  r.put("/stations/:id/public-disclosure", async (req, res) => {
    const { enabled } = validate(z.object({ enabled: z.boolean() }), req.body);
    const stationId = validate(id, req.params.id);
    const { count } = await db.station.updateMany({ where: { id: stationId }, data: { publicDisclosure: enabled } });
    if (!count) throw new AppError("not_found", { userMessage: "没有这个联络站", status: 404 });
    res.json({ id: stationId, publicDisclosure: enabled });
  });
  return r;
}
