import { Router } from "express";
import type { CoreContext } from "../../core/context.ts";
import { validate } from "../validate.ts";
import { computeStats, statsQuery } from "../../console/stats.ts";
import { principalOf, requireStation, stationScope } from "../auth/principal.ts";

export function statsRoutes(ctx: CoreContext): Router {
  const r = Router();
  r.get("/stats", async (req, res) => {
    const q = validate(statsQuery, req.query);
    const p = principalOf(res);
    if (q.station) requireStation(p, q.station);
    res.json(await computeStats(ctx, q, stationScope(p)));
  });
  return r;
}
