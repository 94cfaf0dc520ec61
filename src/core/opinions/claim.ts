import { AppError } from "../../errors.ts";
import { ACTIVE_STATUSES } from "../../domain/lifecycle.ts";
import { md } from "../../domain/rich-text.ts";
import { matterText, named, text } from "../../domain/matter-text.ts";
import { showsText } from "../../domain/visibility.ts";
import { policyOf, shownInChat } from "../visibility.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { inGroupOf, tellGroupOf, type VerbEnv } from "./verb.ts";

/** 认领: a deputy takes up an unclaimed matter; the excerpt only as far as the chat may read it. */
export async function claim(env: VerbEnv, number: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const deputy = env.actor.deputy;
  if (!deputy) throw new AppError("not_deputy", { userMessage: "「认领」由人大代表使用；工作人员可用「转办」交办，或在管理端指定代表。" });
  if (o.deputyId === deputy.id) {
    env.reply(text(md`#${number} 已由您跟进。`));
    return;
  }
  await transition(env.tx, o, "claim", env.actor, {
    where: { deputyId: null },
    data: { deputyId: deputy.id, takenAt: env.ctx.now() },
    refuse: (current) => (ACTIVE_STATUSES.includes(current) ? `#${number} 已被其他代表认领。` : undefined),
  });
  const shown = await shownInChat(env.tx, policyOf(env.ctx.config), env, o);
  env.reply(
    text(
      md`已认领 #${number}（${named(o.category)}）${showsText(shown) ? md`：${matterText(shown, o.text, 30)}` : md``}\n请跟进办理，可用「转办 ${number} 承办单位」交办，办好后「办结 ${number} A 结果」。`,
    ),
  );
  if (!inGroupOf(env, o.group)) tellGroupOf(env, o.group, text(md`#${number} 已由人大代表 ${named(deputy.name)} 认领跟进。`));
}
