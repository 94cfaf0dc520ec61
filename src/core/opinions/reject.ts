import { md } from "../../domain/rich-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { transition } from "./transition.ts";
import { opinionToHandle, requireStaff } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** 不予受理: staff only, with the reason told to the submitter. */
export async function reject(env: VerbEnv, number: number, reason: string): Promise<void> {
  requireStaff(env);
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "reject", env.actor, { data: { closeReason: reason, closedAt: env.ctx.now() }, note: reason });
  tellOutcome(
    env,
    o,
    {
      body: md`#${number} 不予受理。理由：${UserText.masked(reason)}\n如有疑问，可联系联络站工作人员。`,
      ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}),
    },
    md`已对 #${number} 不予受理，并告知反映人理由`,
  );
}
