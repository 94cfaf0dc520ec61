import type { Prisma } from "../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { principalRef, type Principal } from "../http/auth/principal.ts";

/** Records who changed what outside an opinion's own event log. */
export async function audit(tx: Tx, p: Principal, action: string, target?: string, detail?: Prisma.InputJsonValue): Promise<void> {
  await tx.auditLog.create({ data: { actor: principalRef(p), action, target, detail } });
}
