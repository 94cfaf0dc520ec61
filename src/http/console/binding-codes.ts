// One-time codes that let a deputy link their chat account (绑定 <code> in a direct chat with the bot).
import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden } from "../../errors.ts";
import { validate } from "../validate.ts";
import { BINDING_CODE_HOURS, hashBindingCode, newBindingCode } from "../../domain/binding-code.ts";
import { audit } from "../../console/audit.ts";
import { principalOf, principalRef, stationScope } from "../auth/principal.ts";

export const bindingCodeBody = z.object({ deputyId: z.number().int().positive() });

export function bindingCodeRoutes(db: Db, now: () => Date): Router {
  const r = Router();
  r.post("/binding-codes", async (req, res) => {
    const p = principalOf(res);
    const { deputyId } = validate(bindingCodeBody, req.body);
    const deputy = await db.deputy.findUnique({ where: { id: deputyId }, include: { stations: true } });
    if (!deputy || !deputy.active) throw new AppError("not_found", { userMessage: "没有这位代表", status: 404 });
    const scope = stationScope(p);
    if (scope && !deputy.stations.some((s) => scope.includes(s.stationId))) throw forbidden("该代表不属于您负责的联络站。");
    const code = newBindingCode();
    const expiresAt = new Date(now().getTime() + BINDING_CODE_HOURS * 3600_000);
    await db.$transaction(async (tx) => {
      // A new code replaces any unused one for the same deputy.
      await tx.bindingCode.updateMany({ where: { deputyId, usedAt: null, voidedAt: null }, data: { voidedAt: now() } });
      await tx.bindingCode.create({ data: { codeHash: hashBindingCode(code), deputyId, createdBy: principalRef(p), createdAt: now(), expiresAt } });
      await audit(tx, p, "binding-code.create", `deputy:${deputyId}`, { deputy: deputy.name, expiresAt: expiresAt.toISOString() });
    });
    res.status(201).json({ code, deputyId, deputyName: deputy.name, expiresAt, instruction: `请${deputy.name}在与机器人的单聊中发送：绑定 ${code}` });
  });
  return r;
}
