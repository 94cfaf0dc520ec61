// The console's HTTP surface: sign-in routes, the session-or-token /api gate, and the console's own API.
import { Router, type RequestHandler } from "express";
import type { CoreContext } from "../../core/context.ts";
import { authRoutes } from "../auth/routes.ts";
import { apiAuth } from "../auth/middleware.ts";
import { ledgerRoutes } from "./ledger.ts";
import { accountRoutes } from "./accounts.ts";
import { optionRoutes } from "./options.ts";

export function consoleHttp(ctx: CoreContext): { auth: Router; gate: RequestHandler; api: Router } {
  const deps = { db: ctx.db, adminToken: ctx.config.ADMIN_TOKEN, now: ctx.now };
  const api = Router();
  api.use(ledgerRoutes(ctx), accountRoutes(ctx.db), optionRoutes(ctx));
  return { auth: authRoutes(deps), gate: apiAuth(deps), api };
}
