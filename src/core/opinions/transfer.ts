import { md } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellOutcome, type VerbEnv } from "./verb.ts";

/** 转信访: a personal petition leaves the station's work for the petitions office. */
export async function transfer(env: VerbEnv, number: number, note?: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  await transition(env.tx, o, "transfer", env.actor, { data: { closeReason: note ?? "属个人信访事项", closedAt: env.ctx.now() }, note });
  const message = text(
    md`#${number} 属于个人信访事项，已转交信访部门依法办理，信访部门会直接与反映人联系。联络站主要收集和跟进涉及群众共同利益的问题，感谢理解。`,
  );
  tellOutcome(
    env,
    o,
    { ...message, ...(o.submitterPlatformUserId ? { mentions: [o.submitterPlatformUserId] } : {}) },
    md`已将 #${number} 转信访部门，并告知反映人`,
  );
}
