import type { Prisma } from "../generated/prisma/client.ts";
import type { RequestHandler } from "express";
import type { Tx } from "../db/client.ts";
import { principalRef, type Principal } from "../http/auth/principal.ts";

/** Records who changed what outside an opinion's own event log. */
export async function audit(tx: Tx, p: Principal, action: string, target?: string, detail?: Prisma.InputJsonValue): Promise<void> {
  await tx.auditLog.create({ data: { actor: principalRef(p), action, target, detail } });
}

/**
 * Audits successful changes made through the original admin API (stations, deputies, categories,
 * schedules…): who, when, which method and path. Bodies are left out: they may hold secrets.
 */
export function auditChanges(db: Tx): RequestHandler {
  return (req, res, next) => {
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
      res.on("finish", () => {
        if (res.statusCode >= 400) return;
        const p = res.locals.principal as Principal | undefined;
        if (!p) return;
        void db.auditLog
          .create({
            data: {
              actor: principalRef(p),
              action: `api.${req.method.toLowerCase()}`,
              target: req.originalUrl.split("?")[0],
              detail: { status: res.statusCode },
            },
          })
          .catch(() => undefined);
      });
    }
    next();
  };
}
