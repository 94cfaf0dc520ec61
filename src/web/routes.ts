// Public pages of 代表码: the deputy page and form, QR codes and poster, the private follow page, station 公示.
import { Router } from "express";
import type { CoreContext } from "../core/context.ts";
import { publicDates } from "./dates.ts";
import { deputyRoutes } from "./deputy-routes.ts";
import { qrRoutes } from "./qr-routes.ts";
import { followRoutes } from "./follow-routes.ts";
import { stationRoutes } from "./station-routes.ts";
import { pageErrors } from "./page-errors.ts";

export function publicRoutes(ctx: CoreContext): Router {
  const dates = publicDates(ctx.config.BOT_TIMEZONE);
  const r = Router();
  r.use(deputyRoutes(ctx, dates), qrRoutes(ctx, dates), followRoutes(ctx, dates), stationRoutes(ctx, dates));
  r.use(pageErrors(ctx.logger));
  return r;
}
