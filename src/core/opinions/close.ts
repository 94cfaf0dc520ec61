import { AppError } from "../../errors.ts";
import { RESULT_LABEL, type ResultClass } from "../../domain/lifecycle.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { feedback } from "../../domain/feedback.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** 办结: the result class and text on record; the group gets the result and the rating buttons. */
export async function close(env: VerbEnv, number: number, resultClass: ResultClass, content: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  if (resultClass === "C" && content.length < 4)
    throw new AppError("reason_required", { userMessage: "C类（因条件限制暂不能解决）须写明原因，以便向群众解释。" });
  await transition(env.tx, o, "close", env.actor, {
    data: { resultClass, resultText: content, closedAt: env.ctx.now(), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    note: content,
    eventData: { resultClass },
  });
  tellOutcome(
    env,
    o,
    feedback({ ...o, resultClass, unitName: o.unit?.name }, "close", content, o.submitterPlatformUserId),
    md`已办结 #${number}（${trusted(resultClass)}类 ${trusted(RESULT_LABEL[resultClass])}）`,
    md`结果已发到原群并请反映人评价`,
  );
}
