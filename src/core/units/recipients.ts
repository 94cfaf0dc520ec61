// Who hears about a unit's work: its liaisons in direct chats and its work groups; on the station's
// side the matter's deputy in a direct chat and the station staff groups.
import type { Tx } from "../../db/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";

export interface Target {
  platform: string;
  chatId: string;
  chatType: "group" | "direct";
}

const direct = (i: { platform: string; userId: string }): Target => ({ platform: i.platform, chatId: i.userId, chatType: "direct" });
const group = (g: { platform: string; chatId: string }): Target => ({ platform: g.platform, chatId: g.chatId, chatType: "group" });

/** The unit's active liaisons (every bound platform id) and its work groups. */
export async function unitTargets(tx: Tx, unitId: number): Promise<Target[]> {
  const identities = await tx.identity.findMany({ where: { liaison: { unitId, active: true } }, orderBy: { id: "asc" } });
  const groups = await tx.group.findMany({ where: { purpose: "unit", unitId }, orderBy: { id: "asc" } });
  return [...identities.map(direct), ...groups.map(group)];
}

/** The matter's deputy (direct) and its station's staff groups. */
export async function stationTargets(tx: Tx, o: { stationId: number | null; deputyId: number | null }): Promise<Target[]> {
  const identities = o.deputyId ? await tx.identity.findMany({ where: { deputyId: o.deputyId }, orderBy: { id: "asc" } }) : [];
  const groups = o.stationId ? await tx.group.findMany({ where: { purpose: "station-staff", stationId: o.stationId }, orderBy: { id: "asc" } }) : [];
  return [...identities.map(direct), ...groups.map(group)];
}

export function postAll(env: { post(target: Target, message: OutboundMessage): void }, targets: Target[], message: OutboundMessage): void {
  for (const target of targets) env.post(target, message);
}
