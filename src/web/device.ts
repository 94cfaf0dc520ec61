import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";

const DEVICE_COOKIE = "rd_dev";

/**
 * A long-lived random cookie tells devices apart behind a shared village IP; only its hash is stored.
 * `known` is false when the browser brought none (first visit, or a script): then only the IP counts.
 */
export function device(req: Request, res: Response): { id: string; known: boolean } {
  const found = /(?:^|;\s*)rd_dev=([A-Za-z0-9_-]{16,64})/.exec(req.get("cookie") ?? "")?.[1];
  if (found) return { id: found, known: true };
  const id = randomBytes(16).toString("base64url");
  res.append("set-cookie", `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
  return { id, known: false };
}
