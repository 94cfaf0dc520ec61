// One log line for every refused /api call (no session, wrong token, bad CSRF, another station's record),
// so whoever audits later can see who tried what. Never logs the credentials themselves.
import type { RequestHandler } from "express";
import type { Logger } from "../../logger.ts";
import { principalRef, type Principal } from "./principal.ts";
import { COOKIE } from "./sessions.ts";

export function logRefusals(logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.on("finish", () => {
      if (res.statusCode !== 401 && res.statusCode !== 403) return;
      const principal = res.locals.principal as Principal | undefined;
      const who =
        principal?.kind === "account"
          ? principalRef(principal)
          : req.get("authorization")
            ? "bearer (invalid)"
            : req.get("cookie")?.includes(`${COOKIE}=`)
              ? "session (invalid)"
              : "anonymous";
      logger.warn({ status: res.statusCode, method: req.method, path: req.originalUrl.split("?")[0], who, ip: req.ip }, "接口访问被拒绝");
    });
    next();
  };
}
