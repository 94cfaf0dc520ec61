// Sign-in, sign-out, who am I, and the first administrator from ADMIN_TOKEN.
import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../validate.ts";
import { createAccount } from "../../console/accounts.ts";
import { audit } from "../../console/audit.ts";
import { requireAdminToken } from "../admin/auth.ts";
import { verifyPassword } from "./passwords.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { closeSession, openSession, sessionPrincipal } from "./sessions.ts";

export const loginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, "用户名为 3–32 位字母、数字、下划线、点或连字符");
export const bootstrapSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(50).optional(),
  password: z.string().min(1).max(200),
});

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$5ckwla2mbWk4eH3GQaMk9Q$nc2uexypMq3aTFJiRZ+PJF9Vr4X7uWAohMxu+Sr/D2Q";

export function authRoutes(deps: { db: Db; adminToken: string | undefined; now: () => Date; sessionHours: number }): Router {
  const { db, now } = deps;
  const r = Router();
  const throttle = new LoginThrottle(() => now().getTime());

  r.post("/login", async (req, res) => {
    const body = validate(loginSchema, req.body);
    const user = body.username.toLowerCase();
    const ip = req.ip ?? "?";
    const waitMs = throttle.attempt(user, ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res.set("retry-after", String(seconds));
      res.status(429).json({ error: `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。如忘记密码，请联系管理员重置。` });
      return;
    }
    const account = await db.consoleAccount.findUnique({ where: { username: body.username } });
    const ok = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, body.password);
    if (!account || !ok || !account.active) {
      res.status(401).json({ error: "用户名或密码错误。" });
      return;
    }
    throttle.succeeded(user, ip);
    const csrfToken = await openSession(db, res, req, account.id, now(), deps.sessionHours);
    await db.consoleAccount.update({ where: { id: account.id }, data: { lastLoginAt: now() } });
    res.json({ username: account.username, displayName: account.displayName, role: account.role, stationIds: account.stationIds, csrfToken });
  });

  r.post("/logout", async (req, res) => {
    await closeSession(db, req, res);
    res.status(204).end();
  });

  r.get("/me", async (req, res) => {
    const p = await sessionPrincipal(db, req, now());
    if (!p) {
      res.status(401).json({ error: "未登录" });
      return;
    }
    res.json({ username: p.username, displayName: p.displayName, role: p.role, stationIds: p.stationIds, csrfToken: p.csrfToken });
  });

  /** The first administrator, for whoever holds ADMIN_TOKEN; refused once an administrator exists. */
  r.post("/bootstrap", requireAdminToken(deps.adminToken), async (req, res) => {
    const body = validate(bootstrapSchema, req.body);
    if (await db.consoleAccount.count({ where: { role: "admin" } })) {
      throw new AppError("exists", { userMessage: "已有管理员账号：请用管理员账号在「账号」页面添加新账号。", status: 409 });
    }
    const account = await createAccount(db, { ...body, role: "admin", stationIds: [] });
    await audit(db, { kind: "token" }, "account.bootstrap", `account:${account.username}`);
    res.status(201).json(account);
  });
  return r;
}
