// Console sessions: a random token in an HttpOnly cookie, its sha256 in the database, a CSRF token bound to it.
import { createHash, randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import type { Db } from "../../db/client.ts";
import type { Principal } from "./principal.ts";

export const COOKIE = "renda_console";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The named cookie's value; one that is not valid percent-encoding counts as absent (it can only be forged). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export async function openSession(db: Db, res: Response, req: Request, accountId: number, now: Date, hours: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  await db.consoleSession.create({ data: { tokenHash: sha256(token), csrfToken, accountId, createdAt: now, expiresAt } });
  await db.consoleSession.deleteMany({ where: { accountId, expiresAt: { lt: now } } });
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/", expires: expiresAt });
  return csrfToken;
}

/** The signed-in account behind the request's cookie, or undefined. */
export async function sessionPrincipal(db: Db, req: Request, now: Date): Promise<(Principal & { kind: "account" }) | undefined> {
  const token = readCookie(req, COOKIE);
  if (!token) return undefined;
  const s = await db.consoleSession.findUnique({ where: { tokenHash: sha256(token) }, include: { account: true } });
  if (!s || s.expiresAt <= now || !s.account.active) return undefined;
  const a = s.account;
  return {
    kind: "account",
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role === "admin" ? "admin" : "staff",
    stationIds: a.stationIds,
    csrfToken: s.csrfToken,
  };
}

export async function closeSession(db: Db, req: Request, res: Response): Promise<void> {
  const token = readCookie(req, COOKIE);
  if (token) await db.consoleSession.deleteMany({ where: { tokenHash: sha256(token) } });
  res.clearCookie(COOKIE, { path: "/" });
}
