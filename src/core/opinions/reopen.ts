import { md, trusted } from "../../domain/rich-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { text } from "../../domain/matter-text.ts";
import { reopenDeadline } from "../../domain/deadlines.ts";
import { isClosed } from "../../domain/lifecycle.ts";
import { localDate } from "../../domain/workdays.ts";
import { shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellGroupOf, type VerbEnv } from "./verb.ts";

/** 重新办理: back to work with a fresh deadline; counts as a re-handling, and a late round stays late. */
export async function reopen(env: VerbEnv, number: number, why: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  const calendar = await env.ctx.calendar(env.tx);
  const due = calendar.addWorkingDays(env.ctx.today(), env.ctx.config.DEFAULT_DEADLINE_DAYS);
  const endedOn = isClosed(o.status) && o.closedAt ? localDate(o.closedAt, env.ctx.config.BOT_TIMEZONE) : env.ctx.today();
  await transition(env.tx, o, "reopen", env.actor, {
    data: { reopenCount: { increment: 1 }, closedAt: null, closeReason: null },
    deadline: reopenDeadline(clockOf(o), { endedOn, due, calendar }),
    note: why,
    eventData: { dueDate: due },
  });
  env.reply(text(md`已将 #${number} 转为重新办理，新时限 ${trusted(shortDate(due))}。`));
  tellGroupOf(env, o.group, text(md`#${number} 已重新办理，联络站将继续跟进。说明：${UserText.masked(why)}`));
}
