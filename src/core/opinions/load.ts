// Loading a matter for a verb: who may see or handle which station's matters.
import { forbidden, notFound } from "../../errors.ts";
import { isOfficial, mayHandle, mayReach, type Actor } from "../actors.ts";
import type { Tx } from "../../db/client.ts";

type Acting = { tx: Tx; actor: Actor };

/** The matter with what the verbs show of it, or null (also outside the simulator's sandbox, see mayReach). */
export async function loadOpinion(env: Acting, number: number) {
  const opinion = await env.tx.opinion.findUnique({
    where: { number },
    include: { group: true, unit: true, deputy: true, station: { select: { name: true } }, mergedInto: { select: { number: true } } },
  });
  return opinion && mayReach(env.actor, opinion) ? opinion : null;
}

export async function findOpinion(env: Acting, number: number) {
  const opinion = await loadOpinion(env, number);
  if (!opinion) throw notFound(number);
  return opinion;
}

export type LoadedOpinion = Awaited<ReturnType<typeof findOpinion>>;

/** Loads a matter for a handling verb: deputies and staff only, and only their stations' matters. */
export async function opinionToHandle(env: Acting, number: number): Promise<LoadedOpinion> {
  if (!isOfficial(env.actor)) {
    throw forbidden("这条命令仅限人大代表和联络站工作人员使用。群众请用「意见 内容」反映问题，「查询 编号」查看进度。");
  }
  const opinion = await findOpinion(env, number);
  if (!mayHandle(env.actor, opinion)) {
    throw forbidden(`#${number} 属于其他联络站，您无权办理，请联系该站工作人员。`);
  }
  return opinion;
}

export function requireStaff(env: { actor: Actor }): void {
  if (env.actor.role !== "staff" && env.actor.role !== "admin") {
    throw forbidden("这条命令仅限联络站工作人员使用。");
  }
}
