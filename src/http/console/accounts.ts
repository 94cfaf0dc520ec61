// Console accounts (administrators only) and the audit log.
import { Router } from "express";
import { z } from "zod";
import { pageParams, rowId } from "../params.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../validate.ts";
import { checkAccount, createAccount, publicAccount } from "../../console/accounts.ts";
import { audit } from "../../console/audit.ts";
import { hashPassword } from "../auth/passwords.ts";
import { usernameSchema } from "../auth/routes.ts";
import { principalOf, requireAdmin } from "../auth/principal.ts";

const stationIds = z.array(z.number().int().positive()).max(50).default([]);
export const newAccount = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(50).optional(),
  password: z.string().min(1).max(200),
  role: z.enum(["admin", "staff"]),
  stationIds,
});
export const accountUpdate = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  password: z.string().min(1).max(200).optional(),
  role: z.enum(["admin", "staff"]).optional(),
  stationIds: z.array(z.number().int().positive()).max(50).optional(),
  active: z.boolean().optional(),
});
const idParam = z.object({ id: rowId });
const auditQuery = z.object(pageParams);

export function accountRoutes(db: Db): Router {
  const r = Router();

  r.get("/accounts", async (_req, res) => {
    requireAdmin(principalOf(res));
    res.json({ accounts: (await db.consoleAccount.findMany({ orderBy: { id: "asc" } })).map(publicAccount) });
  });

  r.post("/accounts", async (req, res) => {
    const p = principalOf(res);
    requireAdmin(p);
    const body = validate(newAccount, req.body);
    const account = await createAccount(db, body);
    await audit(db, p, "account.create", `account:${account.username}`, { role: account.role, stationIds: account.stationIds });
    res.status(201).json(account);
  });

  r.patch("/accounts/:id", async (req, res) => {
    const p = principalOf(res);
    requireAdmin(p);
    const { id } = validate(idParam, req.params);
    const body = validate(accountUpdate, req.body);
    const current = await db.consoleAccount.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", { userMessage: "没有这个账号", status: 404 });
    const role = body.role ?? current.role;
    const ids = body.stationIds ?? current.stationIds;
    await checkAccount(db, { password: body.password || undefined, role, stationIds: ids });
    const updated = await db.$transaction(async (tx) => {
      const a = await tx.consoleAccount.update({
        where: { id },
        data: {
          ...(body.displayName ? { displayName: body.displayName } : {}),
          ...(body.password ? { passwordHash: await hashPassword(body.password) } : {}),
          role,
          stationIds: role === "admin" ? [] : ids,
          ...(body.active !== undefined ? { active: body.active } : {}),
        },
      });
      // A new password or a disabled account ends every open session.
      if (body.password || body.active === false) await tx.consoleSession.deleteMany({ where: { accountId: id } });
      await audit(tx, p, "account.update", `account:${a.username}`, { ...body, password: body.password ? "（已修改）" : undefined });
      return a;
    });
    res.json(publicAccount(updated));
  });

  r.get("/audit", async (req, res) => {
    requireAdmin(principalOf(res));
    const q = validate(auditQuery, req.query);
    const [total, entries] = await Promise.all([
      db.auditLog.count(),
      db.auditLog.findMany({ orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    ]);
    res.json({ total, page: q.page, pageSize: q.pageSize, entries });
  });
  return r;
}
