// Roster import, all-or-nothing: every row is checked first (against the database as it was, and
// against the rows above it), and any bad row means nothing is written. One parser per kind turns a
// row into its problems and the write it would make; the writes run only when no row has a problem.
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { deputySlug } from "../domain/slug.ts";
import { WEEKDAY_NAMES, receptionScheduleSchema, type ReceptionSchedule } from "../domain/reception.ts";
import { IDENTITY_COLUMNS, REQUIRED, type ImportableKind } from "./roster.ts";

export interface RowError {
  row: number;
  errors: string[];
}

export type Row = { line: number; get(h: string): string };
type Apply = (tx: Tx) => Promise<"created" | "updated">;
type Checked = { problems: string[]; apply: Apply };

/** What rows are checked against, read once per sheet; `names` and `accounts` fill up row by row. */
export interface Sheet {
  stationByName: Map<string, number>;
  /** Ids of the kind's existing rows. */
  existing: Set<number>;
  /** Stations and units by their (unique) name. */
  idByName: Map<string, number>;
  /** Accounts named in the sheet that are already bound: "platform:userId" → owner. */
  bound: Map<string, { deputyId: number | null; staffId: number | null }>;
  names: Map<string, number>;
  accounts: Map<string, number>;
}

const PHONE = /^[0-9+\-\s()]{5,20}$/;
const LEVELS: Record<string, string> = {
  全国: "NATIONAL",
  省: "PROVINCE",
  市: "CITY",
  县: "COUNTY",
  区: "COUNTY",
  "县（区）": "COUNTY",
  "县(区)": "COUNTY",
  乡镇: "TOWNSHIP",
  街道: "TOWNSHIP",
  "乡镇（街道）": "TOWNSHIP",
  "乡镇(街道)": "TOWNSHIP",
};

const splitList = (s: string) =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (s: string) => ["是", "yes", "y", "true", "1", "公开"].includes(s.toLowerCase());
const accountsOf = (row: Row) => IDENTITY_COLUMNS.flatMap(([h, platform]) => splitList(row.get(h)).map((userId) => ({ platform, userId })));

/** The checks every kind shares: problems collect in order, as the row is read. */
function reader(row: Row, sheet: Sheet) {
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
  const mustExist = () => {
    if (id && !sheet.existing.has(id)) problems.push(`编号 ${id} 不存在`);
  };
  return { problems, need, phone, id, mustExist };
}

/** Name checks of stations and units: required, short, once per sheet, not another row's. */
function uniqueName(row: Row, sheet: Sheet, r: ReturnType<typeof reader>): string {
  const name = r.need("名称");
  if (name.length > 100) r.problems.push("「名称」不超过 100 字");
  if (name) {
    if (sheet.names.has(`name:${name}`)) r.problems.push(`与第 ${sheet.names.get(`name:${name}`)} 行名称重复`);
    else sheet.names.set(`name:${name}`, row.line);
  }
  if (r.id) {
    r.mustExist();
    const other = sheet.idByName.get(name);
    if (other !== undefined && other !== r.id) r.problems.push(`名称「${name}」已被编号 ${other} 使用`);
  }
  return name;
}

/** Deputy and staff checks: name, stations by name, accounts not bound to someone else. */
function person(row: Row, sheet: Sheet, r: ReturnType<typeof reader>, owner: "deputyId" | "staffId") {
  const name = r.need("姓名");
  if (name.length > 50) r.problems.push("「姓名」不超过 50 字");
  const stationIds = splitList(row.get("联络站")).flatMap((n) => {
    const sid = sheet.stationByName.get(n);
    if (!sid) r.problems.push(`联络站「${n}」不存在`);
    return sid ? [sid] : [];
  });
  const accounts = accountsOf(row);
  const checkAccounts = () => {
    for (const i of accounts) {
      const key = `${i.platform}:${i.userId}`;
      if (sheet.accounts.has(key)) r.problems.push(`账号 ${key} 与第 ${sheet.accounts.get(key)} 行重复`);
      sheet.accounts.set(key, row.line);
      const taken = sheet.bound.get(key);
      const other = owner === "deputyId" ? taken?.staffId : taken?.deputyId;
      if (taken && (other || (taken[owner] && taken[owner] !== r.id))) r.problems.push(`账号 ${key} 已绑定到其他人`);
    }
  };
  return { name, stationIds, accounts, checkAccounts };
}

export function stationRow(row: Row, sheet: Sheet): Checked {
  const r = reader(row, sheet);
  const name = uniqueName(row, sheet, r);
  let schedule: ReceptionSchedule | null | undefined = undefined;
  const cycle = row.get("接待周期");
  if (cycle) {
    const dayText = row.get("接待日").replace(/^周|^星期/, "");
    const named = (WEEKDAY_NAMES as readonly string[]).indexOf(`周${dayText}`);
    const weekday = named > 0 ? named : Number(dayText);
    const candidate = cycle === "每月" ? { kind: "monthly", day: Number(dayText) } : cycle === "每周" ? { kind: "weekly", weekday } : undefined;
    const parsed = receptionScheduleSchema.safeParse({
      ...candidate,
      time: row.get("接待时间"),
      place: row.get("接待地点"),
      holidayRule: row.get("节假日") === "照常" ? "keep" : "next-workday",
      deputyIds: [],
    });
    if (!candidate) r.problems.push("「接待周期」应为 每月 或 每周");
    else if (!parsed.success) r.problems.push(`接待安排有误：${parsed.error.issues.map((i) => `${i.path.join(".") || "接待日"} ${i.message}`).join("；")}`);
    else schedule = parsed.data;
  }
  const data = {
    name,
    township: row.get("乡镇") || null,
    address: row.get("地址") || null,
    phone: r.phone || null,
    ...(schedule ? { receptionSchedule: schedule as Prisma.InputJsonValue } : {}),
  };
  const { id } = r;
  return {
    problems: r.problems,
    apply: async (t) => {
      if (id) return t.station.update({ where: { id }, data }).then(() => "updated");
      const existing = await t.station.findUnique({ where: { name } });
      if (existing) return t.station.update({ where: { id: existing.id }, data }).then(() => "updated");
      return t.station.create({ data }).then(() => "created");
    },
  };
}

export function unitRow(row: Row, sheet: Sheet): Checked {
  const r = reader(row, sheet);
  const name = uniqueName(row, sheet, r);
  const data = { name, contact: row.get("联系人") || null, phone: r.phone || null, active: row.get("启用") ? yes(row.get("启用")) : true };
  const { id } = r;
  return {
    problems: r.problems,
    apply: async (t) => {
      if (id) return t.unit.update({ where: { id }, data }).then(() => "updated");
      const existing = await t.unit.findUnique({ where: { name } });
      if (existing) return t.unit.update({ where: { id: existing.id }, data }).then(() => "updated");
      return t.unit.create({ data }).then(() => "created");
    },
  };
}

export function deputyRow(row: Row, sheet: Sheet): Checked {
  const r = reader(row, sheet);
  const p = person(row, sheet, r, "deputyId");
  const l = r.need("层级");
  const level = LEVELS[l];
  if (l && !level) r.problems.push(`「层级」应为 全国、省、市、县（区）、乡镇（街道）之一，而不是「${l}」`);
  r.mustExist();
  p.checkAccounts();
  const data = {
    name: p.name,
    level: level as "COUNTY",
    duties: row.get("职务") || null,
    phone: r.phone || null,
    phonePublic: yes(row.get("公开电话")),
    bio: row.get("简介") || null,
    reception: row.get("接待") || null,
  };
  const { id } = r;
  return {
    problems: r.problems,
    apply: async (t) => {
      const d = id ? await t.deputy.update({ where: { id }, data }) : await t.deputy.create({ data: { ...data, slug: deputySlug() } });
      await t.deputyStation.deleteMany({ where: { deputyId: d.id } });
      if (p.stationIds.length) await t.deputyStation.createMany({ data: [...new Set(p.stationIds)].map((stationId) => ({ deputyId: d.id, stationId })) });
      for (const i of p.accounts)
        await t.identity.upsert({
          where: { platform_userId: i },
          create: { ...i, displayName: p.name, deputyId: d.id },
          update: { deputyId: d.id, displayName: p.name },
        });
      return id ? "updated" : "created";
    },
  };
}

export function staffRow(row: Row, sheet: Sheet): Checked {
  const r = reader(row, sheet);
  const p = person(row, sheet, r, "staffId");
  const given = r.need("角色");
  const role: "ADMIN" | "STATION" | undefined =
    given === "管理员" ? "ADMIN" : given === "联络站" || given === "站长" || given === "联络员" ? "STATION" : undefined;
  if (given && !role) r.problems.push("「角色」应为 管理员 或 联络站");
  if (role === "STATION" && !p.stationIds.length && !r.problems.some((x) => x.includes("联络站"))) r.problems.push("联络站工作人员须填写「联络站」");
  r.mustExist();
  p.checkAccounts();
  const data = { name: p.name, role: role!, title: row.get("职务") || null, phone: r.phone || null };
  const { id } = r;
  return {
    problems: r.problems,
    apply: async (t) => {
      const s = id ? await t.staff.update({ where: { id }, data }) : await t.staff.create({ data });
      await t.staffStation.deleteMany({ where: { staffId: s.id } });
      if (p.stationIds.length) await t.staffStation.createMany({ data: [...new Set(p.stationIds)].map((stationId) => ({ staffId: s.id, stationId })) });
      for (const i of p.accounts)
        await t.identity.upsert({
          where: { platform_userId: i },
          create: { ...i, displayName: p.name, staffId: s.id },
          update: { staffId: s.id, displayName: p.name },
        });
      return id ? "updated" : "created";
    },
  };
}

const ROW_PARSERS: Record<ImportableKind, (row: Row, sheet: Sheet) => Checked> = { stations: stationRow, units: unitRow, deputies: deputyRow, staff: staffRow };

/** The database side of the checks, in a handful of queries for the whole sheet. */
async function readSheet(tx: Tx, kind: ImportableKind, rows: Row[]): Promise<Sheet> {
  const stations = await tx.station.findMany({ select: { id: true, name: true } });
  const named: { id: number; name: string }[] =
    kind === "stations" ? stations : kind === "units" ? await tx.unit.findMany({ select: { id: true, name: true } }) : [];
  const existing =
    kind === "deputies" ? await tx.deputy.findMany({ select: { id: true } }) : kind === "staff" ? await tx.staff.findMany({ select: { id: true } }) : named;
  const accounts = kind === "deputies" || kind === "staff" ? rows.flatMap(accountsOf) : [];
  const bound = accounts.length
    ? await tx.identity.findMany({
        where: { userId: { in: [...new Set(accounts.map((i) => i.userId))] } },
        select: { platform: true, userId: true, deputyId: true, staffId: true },
      })
    : [];
  return {
    stationByName: new Map(stations.map((s) => [s.name, s.id])),
    existing: new Set(existing.map((x) => x.id)),
    idByName: new Map(named.map((x) => [x.name, x.id])),
    bound: new Map(bound.map((i) => [`${i.platform}:${i.userId}`, { deputyId: i.deputyId, staffId: i.staffId }])),
    names: new Map(),
    accounts: new Map(),
  };
}

/**
 * Checks every row (against the database and the other rows), then writes all of them in the caller's
 * transaction, or returns the row errors and writes nothing.
 */
export async function importRoster(
  tx: Tx,
  kind: ImportableKind,
  headers: string[],
  rows: { line: number; cells: string[] }[],
): Promise<{ errors: RowError[]; created: number; updated: number }> {
  const missing = REQUIRED[kind].filter((h) => !headers.includes(h));
  if (missing.length) return { errors: [{ row: 1, errors: [`缺少列：${missing.join("、")}（请使用下载的模板）`] }], created: 0, updated: 0 };
  const index = new Map(headers.map((h, i) => [h, i]));
  const read: Row[] = rows.map((r) => ({ line: r.line, get: (h) => (index.has(h) ? (r.cells[index.get(h)!] ?? "").trim() : "") }));
  const errors: RowError[] = [];
  const plans: Apply[] = [];
  const sheet = await readSheet(tx, kind, read);
  for (const row of read) {
    const { problems, apply } = ROW_PARSERS[kind](row, sheet);
    if (problems.length) errors.push({ row: row.line, errors: problems });
    plans.push(apply);
  }
  if (!rows.length) errors.push({ row: 2, errors: ["表格中没有数据行"] });
  if (errors.length) return { errors, created: 0, updated: 0 };
  let created = 0;
  let updated = 0;
  for (const apply of plans) (await apply(tx)) === "created" ? created++ : updated++;
  return { errors: [], created, updated };
}
