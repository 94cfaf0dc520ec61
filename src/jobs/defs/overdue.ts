// 督办 on every working day: overdue matters to their supervising deputy and the station staff,
// long-overdue ones escalated to the administrators, and a last-day-but-one reminder to the deputy.
// Each recipient is claimed once per day, so no matter is chased twice in a day.
import type { OutboundMessage } from "../../channels/types.ts";
import type { OutboxItem } from "../../outbox/enqueue.ts";
import { named, quotedMatter } from "../../domain/matter-text.ts";
import type { MatterScope, Shown } from "../../domain/visibility.ts";
import { groupTarget, policyOf, SCOPE_SELECT, seenBy } from "../../core/visibility.ts";
import { join, lines, md, trusted, type Rich } from "../../domain/rich-text.ts";
import { dateFromDb, dateToDb, shortDate } from "../../core/dates.ts";
import type { Job, Target } from "../types.ts";
import { ACTIVE_STATUSES } from "../../domain/lifecycle.ts";
import { groupsFor } from "../../core/groups.ts";
import { withoutTags } from "../../core/summaries/format.ts";
import { groupPost, postTo } from "./common.ts";

export interface Matter extends MatterScope {
  number: number;
  text: string;
  category: string;
  dueDate: string;
  stationName: string | null;
  unitName: string | null;
  deputyName: string | null;
  /** Working days past the deadline (0: not overdue yet). */
  overdueDays: number;
}

/** One matter as its reader may see it: in full in the deputy's own direct chat (as with 查询), masked or by number in groups. */
const line = (m: Matter, shown: Shown, withDeputy = false): Rich =>
  md`- #${m.number} ${named(m.category)}${quotedMatter(shown, withoutTags(m.text), 30)}承办：${m.unitName ? named(m.unitName) : md`未转办`}${withDeputy && m.deputyName ? md`，督办代表：${named(m.deputyName)}` : md``}，${
    m.overdueDays ? md`已超期 ${m.overdueDays} 个工作日` : md`明天到期`
  }（时限 ${trusted(shortDate(m.dueDate))}）`;

/** A phone screen's worth of lines; the rest are counted (the full list is in the ledger). */
const MAX_LINES = 30;
function capped(matters: Matter[], render: (m: Matter) => Rich): Rich {
  const shown = matters.slice(0, MAX_LINES).map(render);
  if (matters.length > MAX_LINES) shown.push(md`- 另有 ${matters.length - MAX_LINES} 件，详见管理端台账`);
  return join(shown, "\n");
}

/** The supervising deputy's direct chat: every matter listed is one they handle. */
export function deputyReminder(name: string, overdue: Matter[], dueSoon: Matter[]): OutboundMessage {
  const body = lines(
    md`**【督办提醒】${named(name)}代表**`,
    overdue.length > 0 && md`您跟进的以下 ${overdue.length} 件事项已超过办理时限：\n${capped(overdue, (m) => line(m, "full"))}`,
    dueSoon.length > 0 && md`以下 ${dueSoon.length} 件事项还剩 1 个工作日到期：\n${capped(dueSoon, (m) => line(m, "full"))}`,
    md`请督促承办单位尽快办理，并及时「答复」或「办结」。`,
  );
  return { title: md`督办提醒`, card: "reminder", body };
}

/** 【督办】 for a station's staff group: masked, 代表码 and staff-registered matters by number only. */
export function stationOverdue(all: Matter[], see: (m: Matter) => Shown): OutboundMessage {
  const list = all.filter((m) => see(m) !== "nothing");
  const body = lines(
    md`**【督办】${named(all[0]!.stationName)} 超期事项 ${list.length} 件**`,
    capped(list, (m) => line(m, see(m), true)),
    md`请联系承办单位催办，并提醒督办代表跟进。`,
  );
  return { title: md`督办`, card: "reminder", body };
}

export function overdueJob(schedule: string, escalateAfter: number): Job {
  return {
    name: "overdue",
    title: "督办提醒（每个工作日）",
    schedule,
    catchUpDays: 0,
    period: (dueDate) => dueDate,
    async plan(ctx, run) {
      const calendar = await ctx.core.calendar();
      const policy = policyOf(ctx.config);
      const today = run.dueDate;
      if (!calendar.isWorkday(today)) {
        ctx.logger.info({ date: today }, "督办：今天不是工作日，不发送");
        return [];
      }
      const tomorrow = calendar.addWorkingDays(today, 1);
      const rows = await ctx.db.opinion.findMany({
        where: { status: { in: ACTIVE_STATUSES }, dueDate: { lte: dateToDb(tomorrow) } },
        select: {
          ...SCOPE_SELECT,
          number: true,
          text: true,
          dueDate: true,
          station: { select: { name: true } },
          unit: { select: { name: true } },
          deputy: { select: { name: true } },
        },
        orderBy: [{ dueDate: "asc" }, { number: "asc" }],
      });
      const matters: Matter[] = rows.map((o) => {
        const due = dateFromDb(o.dueDate!);
        return {
          number: o.number,
          text: o.text,
          category: o.category,
          dueDate: due,
          stationId: o.stationId,
          stationName: o.station?.name ?? null,
          unitName: o.unit?.name ?? null,
          deputyId: o.deputyId,
          deputyName: o.deputy?.name ?? null,
          channel: o.channel,
          publicHidden: o.publicHidden,
          groupId: o.groupId,
          citizenId: o.citizenId,
          overdueDays: due < today ? calendar.workingDaysBetween(due, today) : 0,
        };
      });
      // Only the next working day counts as "1 working day left"; a deadline of today is not yet overdue.
      const overdue = matters.filter((m) => m.overdueDays > 0);
      const dueSoon = matters.filter((m) => m.dueDate === tomorrow);
      const targets: Target[] = [];

      const byDeputy = new Map<number, Matter[]>();
      for (const m of [...overdue, ...dueSoon]) if (m.deputyId) byDeputy.set(m.deputyId, [...(byDeputy.get(m.deputyId) ?? []), m]);
      // A run for one group (staff command, admin API) posts to that group only.
      const toDeputies = run.groupId === undefined ? byDeputy : new Map<number, Matter[]>();
      const identities = toDeputies.size ? await ctx.db.identity.findMany({ where: { deputyId: { in: [...toDeputies.keys()] } }, orderBy: { id: "asc" } }) : [];
      for (const [deputyId, list] of toDeputies) {
        const identity = identities.find((i) => i.deputyId === deputyId);
        if (!identity) {
          ctx.logger.info({ deputyId }, "督办：代表没有平台账号，只通知联络站");
          continue;
        }
        targets.push({
          key: `overdue:${run.period}:deputy-${deputyId}`,
          label: `deputy ${deputyId}`,
          build: () => [
            {
              platform: identity.platform,
              chatId: identity.userId,
              chatType: "direct",
              kind: "post",
              message: deputyReminder(
                list[0].deputyName!,
                list.filter((m) => m.overdueDays),
                list.filter((m) => !m.overdueDays),
              ),
            } satisfies OutboxItem,
          ],
        });
      }

      const byStation = new Map<number, Matter[]>();
      for (const m of overdue) if (m.stationId) byStation.set(m.stationId, [...(byStation.get(m.stationId) ?? []), m]);
      const staffGroups = byStation.size ? await groupsFor(ctx.db, "station-staff", { groupId: run.groupId }) : [];
      for (const [stationId, list] of byStation) {
        for (const g of staffGroups.filter((g) => g.stationId === stationId)) {
          targets.push(groupPost("overdue", run.period, g, () => stationOverdue(list, seenBy(groupTarget({ ...g, purpose: "station-staff" }), policy))));
        }
      }

      const escalated = overdue.filter((m) => m.overdueDays > escalateAfter);
      if (escalated.length) {
        for (const g of await groupsFor(ctx.db, "admin", { groupId: run.groupId })) {
          const see = seenBy(groupTarget({ ...g, purpose: "admin" }), policy);
          const shown = escalated.filter((m) => see(m) !== "nothing");
          targets.push(
            groupPost("overdue", run.period, g, () => ({
              title: md`督办升级`,
              card: "reminder",
              body: lines(
                md`**【督办升级】超期超过 ${escalateAfter} 个工作日的事项 ${shown.length} 件**`,
                capped(shown, (m) => md`${line(m, see(m), true)}（${m.stationName ? named(m.stationName) : md`未绑定联络站`}）`),
                md`请人大常委会督促有关单位限期办理。`,
              ),
            })),
          );
        }
      }
      return targets;
    },
  };
}
