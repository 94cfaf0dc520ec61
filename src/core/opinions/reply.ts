import { md } from "../../domain/rich-text.ts";
import { feedback } from "../../domain/feedback.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** 答复: the answer on record and in the matter's group; a deputy answering an unclaimed matter takes it. */
export async function reply(env: VerbEnv, number: number, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "reply", env.actor, {
    data: { replyText: content, repliedAt: env.ctx.now(), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    note: content,
  });
  tellOutcome(env, o, feedback({ ...o, unitName: o.unit?.name }, "reply", content, o.submitterPlatformUserId), md`已答复 #${number}`, md`答复已发到原群`);
}
