import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";

/** 400 unless every id names an existing station (roster records and console accounts refer to them). */
export async function checkStations(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.station.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new AppError("unknown_station", { userMessage: "stationIds 中有不存在的联络站", status: 400 });
}
