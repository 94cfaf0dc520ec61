// The visibility rule (domain/visibility.ts) applied to the bot's chats and the database: who is
// reading, in which chat, and the public pages' query.
import type { Config } from "../config.ts";
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { PRIVATE_CHANNELS, visibility, type MatterScope, type Shown, type Target, type Viewer, type VisibilityPolicy } from "../domain/visibility.ts";
import { GROUP_PURPOSES } from "../domain/group-purpose.ts";
import type { Actor } from "./actors.ts";

export const policyOf = (config: Pick<Config, "PUBLIC_HIDDEN_CATEGORIES">): VisibilityPolicy => ({ hiddenCategories: config.PUBLIC_HIDDEN_CATEGORIES });

/** The columns the rule reads: add to a select. */
export const SCOPE_SELECT = { channel: true, stationId: true, category: true, publicHidden: true, groupId: true, citizenId: true, deputyId: true } as const;

export function groupTarget(g: { id: number; stationId: number | null; purpose?: string | null }): Target {
  const purpose = GROUP_PURPOSES.find((p) => p === g.purpose) ?? "village";
  return { kind: "group", groupId: g.id, stationId: g.stationId, purpose };
}

export function viewerOf(actor: Actor, cosigner = false): Viewer {
  return {
    ...(actor.citizenId !== undefined ? { citizenId: actor.citizenId } : {}),
    ...(actor.role === "admin" ? { admin: true } : {}),
    ...(actor.deputy ? { deputy: { id: actor.deputy.id, stationIds: actor.deputy.stationIds } } : {}),
    ...(actor.staff ? { staff: { stationIds: actor.staff.stationIds } } : {}),
    cosigner,
  };
}

/** Someone's direct chat with the bot; a co-sign is looked up only when it could make a difference. */
export async function directTarget(tx: Tx, policy: VisibilityPolicy, actor: Actor, m: MatterScope & { id: number }): Promise<Target> {
  const plain: Target = { kind: "direct", viewer: viewerOf(actor) };
  if (!actor.citizenId || visibility(m, plain, policy) !== "nothing") return plain;
  const cosign = await tx.cosign.findUnique({ where: { opinionId_citizenId: { opinionId: m.id, citizenId: actor.citizenId } }, select: { opinionId: true } });
  return cosign ? { kind: "direct", viewer: viewerOf(actor, true) } : plain;
}

/** What the chat a command came from may see: its group, or the speaker's direct chat. */
export async function shownInChat(
  tx: Tx,
  policy: VisibilityPolicy,
  chat: { group: { id: number; stationId: number | null; purpose: string } | null; actor: Actor },
  m: MatterScope & { id: number },
): Promise<Shown> {
  const target = chat.group ? groupTarget(chat.group) : await directTarget(tx, policy, chat.actor, m);
  return visibility(m, target, policy);
}

/** The rule for one target, for lists that show many matters there. */
export const seenBy =
  (target: Target, policy: VisibilityPolicy) =>
  (m: MatterScope): Shown =>
    visibility(m, target, policy);

/** The public pages' filter in SQL: exactly `hiddenFromPublic` (tests/code/public-display.test.ts holds the two together). */
export function publicWhere(policy: VisibilityPolicy): Prisma.OpinionWhereInput {
  return {
    OR: [{ publicHidden: false }, { publicHidden: null, channel: { notIn: [...PRIVATE_CHANNELS] }, category: { notIn: [...policy.hiddenCategories] } }],
  };
}

/** One answer whether a matter does not exist or may not be seen here, so numbers cannot be probed. */
export const unseen = (number: number): AppError =>
  new AppError("not_found", {
    userMessage: `没有找到编号 #${number} 的事项，或您无权查看。通过代表码提交的事项，请使用提交时页面上的查询链接查看进度。`,
    status: 404,
  });
