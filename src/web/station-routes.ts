// A station's 公示 page /s/:stationId: its handled matters, when the station discloses them.
import { Router } from "express";
import type { CoreContext } from "../core/context.ts";
import { stationPage } from "./pages.ts";
import { sendNotFound, sendPage } from "./respond.ts";
import { handledMatters } from "./page-data.ts";
import type { PublicDates } from "./dates.ts";

const PUBLIC_MATTERS = 50;

export function stationRoutes(ctx: CoreContext, dates: PublicDates): Router {
  const r = Router();
  r.get("/s/:stationId", async (req, res) => {
    const id = Number(req.params.stationId);
    const station = Number.isSafeInteger(id) && id > 0 ? await ctx.db.station.findUnique({ where: { id } }) : null;
    if (!station?.publicDisclosure) return sendNotFound(req, res);
    sendPage(req, res, 200, stationPage({ name: station.name, items: await handledMatters(ctx, dates, [station.id], PUBLIC_MATTERS) }), { cache: "public" });
  });
  return r;
}
