// Console actions on a matter: the verbs the chat commands use (same rules, same events), run
// with the console account as the actor. Feedback for the group goes to the outbox only when asked;
// notices to others (a unit's liaisons and work group on 转办) are part of the action and always go.
// A preview runs the action in a transaction that is rolled back.
import { rawText } from "../domain/rich-text.ts";
import { z } from "zod";
import type { CoreContext } from "../core/context.ts";
import type { VerbEnv } from "../core/opinions/verb.ts";
import { merge } from "../core/opinions/merge.ts";
import { assignDeputy } from "../core/opinions/assign-deputy.ts";
import { extend } from "../core/opinions/extend.ts";
import { reopen } from "../core/opinions/reopen.ts";
import { reply } from "../core/opinions/reply.ts";
import { assign } from "../core/opinions/assign.ts";
import { close } from "../core/opinions/close.ts";
import { transfer } from "../core/opinions/transfer.ts";
import { reject } from "../core/opinions/reject.ts";
import { renderPlain } from "../domain/plain-text.ts";
import { AppError, notFound } from "../errors.ts";
import { enqueue, type OutboxItem } from "../outbox/enqueue.ts";
import type { Action } from "../domain/lifecycle.ts";
import { actorOf, requireStation, type Principal } from "../http/auth/principal.ts";

const reason = z.string().trim().min(2, "请写明理由").max(500);
const content = z.string().trim().min(1, "请填写内容").max(2000);

export const actionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assignDeputy"), deputyId: z.number().int().positive() }),
  z.object({ action: z.literal("assignUnit"), unitId: z.number().int().positive(), days: z.number().int().min(1).max(180).optional() }),
  z.object({ action: z.literal("extend"), days: z.number().int().min(1).max(180), reason }),
  z.object({ action: z.literal("reply"), text: content }),
  z.object({ action: z.literal("close"), resultClass: z.enum(["A", "B", "C", "D"]), text: content }),
  z.object({ action: z.literal("merge"), into: z.number().int().positive() }),
  z.object({ action: z.literal("transfer"), note: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal("reject"), reason }),
  z.object({ action: z.literal("reopen"), reason }),
]);
export type ConsoleAction = z.infer<typeof actionSchema>;

/** Each console action and the lifecycle action whose "from" states allow it. */
export const CONSOLE_ACTIONS: { name: ConsoleAction["action"]; lifecycle: Action }[] = [
  { name: "assignDeputy", lifecycle: "claim" },
  { name: "assignUnit", lifecycle: "assign" },
  { name: "extend", lifecycle: "extend" },
  { name: "reply", lifecycle: "reply" },
  { name: "close", lifecycle: "close" },
  { name: "merge", lifecycle: "merge" },
  { name: "transfer", lifecycle: "transfer" },
  { name: "reject", lifecycle: "reject" },
  { name: "reopen", lifecycle: "reopen" },
];

export interface ActionResult {
  /** What the console shows the staff member. */
  message: string;
  /** What the group would receive (plain text, masked as posted). */
  feedback: string[];
  posted: boolean;
}

class Rollback extends Error {
  constructor(readonly result: ActionResult) {
    super("preview");
  }
}

export async function runAction(
  ctx: CoreContext,
  p: Principal,
  number: number,
  a: ConsoleAction,
  opts: { notify: boolean; preview: boolean },
): Promise<ActionResult> {
  const actor = actorOf(p);
  try {
    const done = await ctx.db.$transaction(
      async (tx) => {
        const o = await tx.opinion.findUnique({ where: { number }, select: { stationId: true, group: { select: { platform: true, chatId: true } } } });
        if (!o) throw notFound(number);
        requireStation(p, o.stationId);
        if (a.action === "merge") {
          // The original gains a co-signer: it must be the caller's station's matter too.
          const target = await tx.opinion.findUnique({ where: { number: a.into }, select: { stationId: true } });
          if (target) requireStation(p, target.stationId);
        }
        const acks: string[] = [];
        const posts: OutboxItem[] = [];
        const notices: OutboxItem[] = [];
        const toMatterGroup = (target: { platform: string; chatId: string }) =>
          !!o.group && target.platform === o.group.platform && target.chatId === o.group.chatId;
        // The console is in no group: the verbs' group messages are posts to the matter's group, the rest notices.
        const env: VerbEnv = {
          ctx,
          tx,
          actor,
          group: null,
          reply: (m) => acks.push(rawText(m.body)),
          post: (target, m) =>
            (toMatterGroup(target) ? posts : notices).push({
              platform: target.platform,
              chatId: target.chatId,
              chatType: target.chatType ?? "group",
              kind: "post",
              message: m,
            }),
        };
        await perform(env, number, a);
        const result: ActionResult = { message: acks.join("\n"), feedback: posts.map((i) => renderPlain(i.message)), posted: opts.notify && posts.length > 0 };
        if (opts.preview) throw new Rollback(result);
        const sent = [...(opts.notify ? posts : []), ...notices];
        await enqueue(tx, sent);
        return { result, sent: sent.length };
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
    if (done.sent) ctx.nudgeOutbox();
    return done.result;
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    throw err;
  }
}

async function perform(env: VerbEnv, number: number, a: ConsoleAction): Promise<void> {
  switch (a.action) {
    case "assignDeputy":
      return assignDeputy(env, number, a.deputyId);
    case "assignUnit": {
      const unit = await env.tx.unit.findUnique({ where: { id: a.unitId } });
      if (!unit || !unit.active) throw new AppError("unknown_unit", { userMessage: "没有这个承办单位", status: 400 });
      return assign(env, number, unit.name, a.days);
    }
    case "extend":
      return extend(env, number, a.days, a.reason);
    case "reply":
      return reply(env, number, a.text);
    case "close":
      return close(env, number, a.resultClass, a.text);
    case "merge":
      return merge(env, number, a.into);
    case "transfer":
      return transfer(env, number, a.note);
    case "reject":
      return reject(env, number, a.reason);
    case "reopen":
      return reopen(env, number, a.reason);
  }
}
