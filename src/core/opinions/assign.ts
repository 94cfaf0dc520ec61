import { AppError } from "../../errors.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { dispatchDeadline, isExpired, overdueDays, workingDate } from "../../domain/deadlines.ts";
import { shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { dispatchToUnit } from "../units/dispatch.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { inGroupOf, tellGroupOf, type VerbEnv } from "./verb.ts";

/**
 * 转办: to a unit (by exact or partial name) with a deadline; a deputy assigning an unclaimed matter takes it.
 * Only the first dispatch before expiry sets the deadline in force (domain/deadlines.ts); the unit is told at once.
 */
export async function assign(env: VerbEnv, number: number, unitName: string, days?: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const unit =
    (await env.tx.unit.findFirst({ where: { active: true, name: unitName } })) ??
    (await env.tx.unit.findFirst({ where: { active: true, name: { contains: unitName } }, orderBy: { name: "asc" } }));
  if (!unit) {
    const known = await env.tx.unit.findMany({ where: { active: true }, select: { name: true }, take: 8, orderBy: { id: "asc" } });
    throw new AppError("unknown_unit", {
      userMessage: `没有找到承办单位「${unitName}」。${known.length ? `已登记的有：${known.map((u) => u.name).join("、")}` : "请先在管理端登记承办单位。"}`,
    });
  }
  if (days !== undefined && (days < 1 || days > 180)) throw new AppError("bad_days", { userMessage: "办理时限应为 1–180 个工作日。" });
  const calendar = await env.ctx.calendar(env.tx);
  const today = env.ctx.today();
  const clock = clockOf(o);
  const requested = days
    ? calendar.addWorkingDays(today, days)
    : clock.due === null
      ? calendar.addWorkingDays(today, env.ctx.config.DEFAULT_DEADLINE_DAYS)
      : undefined;
  const change = dispatchDeadline(clock, { today, requested, redispatch: o.assignedAt !== null });
  const due = workingDate(change)!;
  await transition(env.tx, o, "assign", env.actor, {
    data: { unitId: unit.id, assignedAt: env.ctx.now(), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    deadline: change,
    eventData: { unit: unit.name, dueDate: change.due, targetDate: change.target, days: days ?? null, kind: change.kind },
  });
  const reached = await dispatchToUnit(env, o, unit, due);
  const handed = md`已将 #${number} 转交「${named(unit.name)}」办理`;
  const limit = isExpired(clock, today)
    ? md`。原办理时限 ${trusted(shortDate(clock.due!))} 已过（已超期 ${overdueDays(clock, today, calendar)} 个工作日，仍计超期）${change.target ? md`，新的办理目标 ${trusted(shortDate(change.target))}` : md``}。`
    : change.kind === "redispatch"
      ? md`，办理时限仍为 ${trusted(shortDate(due))}（重新转办不重新计时）。`
      : md`，办理时限 ${trusted(shortDate(due))}${days ? md`（${days}个工作日）` : md``}。`;
  const unreached = reached ? md`` : md`\n「${named(unit.name)}」还没有绑定联系人或工作群，交办通知未能送达：请电话联系该单位，并在管理端为其绑定联系人。`;
  env.reply(text(md`${handed}${limit}${unreached}`));
  if (!inGroupOf(env, o.group)) tellGroupOf(env, o.group, text(md`#${number} 已转交「${named(unit.name)}」办理，时限 ${trusted(shortDate(due))}。`));
}
