// Roster lists, Excel/CSV template, export and all-or-nothing import.
import express, { Router, type Response } from "express";
import { z } from "zod";
import { rowId } from "../params.ts";
import type { CoreContext } from "../../core/context.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../validate.ts";
import {
  IMPORTABLE,
  ROSTER_HEADERS,
  ROSTER_KINDS,
  ROSTER_TITLE,
  TEMPLATE_EXAMPLE,
  rosterList,
  rosterRows,
  templateHeaders,
  type ImportableKind,
  type RosterKind,
} from "../../console/roster.ts";
import { importRoster, type RowError } from "../../console/roster-import.ts";
import { XLSX_TYPE, readTable, toCsv, toXlsx } from "../../console/sheets.ts";
import { audit } from "../../console/audit.ts";
import { principalOf, requireAdmin, requireStation, stationScope } from "../auth/principal.ts";

const kindParam = z.object({ kind: z.enum(ROSTER_KINDS) });
export const groupUpdate = z.object({ stationId: z.number().int().positive().optional(), area: z.string().trim().max(50).optional() });

export function sendFile(res: Response, body: Buffer, filename: string, type: string) {
  res.setHeader("content-type", type);
  res.setHeader("content-disposition", `attachment; filename="export.${filename.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.send(body);
}

class ImportRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super("import rejected");
  }
}

export function rosterRoutes(ctx: CoreContext): Router {
  const r = Router();
  const { db } = ctx;

  r.get("/roster/:kind", async (req, res) => {
    const { kind } = validate(kindParam, req.params);
    res.json({ kind, title: ROSTER_TITLE[kind], items: await rosterList(db, kind, stationScope(principalOf(res))) });
  });

  r.get("/roster/:kind/template.xlsx", async (req, res) => {
    const { kind } = validate(kindParam, req.params);
    if (!IMPORTABLE.includes(kind)) throw new AppError("not_importable", { userMessage: "群由工作人员在群里绑定，不能导入", status: 400 });
    const body = await toXlsx([{ name: ROSTER_TITLE[kind], headers: templateHeaders(kind), rows: [TEMPLATE_EXAMPLE[kind]] }]);
    sendFile(res, body, `${ROSTER_TITLE[kind]}导入模板.xlsx`, XLSX_TYPE);
  });

  r.get("/roster/:kind/export.:format", async (req, res) => {
    const { kind, format } = validate(kindParam.extend({ format: z.enum(["xlsx", "csv"]) }), req.params);
    const rows = await rosterRows(db, kind, stationScope(principalOf(res)));
    const name = `${ROSTER_TITLE[kind]}名单.${format}`;
    if (format === "csv") sendFile(res, toCsv(ROSTER_HEADERS[kind], rows), name, "text/csv; charset=utf-8");
    else sendFile(res, await toXlsx([{ name: ROSTER_TITLE[kind], headers: ROSTER_HEADERS[kind], rows }]), name, XLSX_TYPE);
  });

  /** Binds a group to a station (as 绑定本群 does in the chat) and sets its area; earlier matters follow. */
  r.patch("/roster/groups/:id", async (req, res) => {
    const p = principalOf(res);
    const { id } = validate(z.object({ id: rowId }), req.params);
    const body = validate(groupUpdate, req.body);
    const group = await db.group.findUnique({ where: { id } });
    if (!group) throw new AppError("not_found", { userMessage: "没有这个群", status: 404 });
    if (group.stationId !== null) requireStation(p, group.stationId);
    else requireAdmin(p);
    if (body.stationId !== undefined) {
      requireStation(p, body.stationId);
      if (!(await db.station.findUnique({ where: { id: body.stationId } })))
        throw new AppError("unknown_station", { userMessage: "没有这个联络站", status: 400 });
    }
    const updated = await db.$transaction(async (tx) => {
      const g = await tx.group.update({
        where: { id },
        data: {
          ...(body.area !== undefined ? { area: body.area || null } : {}),
          ...(body.stationId !== undefined && body.stationId !== group.stationId ? { stationId: body.stationId, boundAt: ctx.now() } : {}),
        },
      });
      if (body.stationId !== undefined) await tx.opinion.updateMany({ where: { groupId: id, stationId: null }, data: { stationId: body.stationId } });
      await audit(tx, p, "group.update", `group:${id}`, { ...body, from: group.stationId });
      return g;
    });
    res.json({ id: updated.id, name: updated.name, area: updated.area, stationId: updated.stationId });
  });

  /** Body: the .xlsx or .csv file itself. 200 with counts, or 422 with every bad row and nothing imported. */
  r.post("/roster/:kind/import", express.raw({ type: () => true, limit: "5mb" }), async (req, res) => {
    const p = principalOf(res);
    requireAdmin(p);
    const { kind } = validate(kindParam, req.params);
    if (!IMPORTABLE.includes(kind)) throw new AppError("not_importable", { userMessage: "群由工作人员在群里绑定，不能导入", status: 400 });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!body.length) throw new AppError("empty", { userMessage: "请上传 .xlsx 或 .csv 文件", status: 400 });
    const table = await readTable(body, body.subarray(0, 2).toString("latin1") === "PK" ? "xlsx" : "csv");
    try {
      const result = await db.$transaction(
        async (tx) => {
          const out = await importRoster(tx, kind as ImportableKind, table.headers, table.rows);
          if (out.errors.length) throw new ImportRejected(out.errors);
          await audit(tx, p, `roster.import`, kind, { created: out.created, updated: out.updated, rows: table.rows.length });
          return out;
        },
        { timeout: 60_000, maxWait: 20_000 },
      );
      res.json({ created: result.created, updated: result.updated });
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err;
      res.status(422).json({ error: `有 ${err.errors.length} 行有误，未导入任何数据。请修改后重新导入。`, rows: err.errors });
    }
  });
  return r;
}
