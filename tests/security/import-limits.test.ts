// F7 and F15: roster imports from files an administrator was sent. Tiny workbooks that used to block
// the server (a value far to the bottom or right, a zip that inflates to hundreds of MB, one that
// lies about its sizes) are refused with a reason; CSVs saved by Chinese Excel (GBK, UTF-16) import.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { ConsoleClient, consoleUsers } from "../console/client.ts";
import { MAX_UNZIPPED_BYTES } from "../../src/console/zip-guard.ts";

let t: TestApp;
let adminUser: ConsoleClient;

beforeAll(async () => {
  t = await startTestApp();
  const station = await admin(t.baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" });
  ({ adminUser } = await consoleUsers(t.baseUrl, [station.body.id]));
});
afterAll(async () => t?.stop());

async function upload(file: Buffer) {
  const res = await fetch(`${t.baseUrl}/api/roster/units/import`, {
    method: "POST",
    headers: { cookie: adminUser.cookie, "x-csrf-token": adminUser.csrf, "content-type": "application/octet-stream" },
    body: new Uint8Array(file),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; created?: number } };
}

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("承办单位");
  ws.getCell("A1").value = "名称";
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const units = async () => (await adminUser.call("GET", "/api/roster/units")).body.items.map((u: any) => u.name) as string[];

/** Overwrites the sizes a zip declares for one part (local header and central directory) with `size`. */
function lieAboutSize(zip: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (const [signature, sizeAt, nameLenAt, nameAt] of [
    [0x04034b50, 22, 26, 30],
    [0x02014b50, 24, 28, 46],
  ] as const) {
    for (let i = out.indexOf(Buffer.from([0x50, 0x4b])); i >= 0; i = out.indexOf(Buffer.from([0x50, 0x4b]), i + 1)) {
      if (out.readUInt32LE(i) !== signature) continue;
      const name = out.subarray(i + nameAt, i + nameAt + out.readUInt16LE(i + nameLenAt)).toString();
      if (name === part) out.writeUInt32LE(size, i + sizeAt);
    }
  }
  return out;
}

describe("XLSX limits", () => {
  it("a 2 KB sheet with one value at ZZ2000 is refused at once with the row and column", async () => {
    const file = await workbook((ws) => (ws.getCell("ZZ2000").value = "x"));
    expect(file.length).toBeLessThan(10_000);
    const r = await upload(file);
    expect(r).toMatchObject({ status: 400, body: { error: "第 2000 行第 702 列有内容：表格最多 60 列。请删除模板以外的列后重新导入。" } });
  });

  it("a value in row 1,000,000 is refused; rows up to the limit and formatting far away are fine", async () => {
    const far = await workbook((ws) => (ws.getCell("A1000000").value = "x"));
    expect(await upload(far)).toMatchObject({ status: 400, body: { error: expect.stringContaining("第 1000000 行仍有内容：一次最多导入 20000 行数据") } });
    const formatted = await workbook((ws) => {
      ws.getCell("A2").value = "县林业局";
      // Styled but empty cells far out, as a real roster often has them.
      ws.getCell("ZZ900000").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      ws.getCell("XFD3").border = { top: { style: "thin" } };
    });
    expect(await upload(formatted)).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await units()).toContain("县林业局");
  });

  it("a zip bomb (a few hundred KB inflating past the limit) is refused with 413 before it is parsed", async () => {
    const base = await JSZip.loadAsync(await workbook(() => undefined));
    const sheet = await base.file("xl/worksheets/sheet1.xml")!.async("string");
    const padding = " ".repeat(MAX_UNZIPPED_BYTES + 1024 * 1024);
    base.file("xl/worksheets/sheet1.xml", sheet.replace("<sheetData>", `<sheetData>${padding}`));
    const bomb = await base.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await upload(bomb);
    expect(r.status).toBe(413);
    expect(r.body.error).toContain("Excel 文件解压后超过 32 MB，无法导入");

    // The same bomb declaring a few bytes for the sheet: what is inflated counts, not what is declared.
    const liar = lieAboutSize(bomb, "xl/worksheets/sheet1.xml", 1000);
    expect(await upload(liar)).toMatchObject({ status: 413 });
    // The server is still answering promptly.
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("CSV encodings", () => {
  const table = "名称,联系人,电话\r\n县自然资源局,张科长,0371-5551234\r\n";

  it("a GBK CSV as Chinese Excel saves it imports with its Chinese intact", async () => {
    const gbk = iconv.encode(table.replace("自然资源局", "自然资源和规划局"), "gbk");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow();
    expect(await upload(gbk)).toMatchObject({ status: 200, body: { created: 1 } });
    const row = (await adminUser.call("GET", "/api/roster/units")).body.items.find((u: any) => u.name === "县自然资源和规划局");
    expect(row).toMatchObject({ contact: "张科长", phone: "0371-5551234" });
  });

  it("UTF-16 with a BOM (Excel's Unicode text, tab-separated) and UTF-8 with or without a BOM import", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(table.replace("自然资源局", "生态环境局").replace(/,/g, "\t"), "utf16le")]);
    expect(await upload(utf16)).toMatchObject({ status: 200, body: { created: 1 } });
    const utf16be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(table.replace("自然资源局", "气象局"), "utf16le").swap16()]));
    expect(await upload(utf16be)).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await upload(Buffer.from(table.replace("自然资源局", "应急管理局"), "utf8"))).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await upload(Buffer.from("\uFEFF" + table.replace("自然资源局", "统计局"), "utf8"))).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await units()).toEqual(expect.arrayContaining(["县生态环境局", "县气象局", "县应急管理局", "县统计局"]));
  });

  it("a CSV past the row or column limit is refused with the line", async () => {
    const wide = `名称${",".repeat(60)}x\r\n`;
    expect(await upload(Buffer.from(wide))).toMatchObject({ status: 400, body: { error: expect.stringContaining("第 1 行第 61 列有内容") } });
    const long = "名称\r\n" + Array.from({ length: 20_001 }, (_, i) => `单位${i}`).join("\r\n");
    expect(await upload(Buffer.from(long))).toMatchObject({ status: 400, body: { error: expect.stringContaining("第 20002 行仍有内容") } });
  });
});
