import { timingSafeEqual, createHash } from "node:crypto";
import type { RequestHandler } from "express";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time comparison of secrets of any length or encoding (hashing first makes the lengths equal). */
export const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** Bearer ADMIN_TOKEN; with no token configured the admin API is closed and says how to open it. */
export function requireAdminToken(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token) {
      res.status(403).json({ error: "管理接口未启用：请在环境变量 ADMIN_TOKEN 中设置至少 16 位的令牌后重启，并以 Authorization: Bearer <令牌> 访问。" });
      return;
    }
    const header = req.get("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    if (!given || !sameSecret(given, token)) {
      res.status(401).json({ error: "未授权：请在 Authorization 头中提供正确的 Bearer 令牌。" });
      return;
    }
    next();
  };
}
