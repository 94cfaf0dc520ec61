// The roster as tables: what each list shows, exports and imports. Imports are all-or-nothing:
// every row is checked first, and any bad row means nothing is written.
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { maskSecretUrl } from "../domain/secrets.ts";
import { deputySlug } from "../domain/slug.ts";
import { LEVEL_LABEL } from "../domain/matter-text.ts";
import type { Cell } from "./sheets.ts";
import { WEEKDAY_NAMES, describeReceptionSchedule, parseReceptionSchedule, receptionScheduleSchema, type ReceptionSchedule } from "../domain/reception.ts";

export const ROSTER_KINDS = ["stations", "deputies", "staff", "units", "groups"] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const IMPORTABLE: RosterKind[] = ["stations", "deputies", "staff", "units"];

export const ROSTER_TITLE: Record<RosterKind, string> = { stations: "联络站", deputies: "代表", staff: "工作人员", units: "承办单位", groups: "群" };

const IDENTITY_COLUMNS = [["企业微信账号", "wecom"], ["钉钉账号", "dingtalk"], ["模拟器账号", "simulator"]] as const;

export const ROSTER_HEADERS: Record<RosterKind, string[]> = {
  stations: ["编号", "名称", "乡镇", "地址", "电话", "接待周期", "接待日", "接待时间", "接待地点", "节假日"],
  deputies: ["编号", "姓名", "层级", "联络站", "职务", "电话", "公开电话", "简介", "接待", ...IDENTITY_COLUMNS.map((c) => c[0])],
  staff: ["编号", "姓名", "角色", "联络站", "职务", "电话", ...IDENTITY_COLUMNS.map((c) => c[0])],
  units: ["编号", "名称", "联系人", "电话", "启用"],
  groups: ["编号", "平台", "群名称", "片区", "联络站", "推送地址", "绑定时间"],
};
const REQUIRED: Record<RosterKind, string[]> = { stations: ["名称"], deputies: ["姓名", "层级"], staff: ["姓名", "角色"], units: ["名称"], groups: [] };

/** Template header: required columns end with *. */
export const templateHeaders = (kind: RosterKind) => ROSTER_HEADERS[kind].map((h) => (REQUIRED[kind].includes(h) ? `${h}*` : h));

export const TEMPLATE_EXAMPLE: Record<RosterKind, Cell[]> = {
  stations: ["", "城关镇代表联络站", "城关镇", "城关镇人民路1号", "0371-1234567", "每月", "10", "09:00-11:30", "村委会二楼", "顺延"],
  deputies: ["", "王建国", "县（区）", "城关镇代表联络站", "县人大代表、村党支部书记", "13900000000", "否", "", "每月10日上午", "wangjianguo", "", ""],
  staff: ["", "刘站长", "联络站", "城关镇代表联络站", "站长", "", "liuzhan", "", ""],
  units: ["", "县交通运输局", "李科长", "0371-7654321", "是"],
  groups: [],
};

const splitList = (s: string) => s.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);
const yes = (s: string) => ["是", "yes", "y", "true", "1", "公开"].includes(s.toLowerCase());
const yesNo = (b: boolean) => (b ? "是" : "否");
const fmtTime = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "");

function scheduleCells(raw: unknown): Cell[] {
  const s = parseReceptionSchedule(raw);
  if (!s) return ["", "", "", "", ""];
  return [s.kind === "monthly" ? "每月" : "每周", s.kind === "monthly" ? s.day : WEEKDAY_NAMES[s.weekday], s.time, s.place, s.holidayRule === "keep" ? "照常" : "顺延"];
}

/** The JSON list for the roster page, limited to `scope` stations when given. */
export async function rosterList(tx: Tx, kind: RosterKind, scope: number[] | undefined) {
  const inStations = scope ? { some: { stationId: { in: scope } } } : undefined;
  switch (kind) {
    case "stations": {
      const rows = await tx.station.findMany({ where: scope ? { id: { in: scope } } : {}, orderBy: { id: "asc" }, include: { _count: { select: { deputies: true, groups: true, opinions: true } } } });
      return rows.map((s) => {
        const sched = parseReceptionSchedule(s.receptionSchedule);
        return { ...s, receptionText: sched ? describeReceptionSchedule(sched) : null };
      });
    }
    case "deputies": {
      const rows = await tx.deputy.findMany({ where: inStations ? { stations: inStations } : {}, orderBy: { id: "asc" }, include: { stations: { include: { station: { select: { name: true } } } }, identities: { select: { platform: true, userId: true } } } });
      return rows.map(({ stations, ...d }) => ({ ...d, levelLabel: LEVEL_LABEL[d.level], stationIds: stations.map((s) => s.stationId), stationNames: stations.map((s) => s.station.name) }));
    }
    case "staff": {
      const rows = await tx.staff.findMany({ where: inStations ? { stations: inStations } : {}, orderBy: { id: "asc" }, include: { stations: { include: { station: { select: { name: true } } } }, identities: { select: { platform: true, userId: true } } } });
      return rows.map(({ stations, ...s }) => ({ ...s, stationIds: stations.map((x) => x.stationId), stationNames: stations.map((x) => x.station.name) }));
    }
    case "units":
      return tx.unit.findMany({ orderBy: { id: "asc" } });
    case "groups": {
      const rows = await tx.group.findMany({ where: scope ? { stationId: { in: scope } } : {}, orderBy: { id: "asc" }, include: { station: { select: { name: true } } } });
      // Webhook settings are secrets: shown masked, never in full.
      return rows.map(({ webhookUrl, webhookSecret, station, ...g }) => ({ ...g, stationName: station?.name ?? null, webhook: webhookUrl ? maskSecretUrl(webhookUrl) : null, webhookSigned: !!webhookSecret }));
    }
  }
}

export async function rosterRows(tx: Tx, kind: RosterKind, scope: number[] | undefined): Promise<Cell[][]> {
  const list = (await rosterList(tx, kind, scope)) as any[];
  const ids = (x: { identities: { platform: string; userId: string }[] }) => IDENTITY_COLUMNS.map(([, p]) => x.identities.filter((i) => i.platform === p).map((i) => i.userId).join("、"));
  switch (kind) {
    case "stations": return list.map((s) => [s.id, s.name, s.township, s.address, s.phone, ...scheduleCells(s.receptionSchedule)]);
    case "deputies": return list.map((d) => [d.id, d.name, d.levelLabel, d.stationNames.join("、"), d.duties, d.phone, yesNo(d.phonePublic), d.bio, d.reception, ...ids(d)]);
    case "staff": return list.map((s) => [s.id, s.name, s.role === "ADMIN" ? "管理员" : "联络站", s.stationNames.join("、"), s.title, s.phone, ...ids(s)]);
    case "units": return list.map((u) => [u.id, u.name, u.contact, u.phone, yesNo(u.active)]);
    case "groups": return list.map((g) => [g.id, g.platform, g.name, g.area, g.stationName, g.webhook, fmtTime(g.boundAt)]);
  }
}

export interface RowError {
  row: number;
  errors: string[];
}

type Row = { line: number; get(h: string): string };
type Apply = (tx: Tx) => Promise<"created" | "updated">;

const PHONE = /^[0-9+\-\s()]{5,20}$/;
const LEVELS: Record<string, string> = { 全国: "NATIONAL", 省: "PROVINCE", 市: "CITY", 县: "COUNTY", 区: "COUNTY", "县（区）": "COUNTY", "县(区)": "COUNTY", 乡镇: "TOWNSHIP", 街道: "TOWNSHIP", "乡镇（街道）": "TOWNSHIP", "乡镇(街道)": "TOWNSHIP" };

/**
 * Checks every row (against the database and the other rows), then writes all of them in the caller's
 * transaction, or returns the row errors and writes nothing.
 */
export async function importRoster(tx: Tx, kind: RosterKind, headers: string[], rows: { line: number; cells: string[] }[]): Promise<{ errors: RowError[]; created: number; updated: number }> {
  const missing = REQUIRED[kind].filter((h) => !headers.includes(h));
  if (missing.length) return { errors: [{ row: 1, errors: [`缺少列：${missing.join("、")}（请使用下载的模板）`] }], created: 0, updated: 0 };
  const index = new Map(headers.map((h, i) => [h, i]));
  const stations = await tx.station.findMany({ select: { id: true, name: true } });
  const stationByName = new Map(stations.map((s) => [s.name, s.id]));
  const errors: RowError[] = [];
  const plans: Apply[] = [];
  const seen = new Map<string, number>();
  const claimedIdentities = new Map<string, number>();

  for (const r of rows) {
    const row: Row = { line: r.line, get: (h) => (index.has(h) ? (r.cells[index.get(h)!] ?? "").trim() : "") };
    const problems: string[] = [];
    const need = (h: string) => {
      const v = row.get(h);
      if (!v) problems.push(`「${h}」不能为空`);
      return v;
    };
    const phone = row.get("电话");
    if (phone && !PHONE.test(phone)) problems.push("「电话」格式不正确");
    const idValue = row.get("编号");
    const id = idValue ? Number(idValue) : undefined;
    if (idValue && !(Number.isInteger(id) && id! > 0)) problems.push("「编号」应为正整数（新增时留空）");
    const stationIds = (): number[] =>
      splitList(row.get("联络站")).flatMap((n) => {
        const sid = stationByName.get(n);
        if (!sid) problems.push(`联络站「${n}」不存在`);
        return sid ? [sid] : [];
      });
    const identities = () =>
      IDENTITY_COLUMNS.flatMap(([h, platform]) => splitList(row.get(h)).map((userId) => ({ platform, userId })));
    const once = (key: string, label: string) => {
      if (seen.has(key)) problems.push(`与第 ${seen.get(key)} 行${label}重复`);
      else seen.set(key, r.line);
    };

    if (kind === "stations" || kind === "units") {
      const name = need("名称");
      if (name.length > 100) problems.push("「名称」不超过 100 字");
      if (name) once(`name:${name}`, "名称");
      if (id) {
        const exists = kind === "stations" ? await tx.station.findUnique({ where: { id } }) : await tx.unit.findUnique({ where: { id } });
        if (!exists) problems.push(`编号 ${id} 不存在`);
        const other = kind === "stations" ? await tx.station.findUnique({ where: { name } }) : await tx.unit.findUnique({ where: { name } });
        if (other && other.id !== id) problems.push(`名称「${name}」已被编号 ${other.id} 使用`);
      }
      if (kind === "stations") {
        let schedule: ReceptionSchedule | null | undefined = undefined;
        const cycle = row.get("接待周期");
        if (cycle) {
          const dayText = row.get("接待日").replace(/^周|^星期/, "");
          const named = (WEEKDAY_NAMES as readonly string[]).indexOf(`周${dayText}`);
          const weekday = named > 0 ? named : Number(dayText);
          const candidate = cycle === "每月" ? { kind: "monthly", day: Number(dayText) } : cycle === "每周" ? { kind: "weekly", weekday } : undefined;
          const parsed = receptionScheduleSchema.safeParse({ ...candidate, time: row.get("接待时间"), place: row.get("接待地点"), holidayRule: row.get("节假日") === "照常" ? "keep" : "next-workday", deputyIds: [] });
          if (!candidate) problems.push("「接待周期」应为 每月 或 每周");
          else if (!parsed.success) problems.push(`接待安排有误：${parsed.error.issues.map((i) => `${i.path.join(".") || "接待日"} ${i.message}`).join("；")}`);
          else schedule = parsed.data;
        }
        const data = { name, township: row.get("乡镇") || null, address: row.get("地址") || null, phone: phone || null, ...(schedule ? { receptionSchedule: schedule as Prisma.InputJsonValue } : {}) };
        plans.push(async (t) => {
          if (id) return t.station.update({ where: { id }, data }).then(() => "updated");
          const existing = await t.station.findUnique({ where: { name } });
          if (existing) return t.station.update({ where: { id: existing.id }, data }).then(() => "updated");
          return t.station.create({ data }).then(() => "created");
        });
      } else {
        const data = { name, contact: row.get("联系人") || null, phone: phone || null, active: row.get("启用") ? yes(row.get("启用")) : true };
        plans.push(async (t) => {
          if (id) return t.unit.update({ where: { id }, data }).then(() => "updated");
          const existing = await t.unit.findUnique({ where: { name } });
          if (existing) return t.unit.update({ where: { id: existing.id }, data }).then(() => "updated");
          return t.unit.create({ data }).then(() => "created");
        });
      }
    } else if (kind === "deputies" || kind === "staff") {
      const name = need("姓名");
      if (name.length > 50) problems.push("「姓名」不超过 50 字");
      const sids = stationIds();
      const ids = identities();
      let level: string | undefined;
      let role: "ADMIN" | "STATION" | undefined;
      if (kind === "deputies") {
        const l = need("层级");
        level = LEVELS[l];
        if (l && !level) problems.push(`「层级」应为 全国、省、市、县（区）、乡镇（街道）之一，而不是「${l}」`);
      } else {
        const r2 = need("角色");
        role = r2 === "管理员" ? "ADMIN" : r2 === "联络站" || r2 === "站长" || r2 === "联络员" ? "STATION" : undefined;
        if (r2 && !role) problems.push("「角色」应为 管理员 或 联络站");
        if (role === "STATION" && !sids.length && !problems.some((p) => p.includes("联络站"))) problems.push("联络站工作人员须填写「联络站」");
      }
      if (id) {
        const exists = kind === "deputies" ? await tx.deputy.findUnique({ where: { id } }) : await tx.staff.findUnique({ where: { id } });
        if (!exists) problems.push(`编号 ${id} 不存在`);
      }
      for (const i of ids) {
        const key = `${i.platform}:${i.userId}`;
        if (claimedIdentities.has(key)) problems.push(`账号 ${key} 与第 ${claimedIdentities.get(key)} 行重复`);
        claimedIdentities.set(key, r.line);
        const taken = await tx.identity.findUnique({ where: { platform_userId: i } });
        const owner = kind === "deputies" ? taken?.deputyId : taken?.staffId;
        const otherOwner = kind === "deputies" ? taken?.staffId : taken?.deputyId;
        if (taken && (otherOwner || (owner && owner !== id))) problems.push(`账号 ${key} 已绑定到其他人`);
      }
      if (kind === "deputies") {
        const data = { name, level: level as "COUNTY", duties: row.get("职务") || null, phone: phone || null, phonePublic: yes(row.get("公开电话")), bio: row.get("简介") || null, reception: row.get("接待") || null };
        plans.push(async (t) => {
          const d = id ? await t.deputy.update({ where: { id }, data }) : await t.deputy.create({ data: { ...data, slug: deputySlug() } });
          await t.deputyStation.deleteMany({ where: { deputyId: d.id } });
          if (sids.length) await t.deputyStation.createMany({ data: [...new Set(sids)].map((stationId) => ({ deputyId: d.id, stationId })) });
          for (const i of ids) await t.identity.upsert({ where: { platform_userId: i }, create: { ...i, displayName: name, deputyId: d.id }, update: { deputyId: d.id, displayName: name } });
          return id ? "updated" : "created";
        });
      } else {
        const data = { name, role: role!, title: row.get("职务") || null, phone: phone || null };
        plans.push(async (t) => {
          const s = id ? await t.staff.update({ where: { id }, data }) : await t.staff.create({ data });
          await t.staffStation.deleteMany({ where: { staffId: s.id } });
          if (sids.length) await t.staffStation.createMany({ data: [...new Set(sids)].map((stationId) => ({ staffId: s.id, stationId })) });
          for (const i of ids) await t.identity.upsert({ where: { platform_userId: i }, create: { ...i, displayName: name, staffId: s.id }, update: { staffId: s.id, displayName: name } });
          return id ? "updated" : "created";
        });
      }
    }
    if (problems.length) errors.push({ row: r.line, errors: problems });
  }
  if (!rows.length) errors.push({ row: 2, errors: ["表格中没有数据行"] });
  if (errors.length) return { errors, created: 0, updated: 0 };
  let created = 0;
  let updated = 0;
  for (const apply of plans) ((await apply(tx)) === "created" ? created++ : updated++);
  return { errors: [], created, updated };
}
