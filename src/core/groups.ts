// The bound groups that receive scheduled posts and on-demand summaries.
import type { Tx } from "../db/client.ts";
import type { GroupPurpose } from "../domain/group-purpose.ts";

export interface GroupTarget {
  id: number;
  platform: string;
  chatId: string;
  name: string | null;
  stationId: number | null;
}

/** Bound groups of a purpose (admin groups need no station), optionally one group or one station's. */
export async function groupsFor(db: Tx, purpose: GroupPurpose, opts: { groupId?: number; stationId?: number } = {}): Promise<GroupTarget[]> {
  return db.group.findMany({
    where: {
      purpose,
      ...(purpose === "admin" ? {} : { stationId: opts.stationId ?? { not: null } }),
      ...(opts.groupId !== undefined ? { id: opts.groupId } : {}),
    },
    select: { id: true, platform: true, chatId: true, name: true, stationId: true },
    orderBy: { id: "asc" },
  });
}
