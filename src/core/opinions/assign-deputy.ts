import { AppError } from "../../errors.ts";
import { md } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellGroupOf, type VerbEnv } from "./verb.ts";

/** Staff name the supervising deputy (the console's 认领 on a deputy's behalf). */
export async function assignDeputy(env: VerbEnv, number: number, deputyId: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const deputy = await env.tx.deputy.findUnique({ where: { id: deputyId }, include: { stations: true } });
  if (!deputy || !deputy.active) throw new AppError("unknown_deputy", { userMessage: "没有这位代表", status: 400 });
  if (o.stationId && !deputy.stations.some((s) => s.stationId === o.stationId)) {
    throw new AppError("other_station", { userMessage: `${deputy.name} 不属于 #${number} 所在的联络站。`, status: 400 });
  }
  await transition(env.tx, o, "claim", env.actor, { data: { deputyId, takenAt: env.ctx.now() }, eventData: { deputyId, deputy: deputy.name } });
  env.reply(text(md`已指定人大代表 ${named(deputy.name)} 跟进 #${number}。`));
  tellGroupOf(env, o.group, text(md`#${number} 已由人大代表 ${named(deputy.name)} 跟进。`));
}
