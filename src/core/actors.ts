// Who is speaking: recognised by their platform identity, never by display name.
import type { Tx } from "../db/client.ts";
import type { Deputy, Staff } from "../generated/prisma/client.ts";

export type Role = "citizen" | "deputy" | "staff" | "admin" | "unit";

export interface Actor {
  role: Role;
  platform: string;
  userId: string;
  name: string;
  deputy?: Deputy & { stationIds: number[] };
  staff?: Staff & { stationIds: number[] };
  /** The 承办单位 a liaison speaks for (role unit). */
  unit?: { id: number; name: string; liaisonId: number };
  identityId?: number;
  citizenId?: number;
}

export async function findActor(tx: Tx, platform: string, userId: string, displayName?: string): Promise<Actor> {
  const identity = await tx.identity.findUnique({
    where: { platform_userId: { platform, userId } },
    include: { deputy: { include: { stations: true } }, staff: { include: { stations: true } }, liaison: { include: { unit: true } } },
  });
  const deputy = identity?.deputy?.active ? { ...identity.deputy, stationIds: identity.deputy.stations.map((s) => s.stationId) } : undefined;
  const staff = identity?.staff?.active ? { ...identity.staff, stationIds: identity.staff.stations.map((s) => s.stationId) } : undefined;
  const liaison = identity?.liaison?.active && identity.liaison.unit.active ? identity.liaison : undefined;
  const unit = liaison ? { id: liaison.unit.id, name: liaison.unit.name, liaisonId: liaison.id } : undefined;
  const role: Role = staff ? (staff.role === "ADMIN" ? "admin" : "staff") : deputy ? "deputy" : unit ? "unit" : "citizen";
  return {
    role,
    platform,
    userId,
    name: staff?.name ?? deputy?.name ?? liaison?.name ?? displayName ?? identity?.displayName ?? "群众",
    deputy,
    staff,
    unit,
    identityId: identity?.id,
    citizenId: identity?.citizenId ?? undefined,
  };
}

/** The citizen record behind a speaker, created on first need (an opinion, a co-sign). */
export async function ensureCitizen(tx: Tx, actor: Actor, displayName?: string): Promise<number> {
  if (actor.citizenId) return actor.citizenId;
  const citizen = await tx.citizen.create({ data: { name: displayName ?? actor.name } });
  await tx.identity.upsert({
    where: { platform_userId: { platform: actor.platform, userId: actor.userId } },
    create: { platform: actor.platform, userId: actor.userId, displayName, citizenId: citizen.id },
    update: { citizenId: citizen.id, ...(displayName ? { displayName } : {}) },
  });
  actor.citizenId = citizen.id;
  return citizen.id;
}

/** Deputies and station staff: who handles matters. A unit liaison acts only through core/units. */
export const isOfficial = (a: Actor) => a.role === "deputy" || a.role === "staff" || a.role === "admin";
export const isStaff = (a: Actor) => a.role === "staff" || a.role === "admin";

/** May this deputy or staff member act on a matter of this station? Unbound matters are open to all officials. */
export function mayHandle(actor: Actor, opinion: { stationId: number | null; deputyId: number | null }): boolean {
  if (actor.role === "admin") return true;
  if (opinion.stationId === null) return isOfficial(actor);
  if (actor.staff?.stationIds.includes(opinion.stationId)) return true;
  if (actor.deputy && (actor.deputy.stationIds.includes(opinion.stationId) || opinion.deputyId === actor.deputy.id)) return true;
  return false;
}

/**
 * The simulator is a sandbox: whoever sits at it speaks as any simulator identity without signing in, so
 * its speakers never reach a matter raised on a real platform (WeCom, DingTalk). Matters of no platform
 * (代表码, console) stay reachable: the local demo shows deputies handling them.
 */
export function mayReach(actor: Pick<Actor, "platform">, opinion: { platform: string | null }): boolean {
  return actor.platform !== "simulator" || opinion.platform === null || opinion.platform === "simulator";
}

/** mayReach as a filter for lists of matters (a NOT of "has a platform, not the simulator": nulls pass). */
export function reachable(actor: Pick<Actor, "platform">) {
  return actor.platform === "simulator" ? { NOT: { AND: [{ platform: { not: null } }, { platform: { not: "simulator" } }] } } : {};
}

export function actorRef(a: Actor): string {
  if (a.platform === "console") return `console:${a.userId}`;
  if (a.staff) return `staff:${a.staff.id}`;
  if (a.deputy) return `deputy:${a.deputy.id}`;
  if (a.unit) return `liaison:${a.unit.liaisonId}`;
  return `${a.platform}:${a.userId}`;
}
