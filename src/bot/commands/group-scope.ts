// The console's station scoping, applied to chat commands that configure a group or reach across
// matters: staff act only on their own stations' groups and matters, administrators on all.
// Every such change, and every refused attempt, leaves an audit entry.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Group, Station } from "../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { actorRef, type Actor } from "../../core/actors.ts";
import { AppError } from "../../errors.ts";
import type { CommandEnv } from "../env.ts";
import { requireGroup } from "./lookup.ts";
import { requireStaff } from "../../core/opinions/load.ts";
import { originalOutOfScope } from "../../core/opinions/merge.ts";

export type ScopedAction = "bindGroup" | "setWebhook" | "setPurpose" | "weekly" | "merge";

interface ChatAudit {
  actor: string;
  action: string;
  target: string;
  detail: Prisma.InputJsonObject;
}

/** A refusal whose audit entry survives the rolled-back command (written by the handler with the reply). */
export class ScopeRefusal extends AppError {
  constructor(
    readonly entry: ChatAudit,
    userMessage: string,
  ) {
    super("out_of_scope", { userMessage, status: 403 });
  }
}

function entry(env: CommandEnv, action: ScopedAction, target: string, detail: Prisma.InputJsonObject): ChatAudit {
  const { msg, actor } = env;
  return { actor: actorRef(actor), action: `chat.${action}`, target, detail: { platform: msg.platform, userId: msg.senderId, chatId: msg.chatId, ...detail } };
}

const mayConfigure = (actor: Actor, group: Group) =>
  actor.role === "admin" || group.stationId === null || (actor.staff?.stationIds.includes(group.stationId) ?? false);

/** The group this staff command is typed in, if the speaker may configure it: unbound, or bound to one of their stations. */
export async function groupInScope(env: CommandEnv, action: ScopedAction): Promise<Group> {
  requireStaff(env);
  const group = requireGroup(env);
  if (!mayConfigure(env.actor, group)) {
    const station = await env.tx.station.findUnique({ where: { id: group.stationId! }, select: { name: true } });
    throw new ScopeRefusal(
      entry(env, action, `group:${group.id}`, { outcome: "refused", groupStationId: group.stationId }),
      `本群属于「${station?.name ?? "其他联络站"}」，您不是该站的工作人员，不能执行这条命令。请联系该站工作人员或县人大常委会管理员。`,
    );
  }
  return group;
}

/** Binding (or rebinding) needs the new station to be the speaker's too. */
export function requireStationInScope(env: CommandEnv, group: Group, station: Station): void {
  if (env.actor.role === "admin" || env.actor.staff?.stationIds.includes(station.id)) return;
  throw new ScopeRefusal(
    entry(env, "bindGroup", `group:${group.id}`, { outcome: "refused", groupStationId: group.stationId, stationId: station.id }),
    `您不是「${station.name}」的工作人员，不能把本群绑定到该站。`,
  );
}

/** In the administrators' group 周报 is the county-wide summary: for administrators, as the console's all-station statistics are. */
export function requireCountyScope(env: CommandEnv, group: Group): void {
  if (group.purpose !== "admin" || env.actor.role === "admin") return;
  throw new ScopeRefusal(entry(env, "weekly", `group:${group.id}`, { outcome: "refused", purpose: "admin" }), "全县周报仅限县人大常委会管理员查看。");
}

/** The refusal for a matter another command reaches (the original of a merge) outside the speaker's stations. */
export function matterOutOfScope(env: CommandEnv, action: ScopedAction, matter: { number: number; stationId: number | null }): ScopeRefusal {
  return new ScopeRefusal(
    entry(env, action, `opinion:${matter.number}`, { outcome: "refused", stationId: matter.stationId }),
    originalOutOfScope(matter.number),
  );
}

/** Records a group change made from the chat (console changes are audited by their HTTP routes). */
export async function auditGroupChange(env: CommandEnv, action: ScopedAction, group: Group, detail: Prisma.InputJsonObject = {}): Promise<void> {
  const e = entry(env, action, `group:${group.id}`, { outcome: "done", ...detail });
  await env.tx.auditLog.create({ data: e });
}

/** Called by the handler in the transaction that stores a refusal's reply. */
export async function auditRefusal(tx: Tx, err: unknown): Promise<void> {
  if (err instanceof ScopeRefusal) await tx.auditLog.create({ data: err.entry });
}
