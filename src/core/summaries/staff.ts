// 站点周报 and 全县周报 for staff (Monday 09:30): the village figures per station and overall, with the
// on-time rate, the longest-overdue matters and what each deputy handled.
import type { OutboundMessage } from "../../channels/types.ts";
import type { Tx } from "../../db/client.ts";
import { named, quotedMatter } from "../../domain/matter-text.ts";
import type { Shown } from "../../domain/visibility.ts";
import { join, md, trusted, type Piece, type Rich } from "../../domain/rich-text.ts";
import type { WorkCalendar } from "../../domain/workdays.ts";
import {
  deputyActivity,
  emptyFigures,
  figures,
  longestOverdue,
  onTimeRate,
  satisfactionRate,
  type DeputyActivity,
  type Figures,
  type OverdueLine,
} from "./stats.ts";
import { classes, percent, withoutTags } from "./format.ts";
import { lastWeek } from "./ranges.ts";

const OVERDUE_LINES = 3;

export function sumFigures(all: Figures[]): Figures {
  const t = emptyFigures(0);
  for (const f of all) {
    for (const k of ["raised", "handling", "overdue", "replied", "closed", "closedOnTime", "satisfied", "basically", "dissatisfied"] as const) t[k] += f[k];
    for (const c of ["A", "B", "C", "D"] as const) t.byClass[c] += f.byClass[c];
  }
  return t;
}

export function figureLines(f: Figures): string[] {
  const rated = f.satisfied + f.basically + f.dissatisfied;
  return [
    `新增 ${f.raised} 件 · 办理中 ${f.handling} 件（超期 ${f.overdue} 件）`,
    `答复 ${f.replied} 件 · 办结 ${f.closed} 件${f.closed ? `（${classes(f)}）` : ""} · 按时办结率 ${percent(onTimeRate(f))}`,
    `评价 ${rated} 件（满意 ${f.satisfied}、基本满意 ${f.basically}、不满意 ${f.dissatisfied}） · 满意率 ${percent(satisfactionRate(f))}`,
  ];
}

/** What the receiving group may see of a matter (domain/visibility.ts): 代表码 ones by number only. */
export type Seer = (m: OverdueLine) => Shown;

export const overdueLine = (o: OverdueLine, today: string, calendar: WorkCalendar, see: Seer): Rich =>
  md`- #${o.number} ${named(o.category)}${quotedMatter(see(o), withoutTags(o.text), 20)}${o.unitName ? named(o.unitName) : md`未转办`}${o.deputyName ? md`，${named(o.deputyName)}` : md``}，超期 ${calendar.workingDaysBetween(o.dueDate, today)} 个工作日`;

const deputyLine = (list: DeputyActivity[]): Rich =>
  md`代表办理：${join(
    list.map((d) => md`${named(d.name)} 答复 ${d.replied}、办结 ${d.closed}`),
    "；",
  )}`;

export interface StaffWeek {
  label: string;
  /** Overdue is counted up to this local date. */
  today: string;
  calendar: WorkCalendar;
  stations: { id: number; name: string }[];
  figures: Map<number, Figures>;
  overdue: Map<number, OverdueLine[]>;
  deputies: Map<number, DeputyActivity[]>;
}

/** Every station's week (or one station's), in four aggregate queries (the county is their sum). */
export async function staffFigures(db: Tx, opts: { dueDate: string; tz: string; calendar: WorkCalendar; stationId?: number }): Promise<StaffWeek> {
  const range = lastWeek(opts.dueDate, opts.dueDate, opts.tz);
  const { stationId } = opts;
  const [stations, figs, overdue, deputies] = await Promise.all([
    db.station.findMany({ where: stationId === undefined ? {} : { id: stationId }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
    figures(db, "station", range, stationId),
    longestOverdue(db, range, OVERDUE_LINES, stationId),
    deputyActivity(db, range, stationId),
  ]);
  return { label: range.label, today: opts.dueDate, calendar: opts.calendar, stations, figures: figs, overdue, deputies };
}

export function stationSummary(w: StaffWeek, s: { id: number; name: string }, see: Seer): OutboundMessage {
  const lines: Piece[] = [md`**【站点周报】${named(s.name)} ${trusted(w.label)}**`, ...figureLines(w.figures.get(s.id) ?? emptyFigures(s.id)).map(trusted)];
  const late = (w.overdue.get(s.id) ?? []).filter((o) => see(o) !== "nothing");
  if (late.length) lines.push(md`超期最久：`, ...late.map((o) => overdueLine(o, w.today, w.calendar, see)));
  const acts = w.deputies.get(s.id) ?? [];
  if (acts.length) lines.push(deputyLine(acts));
  return { title: md`站点周报 ${named(s.name)}`, card: "summary", body: join(lines, "\n") };
}

export function countySummary(w: StaffWeek, see: Seer): OutboundMessage {
  const lines: Piece[] = [md`**【全县周报】${trusted(w.label)}**`, ...figureLines(sumFigures([...w.figures.values()])).map(trusted), md`各联络站：`];
  for (const s of w.stations) {
    const f = w.figures.get(s.id) ?? emptyFigures(s.id);
    lines.push(
      md`- ${named(s.name)}：新增 ${f.raised}，办理中 ${f.handling}（超期 ${f.overdue}），办结 ${f.closed}，按时 ${trusted(percent(onTimeRate(f)))}，满意率 ${trusted(percent(satisfactionRate(f)))}`,
    );
  }
  const late = [...w.overdue.values()]
    .flat()
    .filter((o) => see(o) !== "nothing")
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number)
    .slice(0, 5);
  if (late.length) lines.push(md`超期最久：`, ...late.map((o) => overdueLine(o, w.today, w.calendar, see)));
  return { title: md`全县周报`, card: "summary", body: join(lines, "\n") };
}
