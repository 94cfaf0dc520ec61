import type { Db, Tx } from "../db/client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { AppError } from "../errors.ts";

/** 400 unless every id names an existing station (roster records and console accounts refer to them). */
export async function checkStations(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.station.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new AppError("unknown_station", { userMessage: "stationIds 中有不存在的联络站", status: 400 });
}

/** Names of each station's active deputies, in roster order. */
export async function stationDeputies(db: Tx, stationIds?: number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const rows = await db.$queryRaw<{ stationId: number; id: number; name: string }[]>`
    SELECT ds."stationId", d.id, d.name FROM "DeputyStation" ds JOIN "Deputy" d ON d.id = ds."deputyId"
    WHERE d.active ${stationIds ? Prisma.sql`AND ds."stationId" IN (${Prisma.join(stationIds.length ? stationIds : [0])})` : Prisma.empty}
    ORDER BY ds."stationId", d.id`;
  const out = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) out.set(r.stationId, [...(out.get(r.stationId) ?? []), { id: r.id, name: r.name }]);
  return out;
}
