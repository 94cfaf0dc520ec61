import { md, trusted } from "../../domain/rich-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { text } from "../../domain/matter-text.ts";
import { dateFromDb, dateToDb, shortDate } from "../dates.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellGroupOf, type VerbEnv } from "./verb.ts";

/** 延期: a later deadline, counted in working days from the current one, with the reason on record. */
export async function extend(env: VerbEnv, number: number, days: number, why: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  const calendar = await env.ctx.calendar(env.tx);
  const from = o.dueDate ? dateFromDb(o.dueDate) : env.ctx.today();
  const due = calendar.addWorkingDays(from > env.ctx.today() ? from : env.ctx.today(), days);
  await transition(env.tx, o, "extend", env.actor, { data: { dueDate: dateToDb(due) }, note: why, eventData: { from, dueDate: due, days } });
  env.reply(text(md`已将 #${number} 的办理时限延长至 ${trusted(shortDate(due))}（${days}个工作日）。`));
  tellGroupOf(env, o.group, text(md`#${number} 办理时限延长至 ${trusted(shortDate(due))}。原因：${UserText.masked(why)}`));
}
