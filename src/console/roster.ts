// The roster as tables: what each list shows and exports, and the columns an import reads
// (the import itself: roster-import.ts).
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { maskSecretUrl } from "../domain/secrets.ts";
import { deputySlug } from "../domain/slug.ts";
import { LEVEL_LABEL } from "../domain/matter-text.ts";
import type { Cell } from "./sheets.ts";
import { WEEKDAY_NAMES, describeReceptionSchedule, parseReceptionSchedule, receptionScheduleSchema, type ReceptionSchedule } from "../domain/reception.ts";

export const ROSTER_KINDS = ["stations", "deputies", "staff", "units", "groups"] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export type ImportableKind = Exclude<RosterKind, "groups">;
export const IMPORTABLE: RosterKind[] = ["stations", "deputies", "staff", "units"];

export const ROSTER_TITLE: Record<RosterKind, string> = { stations: "联络站", deputies: "代表", staff: "工作人员", units: "承办单位", groups: "群" };

export const IDENTITY_COLUMNS = [
  ["企业微信账号", "wecom"],
  ["钉钉账号", "dingtalk"],
  ["模拟器账号", "simulator"],
] as const;

export const ROSTER_HEADERS: Record<RosterKind, string[]> = {
  stations: ["编号", "名称", "乡镇", "地址", "电话", "接待周期", "接待日", "接待时间", "接待地点", "节假日"],
  deputies: ["编号", "姓名", "层级", "联络站", "职务", "电话", "公开电话", "简介", "接待", ...IDENTITY_COLUMNS.map((c) => c[0])],
  staff: ["编号", "姓名", "角色", "联络站", "职务", "电话", ...IDENTITY_COLUMNS.map((c) => c[0])],
  units: ["编号", "名称", "联系人", "电话", "启用"],
  groups: ["编号", "平台", "群名称", "片区", "联络站", "推送地址", "绑定时间"],
};
export const REQUIRED: Record<RosterKind, string[]> = { stations: ["名称"], deputies: ["姓名", "层级"], staff: ["姓名", "角色"], units: ["名称"], groups: [] };

/** Template header: required columns end with *. */
export const templateHeaders = (kind: RosterKind) => ROSTER_HEADERS[kind].map((h) => (REQUIRED[kind].includes(h) ? `${h}*` : h));

export const TEMPLATE_EXAMPLE: Record<RosterKind, Cell[]> = {
  stations: ["", "城关镇代表联络站", "城关镇", "城关镇人民路1号", "0371-1234567", "每月", "10", "09:00-11:30", "村委会二楼", "顺延"],
  deputies: ["", "王建国", "县（区）", "城关镇代表联络站", "县人大代表、村党支部书记", "13900000000", "否", "", "每月10日上午", "wangjianguo", "", ""],
  staff: ["", "刘站长", "联络站", "城关镇代表联络站", "站长", "", "liuzhan", "", ""],
  units: ["", "县交通运输局", "李科长", "0371-7654321", "是"],
  groups: [],
};

const splitList = (s: string) =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (s: string) => ["是", "yes", "y", "true", "1", "公开"].includes(s.toLowerCase());
const yesNo = (b: boolean) => (b ? "是" : "否");
const fmtTime = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "");

function scheduleCells(raw: unknown): Cell[] {
  const s = parseReceptionSchedule(raw);
  if (!s) return ["", "", "", "", ""];
  return [
    s.kind === "monthly" ? "每月" : "每周",
    s.kind === "monthly" ? s.day : WEEKDAY_NAMES[s.weekday],
    s.time,
    s.place,
    s.holidayRule === "keep" ? "照常" : "顺延",
  ];
}

/** The JSON list for the roster page, limited to `scope` stations when given. */
export async function rosterList(tx: Tx, kind: RosterKind, scope: number[] | undefined) {
  const inStations = scope ? { some: { stationId: { in: scope } } } : undefined;
  switch (kind) {
    case "stations": {
      const rows = await tx.station.findMany({
        where: scope ? { id: { in: scope } } : {},
        orderBy: { id: "asc" },
        include: { _count: { select: { deputies: true, groups: true, opinions: true } } },
      });
      return rows.map((s) => {
        const sched = parseReceptionSchedule(s.receptionSchedule);
        return { ...s, receptionText: sched ? describeReceptionSchedule(sched) : null };
      });
    }
    case "deputies": {
      const rows = await tx.deputy.findMany({
        where: inStations ? { stations: inStations } : {},
        orderBy: { id: "asc" },
        include: { stations: { include: { station: { select: { name: true } } } }, identities: { select: { platform: true, userId: true } } },
      });
      return rows.map(({ stations, ...d }) => ({
        ...d,
        levelLabel: LEVEL_LABEL[d.level],
        stationIds: stations.map((s) => s.stationId),
        stationNames: stations.map((s) => s.station.name),
      }));
    }
    case "staff": {
      const rows = await tx.staff.findMany({
        where: inStations ? { stations: inStations } : {},
        orderBy: { id: "asc" },
        include: { stations: { include: { station: { select: { name: true } } } }, identities: { select: { platform: true, userId: true } } },
      });
      return rows.map(({ stations, ...s }) => ({ ...s, stationIds: stations.map((x) => x.stationId), stationNames: stations.map((x) => x.station.name) }));
    }
    case "units":
      return tx.unit.findMany({ orderBy: { id: "asc" } });
    case "groups": {
      const rows = await tx.group.findMany({
        where: scope ? { stationId: { in: scope } } : {},
        orderBy: { id: "asc" },
        include: { station: { select: { name: true } } },
      });
      // Webhook settings are secrets: shown masked, never in full.
      return rows.map(({ webhookUrl, webhookSecret, station, ...g }) => ({
        ...g,
        stationName: station?.name ?? null,
        webhook: webhookUrl ? maskSecretUrl(webhookUrl) : null,
        webhookSigned: !!webhookSecret,
      }));
    }
  }
}

export async function rosterRows(tx: Tx, kind: RosterKind, scope: number[] | undefined): Promise<Cell[][]> {
  const list = (await rosterList(tx, kind, scope)) as any[];
  const ids = (x: { identities: { platform: string; userId: string }[] }) =>
    IDENTITY_COLUMNS.map(([, p]) =>
      x.identities
        .filter((i) => i.platform === p)
        .map((i) => i.userId)
        .join("、"),
    );
  switch (kind) {
    case "stations":
      return list.map((s) => [s.id, s.name, s.township, s.address, s.phone, ...scheduleCells(s.receptionSchedule)]);
    case "deputies":
      return list.map((d) => [d.id, d.name, d.levelLabel, d.stationNames.join("、"), d.duties, d.phone, yesNo(d.phonePublic), d.bio, d.reception, ...ids(d)]);
    case "staff":
      return list.map((s) => [s.id, s.name, s.role === "ADMIN" ? "管理员" : "联络站", s.stationNames.join("、"), s.title, s.phone, ...ids(s)]);
    case "units":
      return list.map((u) => [u.id, u.name, u.contact, u.phone, yesNo(u.active)]);
    case "groups":
      return list.map((g) => [g.id, g.platform, g.name, g.area, g.stationName, g.webhook, fmtTime(g.boundAt)]);
  }
}
