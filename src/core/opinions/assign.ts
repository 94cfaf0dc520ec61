import { AppError } from "../../errors.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { dateFromDb, dateToDb, shortDate } from "../dates.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { inGroupOf, tellGroupOf, type VerbEnv } from "./verb.ts";

/** 转办: to a unit (by exact or partial name) with a deadline; a deputy assigning an unclaimed matter takes it. */
export async function assign(env: VerbEnv, number: number, unitName: string, days?: number): Promise<void> {
  const o = await opinionToHandle(env, number);
  const unit =
    (await env.tx.unit.findFirst({ where: { active: true, name: unitName } })) ??
    (await env.tx.unit.findFirst({ where: { active: true, name: { contains: unitName } }, orderBy: { name: "asc" } }));
  if (!unit) {
    const known = await env.tx.unit.findMany({ where: { active: true }, select: { name: true }, take: 8, orderBy: { id: "asc" } });
    throw new AppError("unknown_unit", { userMessage: `没有找到承办单位「${unitName}」。${known.length ? `已登记的有：${known.map((u) => u.name).join("、")}` : "请先在管理端登记承办单位。"}` });
  }
  if (days !== undefined && (days < 1 || days > 180)) throw new AppError("bad_days", { userMessage: "办理时限应为 1–180 个工作日。" });
  const calendar = await env.ctx.calendar(env.tx);
  const due = days ? calendar.addWorkingDays(env.ctx.today(), days) : o.dueDate ? dateFromDb(o.dueDate) : calendar.addWorkingDays(env.ctx.today(), env.ctx.config.DEFAULT_DEADLINE_DAYS);
  await transition(env.tx, o, "assign", env.actor, {
    data: { unitId: unit.id, assignedAt: env.ctx.now(), dueDate: dateToDb(due), ...(env.actor.deputy && !o.deputyId ? { deputyId: env.actor.deputy.id } : {}) },
    eventData: { unit: unit.name, dueDate: due, days: days ?? null },
  });
  env.reply(text(md`已将 #${number} 转交「${named(unit.name)}」办理，办理时限 ${trusted(shortDate(due))}${days ? md`（${days}个工作日）` : md``}。`));
  if (!inGroupOf(env, o.group)) tellGroupOf(env, o.group, text(md`#${number} 已转交「${named(unit.name)}」办理，时限 ${trusted(shortDate(due))}。`));
}
