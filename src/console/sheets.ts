// Tables in and out of Excel (.xlsx) and CSV, with the formula-injection guard on every text cell.
import ExcelJS from "exceljs";
import { AppError } from "../errors.ts";
import { storableText } from "../domain/storable.ts";
import { checkUnzippedSize } from "./zip-guard.ts";
import { decodeCsv } from "./csv-decode.ts";

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

/** Comma-separated (or, as Excel's "Unicode text" saves, tab-separated) fields, quotes doubled. */
export function parseCsv(text: string, delimiter: "," | "\t" = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) (row.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      (row.push(field), rows.push(row), (row = []), (field = ""));
    } else field += c;
  }
  if (field !== "" || row.length) (row.push(field), rows.push(row));
  return rows;
}

/** Bounds of an import: far beyond any county's roster, small enough to read in a moment. */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_COLUMNS = 60;

const tooManyRows = (line: number) =>
  new AppError("too_many_rows", {
    userMessage: `第 ${line} 行仍有内容：一次最多导入 ${MAX_IMPORT_ROWS} 行数据（另加标题行）。请删除多余的行或分批导入。`,
    status: 400,
  });
const tooManyColumns = (line: number, column: number) =>
  new AppError("too_many_columns", {
    userMessage: `第 ${line} 行第 ${column} 列有内容：表格最多 ${MAX_IMPORT_COLUMNS} 列。请删除模板以外的列后重新导入。`,
    status: 400,
  });

function csvGrid(body: Buffer): string[][] {
  const text = decodeCsv(body);
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const grid = parseCsv(text, firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",");
  grid.forEach((cells, i) => {
    if (i > MAX_IMPORT_ROWS && cells.some((c) => c.trim() !== "")) throw tooManyRows(i + 1);
    const beyond = cells.slice(MAX_IMPORT_COLUMNS).findIndex((c) => c.trim() !== "");
    if (beyond >= 0) throw tooManyColumns(i + 1, MAX_IMPORT_COLUMNS + beyond + 1);
  });
  return grid.slice(0, MAX_IMPORT_ROWS + 1);
}

async function xlsxGrid(body: Buffer): Promise<string[][]> {
  await checkUnzippedSize(body);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError("bad_file", { userMessage: "无法读取该 Excel 文件，请使用 .xlsx 格式（可先下载模板）", status: 400 });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError("bad_file", { userMessage: "Excel 文件中没有工作表", status: 400 });
  // Only cells with values count: formatting stretched far to the right or bottom is ignored, and
  // rows are visited as stored (a sparse sheet is not filled in row by row).
  const stored: { n: number; cells: string[] }[] = [];
  let width = 0;
  ws.eachRow((row, n) => {
    const cells: string[] = [];
    row.eachCell((cell, c) => {
      const text = cell.text ?? "";
      if (text.trim() === "") return;
      if (n > MAX_IMPORT_ROWS + 1) throw tooManyRows(n);
      if (c > MAX_IMPORT_COLUMNS) throw tooManyColumns(n, c);
      cells[c - 1] = text;
    });
    if (!cells.length) return;
    stored.push({ n, cells });
    width = Math.max(width, cells.length);
  });
  const grid = Array.from({ length: stored.at(-1)?.n ?? 0 }, () => Array<string>(width).fill(""));
  for (const { n, cells } of stored) cells.forEach((v, i) => (grid[n - 1]![i] = v));
  return grid;
}

/** The first sheet (or the CSV) as header + text rows; blank rows dropped, each row keeps its sheet row number. */
export async function readTable(body: Buffer, kind: "xlsx" | "csv"): Promise<{ headers: string[]; rows: { line: number; cells: string[] }[] }> {
  const grid = kind === "csv" ? csvGrid(body) : await xlsxGrid(body);
  const [head = [], ...rest] = grid;
  // Uploaded cells reach PostgreSQL: no NUL or control characters, and our own formula guard undone.
  const unquote = (v: string) =>
    storableText(v)
      .trim()
      .replace(/^'(?=[=+\-@])/, "");
  return {
    headers: head.map((h) => h.trim().replace(/\*$/, "")),
    rows: rest.map((cells, i) => ({ line: i + 2, cells: cells.map(unquote) })).filter((r) => r.cells.some((c) => c !== "")),
  };
}
