import { md } from "../../domain/rich-text.ts";
import { feedback } from "../../domain/feedback.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** 当场答复: answered and closed (class A) in one step. */
export async function answerOnSpot(env: VerbEnv, number: number, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "answerOnSpot", env.actor, {
    data: {
      replyText: content,
      resultClass: "A",
      resultText: content,
      repliedAt: env.ctx.now(),
      closedAt: env.ctx.now(),
      ...(env.actor.deputy ? { deputyId: o.deputyId ?? env.actor.deputy.id } : {}),
    },
    note: content,
  });
  tellOutcome(env, o, feedback({ ...o, resultClass: "A" }, "onSpot", content, o.submitterPlatformUserId), md`已当场答复并办结 #${number}`);
}
