// The console's HTTP surface: sign-in routes, the session-or-token /api gate, and the console's own API.
import { Router, type RequestHandler } from "express";
import type { CoreContext } from "../../core/context.ts";
import { authRoutes } from "../auth/routes.ts";
import { apiAuth } from "../auth/middleware.ts";
import { ledgerRoutes } from "./ledger.ts";
import { accountRoutes } from "./accounts.ts";
import { optionRoutes } from "./options.ts";
import { rosterRoutes } from "./roster.ts";
import { statsRoutes } from "./stats.ts";
import { bindingCodeRoutes } from "./binding-codes.ts";
import { openApiDocument, type ApiOperation } from "../openapi.ts";

/** Staff data, exports and session tokens must not stay in the disk cache of a shared office computer, nor be sniffed as a page. */
const privateApi: RequestHandler = (_req, res, next) => {
  res.set("cache-control", "no-store");
  res.set("x-content-type-options", "nosniff");
  next();
};

/** `mounted`: operations of other routers under /api, documented with the console's. */
export function consoleHttp(ctx: CoreContext, mounted: readonly ApiOperation[]): { auth: Router; docs: Router; gate: RequestHandler; api: Router } {
  const deps = { db: ctx.db, adminToken: ctx.config.ADMIN_TOKEN, now: ctx.now };
  const api = Router();
  api.use(ledgerRoutes(ctx), accountRoutes(ctx.db), optionRoutes(ctx), rosterRoutes(ctx), statsRoutes(ctx), bindingCodeRoutes(ctx.db, ctx.now));
  const docs = Router();
  let document: object | undefined;
  docs.get("/openapi.json", (_req, res) => {
    res.json((document ??= openApiDocument(mounted)));
  });
  const auth = Router().use(privateApi, authRoutes({ ...deps, sessionHours: ctx.config.CONSOLE_SESSION_HOURS }));
  return { auth, docs, gate: Router().use(privateApi, apiAuth(deps)), api };
}
