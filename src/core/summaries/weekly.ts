// 每周汇总 for each bound village group: what was raised, done and late last week, read on a phone.
import { join, md, trusted, type Piece } from "../../domain/rich-text.ts";
import type { Tx } from "../../db/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { matterText, named } from "../../domain/matter-text.ts";
import type { Shown } from "../../domain/visibility.ts";
import { RESULT_LABEL } from "../../domain/lifecycle.ts";
import { localDate, type WorkCalendar } from "../../domain/workdays.ts";
import { nextReceptionDay, parseReceptionSchedule } from "../../domain/reception.ts";
import { groupsFor, type GroupTarget } from "../groups.ts";
import { stationDeputies } from "../stations.ts";
import { categories, closedMatters, emptyFigures, figures, satisfactionRate, type ClosedLine, type Figures } from "./stats.ts";
import { classes, mdw, percent } from "./format.ts";
import { lastWeek } from "./ranges.ts";

const CLOSED_LINES = 5;

export interface GroupWeek {
  group: GroupTarget;
  figures: Figures;
  categories: { category: string; count: number }[];
  closed: ClosedLine[];
  deputies: string[];
  nextReception?: string;
}

/** Computes every (or one) bound village group's week with a handful of aggregate queries. */
export async function weeklyFigures(
  db: Tx,
  opts: { dueDate: string; now: Date; tz: string; calendar: WorkCalendar; groupId?: number },
): Promise<{ label: string; weeks: GroupWeek[] }> {
  const range = lastWeek(opts.dueDate, localDate(opts.now, opts.tz), opts.tz);
  const groups = await groupsFor(db, "village", { groupId: opts.groupId });
  if (!groups.length) return { label: range.label, weeks: [] };
  const [figs, cats, closed, deputies, stations] = await Promise.all([
    figures(db, "group", range, opts.groupId),
    categories(db, "group", range, opts.groupId),
    closedMatters(db, "group", range, CLOSED_LINES, opts.groupId),
    stationDeputies(db, opts.groupId !== undefined ? groups.map((g) => g.stationId!) : undefined),
    db.station.findMany({ where: { id: { in: [...new Set(groups.map((g) => g.stationId!))] } }, select: { id: true, receptionSchedule: true } }),
  ]);
  const schedules = new Map(stations.map((s) => [s.id, parseReceptionSchedule(s.receptionSchedule)]));
  const receptionOf = new Map<number, string | undefined>();
  for (const [id, s] of schedules) {
    const day = s ? nextReceptionDay(s, opts.now, opts.tz, opts.calendar) : null;
    receptionOf.set(id, s && day ? `${mdw(day.toISOString().slice(0, 10))} ${s.time}，${s.place}` : undefined);
  }
  return {
    label: range.label,
    weeks: groups.map((g) => ({
      group: g,
      figures: figs.get(g.id) ?? emptyFigures(g.id),
      categories: cats.get(g.id) ?? [],
      closed: closed.get(g.id) ?? [],
      deputies: (deputies.get(g.stationId!) ?? []).map((d) => d.name),
      nextReception: receptionOf.get(g.stationId!),
    })),
  };
}

const isQuiet = (f: Figures) => !f.raised && !f.handling && !f.replied && !f.closed && !(f.satisfied + f.basically + f.dissatisfied);

/** The post, or undefined when the week was empty and empty posts are off. */
export function renderWeekly(w: GroupWeek, label: string, emptyPost: boolean, see: (m: ClosedLine) => Shown): OutboundMessage | undefined {
  const f = w.figures;
  // The group's name comes from the platform, where any member may rename it: people's text.
  const name = w.group.name ? named(w.group.name) : md`本群`;
  const period = trusted(label);
  const footer: Piece[] = [
    ...(w.deputies.length ? [md`本群代表：${join(w.deputies.map(named), "、")}`] : []),
    ...(w.nextReception ? [md`下次接待日：${named(w.nextReception)}`] : []),
    md`反映问题：@我 发送「意见 + 具体内容」，发送「查询 编号」看进度。`,
  ];
  if (isQuiet(f)) {
    if (!emptyPost) return undefined;
    return {
      title: md`每周汇总（${period}）`,
      card: "summary",
      body: join([md`**【每周汇总】${period}**`, md`本周无新增意见建议，也没有在办事项。`, ...footer], "\n"),
    };
  }
  const rated = f.satisfied + f.basically + f.dissatisfied;
  const lines: Piece[] = [
    md`**【每周汇总】${name} ${period}**`,
    md`新增意见 ${f.raised} 件${
      w.categories.length
        ? md`：${join(
            w.categories.map((c) => md`${named(c.category)} ${c.count}`),
            "、",
          )}`
        : md``
    }`,
    md`办理中 ${f.handling} 件（超期 ${f.overdue} 件）`,
    md`上周答复 ${f.replied} 件，办结 ${f.closed} 件${f.closed ? md`（${trusted(classes(f))}）` : md``}`,
  ];
  if (rated)
    lines.push(
      md`群众评价 ${rated} 件：满意 ${f.satisfied}、基本满意 ${f.basically}、不满意 ${f.dissatisfied}，满意率 ${trusted(percent(satisfactionRate(f)))}`,
    );
  // Only the group's own matters are listed; the rule still decides how (a result may quote the text).
  const listed = w.closed.filter((c) => see(c) !== "nothing");
  if (listed.length) {
    lines.push(md`上周办结：`);
    for (const c of listed) {
      const shown = see(c);
      const result = c.resultText ? matterText(shown, c.resultText, 30) : trusted(c.resultClass ? RESULT_LABEL[c.resultClass] : "已办结");
      lines.push(md`- #${c.number} ${named(c.category)}${trusted(c.resultClass ? ` ${c.resultClass}类` : "")}：${result}`);
    }
    const more = listed[0]!.total - listed.length;
    if (more > 0) lines.push(md`- 另有 ${more} 件，发送「查询 编号」查看`);
  }
  lines.push(...footer);
  return { title: md`每周汇总（${period}）`, card: "summary", body: join(lines, "\n") };
}
