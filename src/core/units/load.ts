// Loading a matter for a unit's verb: the unit it is dispatched to acts itself, station staff may act
// on its behalf (recorded as such), and for some verbs the matter's deputy too.
import { AppError, forbidden } from "../../errors.ts";
import { isOfficial, isStaff, mayHandle } from "../actors.ts";
import { findOpinion } from "../opinions/load.ts";
import type { VerbEnv } from "../opinions/verb.ts";

export async function matterForUnit(env: VerbEnv, number: number, opts: { deputyToo?: boolean } = {}) {
  const o = await findOpinion(env, number);
  const asUnit = !!env.actor.unit && o.unitId === env.actor.unit.id;
  const handler = mayHandle(env.actor, o) && (isStaff(env.actor) || (!!opts.deputyToo && isOfficial(env.actor)));
  if (!asUnit && !handler) throw forbidden(`#${number} 没有交办给您的单位，您无权办理。`);
  const dispatch = o.unitId
    ? await env.tx.dispatch.findFirst({ where: { opinionId: o.id, unitId: o.unitId, returnedAt: null }, orderBy: { id: "desc" } })
    : null;
  if (!o.unit || !dispatch) throw new AppError("not_dispatched", { userMessage: `#${number} 目前没有交办给承办单位。`, status: 409 });
  /** What the event records about the unit: its name, and whether someone acted for it. */
  const onRecord = { unit: o.unit.name, onBehalf: !asUnit && isStaff(env.actor) };
  return { o, unit: o.unit, dispatch, onRecord };
}
