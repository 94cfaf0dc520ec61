import { md, trusted } from "../../domain/rich-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { text } from "../../domain/matter-text.ts";
import { extensionDeadline, overdueDays } from "../../domain/deadlines.ts";
import { shortDate } from "../dates.ts";
import { clockOf } from "../deadlines.ts";
import { transition } from "./transition.ts";
import { opinionToHandle } from "./load.ts";
import { tellGroupOf, type VerbEnv } from "./verb.ts";

/**
 * 延期 recorded by staff (the console): before expiry the deadline in force moves, counted from itself;
 * after expiry it stays and the matter stays overdue, the days only give a new working target.
 */
export async function extend(env: VerbEnv, number: number, days: number, why: string): Promise<void> {
  const o = await opinionToHandle(env, number);
  const calendar = await env.ctx.calendar(env.tx);
  const today = env.ctx.today();
  const clock = clockOf(o);
  const change = extensionDeadline(clock, { requestedOn: today, today, days, calendar });
  await transition(env.tx, o, "extend", env.actor, {
    deadline: change,
    note: why,
    eventData: { from: clock.due, dueDate: change.due, targetDate: change.target, days, kind: change.kind },
  });
  if (change.kind === "lateExtension") {
    const late = overdueDays(clock, today, calendar);
    env.reply(
      text(
        md`#${number} 的办理时限 ${trusted(shortDate(clock.due!))} 已过（已超期 ${late} 个工作日），延期只登记新的办理目标 ${trusted(shortDate(change.target!))}（${days}个工作日），仍计为超期。`,
      ),
    );
    tellGroupOf(env, o.group, text(md`#${number} 新的办理目标 ${trusted(shortDate(change.target!))}。原因：${UserText.masked(why)}`));
    return;
  }
  env.reply(text(md`已将 #${number} 的办理时限延长至 ${trusted(shortDate(change.due!))}（${days}个工作日）。`));
  tellGroupOf(env, o.group, text(md`#${number} 办理时限延长至 ${trusted(shortDate(change.due!))}。原因：${UserText.masked(why)}`));
}
