// 交办: a 转办 reaches the unit at once, in its liaisons' direct chats and its work groups, with what it
// needs to act. A unit with nobody bound is not skipped silently: its Dispatch row records 0 recipients
// (staff and 督办 list those) and whoever dispatched is told to phone it.
import type { OutboundMessage } from "../../channels/types.ts";
import { md, trusted } from "../../domain/rich-text.ts";
import { named, text } from "../../domain/matter-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { dateToDb, shortDate } from "../dates.ts";
import type { VerbEnv } from "../opinions/verb.ts";
import { postAll, unitTargets } from "./recipients.ts";

interface Dispatched {
  id: number;
  number: number;
  category: string;
  text: string;
  station: { name: string } | null;
  deputy: { name: string } | null;
}

/** The notice a unit receives: number, masked text, station, deputy, deadline, 签收 limit and its commands. */
export function dispatchNotice(o: Dispatched, unitName: string, due: string | null, signDue: string): OutboundMessage {
  const n = o.number;
  return text(md`【交办】#${n}（${named(o.category)}）请「${named(unitName)}」办理
内容：${UserText.masked(o.text).excerpt(120)}
联络站：${named(o.station?.name ?? "未指定")}　跟进代表：${named(o.deputy?.name ?? "未指定")}
${due ? md`办理时限：${trusted(shortDate(due))}　` : md``}请于 ${trusted(shortDate(signDue))} 前签收
回复「签收 ${n}」签收；不属于本单位职责的「退回 ${n} 理由」；需要更多时间请在时限前「申请延期 ${n} 天数 理由」；办好后「答复 ${n} 办理结果」。`);
}

/** Records the dispatch and sends its notice; returns how many chats it went to. */
export async function dispatchToUnit(env: VerbEnv, o: Dispatched, unit: { id: number; name: string }, due: string | null): Promise<number> {
  const calendar = await env.ctx.calendar(env.tx);
  const signDue = calendar.addWorkingDays(env.ctx.today(), env.ctx.config.UNIT_SIGN_DAYS);
  const targets = await unitTargets(env.tx, unit.id);
  await env.tx.dispatch.create({
    data: { opinionId: o.id, unitId: unit.id, dispatchedAt: env.ctx.now(), signDueDate: dateToDb(signDue), recipients: targets.length },
  });
  const notice = dispatchNotice(o, unit.name, due, signDue);
  postAll(env, targets, notice);
  return targets.length;
}
