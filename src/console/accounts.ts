// Console accounts: creation and listing shared by the API, the bootstrap endpoint and the CLI.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { checkStations } from "../core/stations.ts";
import { hashPassword, passwordProblem } from "../http/auth/passwords.ts";

export interface NewAccount {
  username: string;
  displayName?: string;
  password: string;
  role: "admin" | "staff";
  stationIds: number[];
}

/** The rules an account must meet when created or changed (password only when one is given). */
export async function checkAccount(db: Db, a: { password?: string; role: string; stationIds: number[] }): Promise<void> {
  const weak = a.password === undefined ? null : passwordProblem(a.password);
  if (weak) throw new AppError("weak_password", { userMessage: weak, status: 400 });
  if (a.role === "staff" && !a.stationIds.length) throw new AppError("no_station", { userMessage: "联络站工作人员账号至少要属于一个联络站", status: 400 });
  await checkStations(db, a.stationIds);
}

export async function createAccount(db: Db, a: NewAccount) {
  await checkAccount(db, a);
  const passwordHash = await hashPassword(a.password);
  const account = await db.consoleAccount
    .create({
      data: { username: a.username, displayName: a.displayName ?? a.username, passwordHash, role: a.role, stationIds: a.role === "admin" ? [] : a.stationIds },
    })
    .catch((e) => {
      if (isUniqueViolation(e)) throw new AppError("duplicate", { userMessage: `用户名「${a.username}」已存在`, status: 409 });
      throw e;
    });
  return publicAccount(account);
}

export function publicAccount(a: {
  id: number;
  username: string;
  displayName: string;
  role: string;
  stationIds: number[];
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    stationIds: a.stationIds,
    active: a.active,
    createdAt: a.createdAt,
    lastLoginAt: a.lastLoginAt,
  };
}
