// Tables in and out of Excel (.xlsx) and CSV, with the formula-injection guard on every text cell.
import ExcelJS from "exceljs";
import { AppError } from "../errors.ts";
import { storableText } from "../domain/storable.ts";

export type Cell = string | number | Date | null | undefined;

/** A text starting with = + - @ (or a tab/CR) would run as a formula in Excel: make it plain text. */
export function safeCell(v: Cell): Cell {
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function toXlsx(sheets: { name: string; headers: string[]; rows: Cell[][]; widths?: number[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "人大代表联络助手";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(s.headers).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map(safeCell));
    s.headers.forEach((h, i) => (ws.getColumn(i + 1).width = s.widths?.[i] ?? Math.max(10, h.length * 2 + 2)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvField = (v: Cell): string => {
  const s = v instanceof Date ? v.toISOString() : v == null ? "" : String(safeCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with a BOM so Excel opens the Chinese text as UTF-8. */
export function toCsv(headers: string[], rows: Cell[][]): Buffer {
  return Buffer.from("\uFEFF" + [headers, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n", "utf8");
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

/** The first sheet (or the CSV) as header + text rows; blank rows dropped, each row keeps its sheet row number. */
export async function readTable(body: Buffer, kind: "xlsx" | "csv"): Promise<{ headers: string[]; rows: { line: number; cells: string[] }[] }> {
  let grid: string[][];
  if (kind === "csv") {
    grid = parseCsv(body.toString("utf8"));
  } else {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
    } catch {
      throw new AppError("bad_file", { userMessage: "无法读取该 Excel 文件，请使用 .xlsx 格式（可先下载模板）", status: 400 });
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError("bad_file", { userMessage: "Excel 文件中没有工作表", status: 400 });
    grid = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(row.getCell(c).text ?? "");
      grid[n - 1] = cells;
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  }
  const [head = [], ...rest] = grid;
  // Uploaded cells reach PostgreSQL: no NUL or control characters, and our own formula guard undone.
  const unquote = (v: string) => storableText(v).trim().replace(/^'(?=[=+\-@])/, "");
  return {
    headers: head.map((h) => h.trim().replace(/\*$/, "")),
    rows: rest.map((cells, i) => ({ line: i + 2, cells: cells.map(unquote) })).filter((r) => r.cells.some((c) => c !== "")),
  };
}
