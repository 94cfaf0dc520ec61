// Lists for the console's selects, limited to the caller's stations.
import { Router } from "express";
import type { CoreContext } from "../../core/context.ts";
import { RESULT_LABEL, STATUS_LABEL, RATING_LABEL } from "../../domain/lifecycle.ts";
import { principalOf, stationScope } from "../auth/principal.ts";

export function optionRoutes(ctx: CoreContext): Router {
  const r = Router();
  r.get("/options", async (_req, res) => {
    const scope = stationScope(principalOf(res));
    const inScope = scope ? { id: { in: scope } } : {};
    const [stations, groups, deputies, units, dict] = await Promise.all([
      ctx.db.station.findMany({ where: inScope, select: { id: true, name: true }, orderBy: { id: "asc" } }),
      ctx.db.group.findMany({ where: scope ? { stationId: { in: scope } } : {}, select: { id: true, name: true, stationId: true }, orderBy: { id: "asc" } }),
      ctx.db.deputy.findMany({
        where: { active: true, ...(scope ? { stations: { some: { stationId: { in: scope } } } } : {}) },
        select: { id: true, name: true, stations: { select: { stationId: true } } },
        orderBy: { id: "asc" },
      }),
      ctx.db.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
      ctx.dictionary(),
    ]);
    res.json({
      stations,
      groups,
      deputies: deputies.map((d) => ({ id: d.id, name: d.name, stationIds: d.stations.map((s) => s.stationId) })),
      units,
      categories: dict.categories,
      statuses: Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })),
      resultClasses: Object.entries(RESULT_LABEL).map(([value, label]) => ({ value, label })),
      ratings: Object.entries(RATING_LABEL).map(([value, label]) => ({ value, label })),
    });
  });
  return r;
}
