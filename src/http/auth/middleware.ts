// /api access: `Authorization: Bearer ADMIN_TOKEN` (scripts) or a console session cookie, whose
// unsafe requests must also carry the session's X-CSRF-Token.
import type { RequestHandler } from "express";
import type { Db } from "../../db/client.ts";
import { requireAdminToken, sameSecret } from "../admin/auth.ts";
import { sessionPrincipal } from "./sessions.ts";
import type { Principal } from "./principal.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function apiAuth(deps: { db: Db; adminToken: string | undefined; now: () => Date }): RequestHandler {
  const bearer = requireAdminToken(deps.adminToken);
  return async (req, res, next) => {
    if (req.get("authorization")) {
      res.locals.principal = { kind: "token" } satisfies Principal;
      return bearer(req, res, next);
    }
    const p = await sessionPrincipal(deps.db, req, deps.now());
    if (!p) {
      res.status(401).json({ error: "未登录或登录已过期：请在 /console 登录，或在 Authorization 头中提供 Bearer 令牌。" });
      return;
    }
    res.locals.principal = p;
    if (!SAFE.has(req.method) && !sameSecret(req.get("x-csrf-token") ?? "", p.csrfToken)) {
      res.status(403).json({ error: "缺少或错误的 X-CSRF-Token，请刷新页面后重试。" });
      return;
    }
    next();
  };
}
