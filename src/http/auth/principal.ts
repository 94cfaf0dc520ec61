// Who is calling /api: the ADMIN_TOKEN bearer, or a signed-in console account.
import type { RequestHandler, Response } from "express";
import type { Actor } from "../../core/actors.ts";
import { forbidden } from "../../errors.ts";

export type Principal =
  { kind: "token" } | { kind: "account"; id: number; username: string; displayName: string; role: "admin" | "staff"; stationIds: number[]; csrfToken: string };

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new Error("principal missing: route mounted outside apiAuth");
  return p;
}

export const isAdmin = (p: Principal) => p.kind === "token" || p.role === "admin";

/** Station ids the caller is limited to; undefined means all stations. */
export const stationScope = (p: Principal): number[] | undefined => (isAdmin(p) ? undefined : (p as { stationIds: number[] }).stationIds);

export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) throw forbidden("仅人大常委会管理员可以进行此操作。");
}

/** Throws 403 unless the caller may see or change this station's records. */
export function requireStation(p: Principal, stationId: number | null | undefined): void {
  const scope = stationScope(p);
  if (scope && (stationId == null || !scope.includes(stationId))) throw forbidden("该记录不属于您负责的联络站，无权查看或操作。");
}

/** "console:alice" or "admin-token": the who of audit entries. */
export const principalRef = (p: Principal) => (p.kind === "token" ? "admin-token" : `console:${p.username}`);

/** The same actor the chat commands use, so console actions obey the same rules and leave the same events. */
export function actorOf(p: Principal): Actor {
  if (p.kind === "token") return { role: "admin", platform: "console", userId: "admin-token", name: "管理令牌" };
  const staff = {
    id: p.id,
    name: p.displayName,
    role: p.role === "admin" ? "ADMIN" : "STATION",
    title: null,
    phone: null,
    active: true,
    createdAt: new Date(0),
    stationIds: p.stationIds,
  } as const;
  return { role: p.role, platform: "console", userId: p.username, name: p.displayName, staff };
}

/** Guards the original admin API: the ADMIN_TOKEN or an administrator's session. */
export const adminOnly: RequestHandler = (_req, res, next) => {
  requireAdmin(principalOf(res));
  next();
};
