// Every HTML door in real Chromium, as an attacker would try it: script payloads typed by a citizen (代表码 form,
// rating comment), by staff (replies, results, reasons, account names) and carried in imported Excel/CSV cells
// (station, deputy, staff and unit names), then every console page, 代表码 page and the poster opened. The CSP
// is bypassed so escaping alone must hold: no payload runs, no dialog opens, nothing becomes markup, and the
// text shows literally. Not the simulator (its own tests cover it).
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { followLinkIn, postForm } from "../code/helpers.ts";
import { createOpinion } from "../../src/core/opinions/create.ts";
import { CHROMIUM, CHROMIUM_ARGS, CLEAN, XSS, attackerContext, injectionReport } from "./xss.ts";

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`跳过浏览器测试：未找到 ${CHROMIUM}`);

const PASSWORD = "xss-admin-2026";
let t: TestApp;
let browser: Browser;
let station: { id: number };
let slug: string;
let rated: { number: number; follow: string };
let rejected: { number: number; follow: string };
let open: number;

async function upload(kind: string, body: Buffer) {
  const res = await fetch(`${t.baseUrl}/api/roster/${kind}/import`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}
async function xlsx(headers: string[], rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导入");
  for (const r of [headers, ...rows]) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n"), "utf8");
const ok = <T>(r: { status: number; body: T }, status = 200) => {
  if (r.status !== status) throw new Error(`expected ${status}: ${JSON.stringify(r)}`);
  return r.body;
};

async function submit(text: string) {
  const res = await postForm(`${t.baseUrl}/d/${slug}`, { text, category: XSS.short, place: XSS.dq }, { ip: `10.9.0.${Math.floor(Math.random() * 200) + 1}` });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${res.body.slice(0, 300)}`);
  const follow = followLinkIn(res.body);
  return { number: Number(/编号 #(\d+)/.exec(res.body)![1]), follow };
}
const act = (number: number, body: object) => admin(t.baseUrl, "POST", `/api/ledger/${number}/actions`, { notify: false, ...body }).then((r) => ok(r));

/** Opens a page as the attacker's victim and proves nothing ran; returns the visible text. */
async function visit(page: Page, url: string, ready: string, dialogs: string[]): Promise<string> {
  await page.goto(url);
  await page.waitForSelector(ready);
  expect(await injectionReport(page), url).toEqual(CLEAN);
  expect(dialogs, url).toEqual([]);
  return page.locator("body").innerText();
}

describe.skipIf(!haveChromium)("HTML escaping on every page, with script payloads (Chromium, CSP bypassed)", () => {
  beforeAll(async () => {
    t = await startTestApp();
    // Roster from Excel and CSV, every text cell a payload.
    ok(
      await upload(
        "stations",
        await xlsx(
          ["编号", "名称*", "乡镇", "地址", "电话", "接待周期", "接待日", "接待时间", "接待地点", "节假日"],
          [["", XSS.svg, XSS.dq, XSS.img, "", "每月", "10", "09:00-11:30", XSS.script, "顺延"]],
        ),
      ),
    );
    ok(
      await upload(
        "deputies",
        csv([
          ["编号", "姓名*", "层级*", "联络站", "职务", "电话", "公开电话", "简介", "接待"],
          ["", XSS.img, "县", XSS.svg, XSS.script, "13900000000", "是", XSS.sq, XSS.textarea],
        ]),
      ),
    );
    ok(
      await upload(
        "staff",
        csv([
          ["编号", "姓名*", "角色*", "联络站", "职务"],
          ["", XSS.script, "联络站", XSS.svg, XSS.sq],
        ]),
      ),
    );
    ok(await upload("units", await xlsx(["编号", "名称*", "联系人", "电话", "启用"], [["", XSS.dq, XSS.img, "", "是"]])));
    station = ok(await admin(t.baseUrl, "GET", "/api/stations")).stations[0];
    const deputy = ok(await admin(t.baseUrl, "GET", "/api/roster/deputies")).items[0];
    slug = deputy.slug;
    const unit = ok(await admin(t.baseUrl, "GET", "/api/units")).units[0];
    ok(await admin(t.baseUrl, "PUT", `/api/categories/${encodeURIComponent(XSS.short)}`, { keywords: [] }));
    ok(await admin(t.baseUrl, "PUT", `/api/stations/${station.id}/public-disclosure`, { enabled: true }));
    // A group and a citizen whose chat names are payloads (names come from the platforms, unchecked).
    const group = await t.app.db.group.create({ data: { platform: "wecom", chatId: "xss-group", name: XSS.script, area: XSS.sq, stationId: station.id } });

    // Citizens' matters through the public form; staff handle them with payload replies, results and reasons.
    rated = await submit(`${XSS.textarea}${XSS.img} 村口路灯坏了`);
    rejected = await submit(`${XSS.script} 第二件事，请处理`);
    open = (await submit(`${XSS.sq} 第三件事，还在办`)).number;
    for (const n of [rated.number, open]) await t.app.db.opinion.update({ where: { number: n }, data: { groupId: group.id } });
    const { citizenId } = await t.app.db.opinion.findUniqueOrThrow({ where: { number: rated.number } });
    await t.app.db.citizen.update({ where: { id: citizenId! }, data: { name: XSS.dq } });
    await act(rated.number, { action: "assignDeputy", deputyId: deputy.id });
    await act(rated.number, { action: "assignUnit", unitId: unit.id });
    await act(rated.number, { action: "reply", text: XSS.script });
    await act(rated.number, { action: "close", resultClass: "A", text: XSS.sq });
    await act(rejected.number, { action: "reject", reason: `${XSS.img} 不属于受理范围` });
    await act(open, { action: "extend", days: 3, reason: `${XSS.textarea} 需要现场查看` });
    // A matter from the village group (the kind the 公示 pages list), closed by staff.
    const villager = await t.app.db.citizen.create({ data: { name: XSS.sq } });
    const fromGroup = await t.app.db.$transaction((tx) =>
      createOpinion(
        t.app.core,
        tx,
        {
          text: `${XSS.dq}${XSS.textarea} 垃圾站没人清运`,
          channel: "chat",
          citizenId: villager.id,
          platform: "wecom",
          groupId: group.id,
          stationId: station.id,
          category: XSS.short,
        },
        "system",
      ),
    );
    await act(fromGroup.opinion.number, { action: "close", resultClass: "A", text: "已清运" });

    // A console account with a payload name, and an audit entry carrying the deputy's.
    ok(
      await admin(t.baseUrl, "POST", "/api/accounts", { username: "xss-admin", displayName: XSS.img, password: PASSWORD, role: "admin", stationIds: [] }),
      201,
    );
    ok(await admin(t.baseUrl, "POST", "/api/binding-codes", { deputyId: deputy.id }), 201);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("the 代表码 form echoes payloads back into its fields without breaking out, then the follow page shows them inert", async () => {
    const { context, dialogs } = await attackerContext(browser);
    const page = await context.newPage();
    await visit(page, `${t.baseUrl}/d/${slug}`, "#text", dialogs);
    await page.fill("#text", `${XSS.textarea}${XSS.script}`);
    await page.fill("#place", XSS.dq);
    await page.fill("#phone", "不是电话");
    await page.click("button[type=submit]");
    await page.waitForSelector("#phone-err");
    expect(await injectionReport(page)).toEqual(CLEAN);
    expect(await page.inputValue("#text")).toBe(`${XSS.textarea}${XSS.script}`);
    expect(await page.inputValue("#place")).toBe(XSS.dq);

    await page.fill("#phone", "");
    await page.click("button[type=submit]");
    await page.waitForSelector("#follow");
    expect(await injectionReport(page)).toEqual(CLEAN);
    await page.click("#follow");
    await page.waitForSelector(".tl");
    expect(await injectionReport(page)).toEqual(CLEAN);
    expect(await page.locator("main p").first().innerText()).toBe(`${XSS.textarea}${XSS.script}`);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("the deputy page, poster, station 公示 and follow pages show names, answers and comments literally", async () => {
    const { context, dialogs } = await attackerContext(browser);
    const page = await context.newPage();
    // The citizen rates with a payload comment, in the browser.
    await visit(page, `${t.baseUrl}${new URL(rated.follow).pathname}`, "#comment", dialogs);
    await page.check("input[value=SATISFIED]");
    await page.fill("#comment", `${XSS.textarea}${XSS.sq}`);
    await page.click("button[type=submit]");
    await page.waitForSelector("text=感谢您的评价");
    const follow = await visit(page, page.url(), ".tl", dialogs);
    for (const s of [XSS.textarea, XSS.img, XSS.script, XSS.sq, XSS.dq]) expect(follow).toContain(s); // text, reply, result, comment, unit
    expect(await page.locator("#reply").innerText()).toBe(XSS.script);
    expect(await page.locator("#result").innerText()).toBe(XSS.sq);

    const second = await visit(page, `${t.baseUrl}${new URL(rejected.follow).pathname}`, ".tl", dialogs);
    expect(second).toContain(`${XSS.img} 不属于受理范围`);

    const deputy = await visit(page, `${t.baseUrl}/d/${slug}`, "#text", dialogs);
    for (const s of [XSS.img, XSS.script, XSS.sq, XSS.textarea, XSS.svg]) expect(deputy).toContain(s); // name, duties, bio, reception, station
    expect(deputy).toContain(`所在联络站：${XSS.svg}（${XSS.img}）`);
    expect(deputy).toContain(`${XSS.short}：${XSS.dq}${XSS.textarea.slice(0, 10)}`); // the group's closed matter: category and excerpt
    expect(await page.locator("#category option", { hasText: XSS.short }).count()).toBe(1);
    expect(await page.getAttribute("a[href^='tel:']", "href")).toBe("tel:13900000000");

    const poster = await visit(page, `${t.baseUrl}/d/${slug}/poster`, ".qr svg", dialogs);
    for (const s of [XSS.img, XSS.script, XSS.svg, XSS.textarea]) expect(poster).toContain(s);
    expect(await page.title()).toBe(`${XSS.img} 代表码海报`);

    const publicList = await visit(page, `${t.baseUrl}/s/${station.id}`, "main", dialogs);
    expect(publicList).toContain(`${XSS.svg} 意见建议办理公示`);
    expect(publicList).toContain(`${XSS.short}：${XSS.dq}${XSS.textarea.slice(0, 10)}`);
    await context.close();
  });

  it("every console page shows payload names, texts, replies and audit details as text", async () => {
    const { context, dialogs } = await attackerContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/console`);
    await page.fill("#username", "xss-admin");
    await page.fill("#password", PASSWORD);
    await page.click("#login-form button[type=submit]");
    await page.waitForSelector("#ledger");
    expect(await page.locator("#who").innerText()).toContain(XSS.img);

    const ledger = await visit(page, `${t.baseUrl}/console#/ledger`, "#ledger tbody tr[data-number]", dialogs);
    for (const s of [XSS.script, XSS.short, XSS.sq, XSS.img, XSS.dq]) expect(ledger).toContain(s); // group, category, text, deputy, unit
    await page.fill("#f-q", `${XSS.textarea}${XSS.img}`);
    await page.click("#apply-filters");
    await expect.poll(() => page.locator("#ledger tbody tr[data-number]").count()).toBe(1);
    expect(await injectionReport(page)).toEqual(CLEAN);

    await page.goto(`${t.baseUrl}/console#/opinion/${rated.number}`);
    await page.waitForSelector("#timeline");
    expect(await page.locator("#opinion-text").innerText()).toBe(`${XSS.textarea}${XSS.img} 村口路灯坏了`);
    const detail = await page.locator("main").innerText();
    for (const s of [XSS.svg, XSS.script, XSS.img, XSS.dq, XSS.sq, XSS.textarea]) expect(detail).toContain(s); // station, group/reply, deputy, unit/citizen, result, rating comment
    expect(await injectionReport(page)).toEqual(CLEAN);

    // Only the hash changes: the previous matter's page stays until the new one renders, so wait for its history.
    await page.goto(`${t.baseUrl}/console#/opinion/${open}`);
    await expect.poll(() => page.locator("#timeline").innerText()).toContain(`${XSS.textarea} 需要现场查看`);
    await page.waitForSelector("#f-action");
    await page.selectOption("#f-action", "reply");
    await page.fill("#action-fields textarea[name=text]", `${XSS.img}${XSS.js}`);
    await page.click("#preview-action");
    await expect.poll(() => page.locator("#action-result").innerText()).toContain(XSS.img);
    expect(await page.locator("#action-result").innerText()).toContain(XSS.js);
    expect(await injectionReport(page)).toEqual(CLEAN);
    expect(dialogs).toEqual([]);

    const rosterText: Record<string, string[]> = {
      stations: [XSS.svg, XSS.dq],
      deputies: [XSS.img, XSS.svg, XSS.script],
      staff: [XSS.script, XSS.svg, XSS.sq],
      units: [XSS.dq, XSS.img],
      groups: [XSS.script, XSS.sq, XSS.svg],
    };
    for (const [kind, texts] of Object.entries(rosterText)) {
      const shown = await visit(page, `${t.baseUrl}/console#/roster/${kind}`, `#roster tbody tr`, dialogs);
      for (const s of texts) expect(shown, kind).toContain(s);
    }
    // An import whose bad row quotes the payload cell back in its error report.
    await page.goto(`${t.baseUrl}/console#/roster/deputies`);
    await page.waitForSelector("#import-file");
    await page.setInputFiles("#import-file", {
      name: "代表.csv",
      mimeType: "text/csv",
      buffer: csv([
        ["姓名", "层级", "联络站"],
        [XSS.dq, "县", `${XSS.svg}乙`],
      ]),
    });
    await page.click("#import-button");
    await page.waitForSelector("#import-errors");
    expect(await page.locator("#import-errors").innerText()).toContain(`联络站「${XSS.svg}乙」不存在`);
    expect(await injectionReport(page)).toEqual(CLEAN);

    const accounts = await visit(page, `${t.baseUrl}/console#/accounts`, "#account-form", dialogs);
    expect(accounts).toContain(XSS.img);
    expect(await page.locator("#f-deputyId option", { hasText: XSS.img }).count()).toBe(1);
    await page.selectOption("#f-deputyId", { label: XSS.img });
    await page.click("#make-code");
    await page.waitForSelector("#code-value");
    expect(await injectionReport(page)).toEqual(CLEAN);

    const stats = await visit(page, `${t.baseUrl}/console#/stats`, "#trend-chart", dialogs);
    for (const s of [XSS.svg, XSS.short, XSS.img]) expect(stats).toContain(s); // station, category, deputy
    expect(await page.locator("svg.bars text", { hasText: XSS.short.slice(0, 10) }).count()).toBeGreaterThan(0);

    await visit(page, `${t.baseUrl}/console#/jobs`, "#jobs", dialogs);
    const audit = await visit(page, `${t.baseUrl}/console#/audit`, "main table tbody tr", dialogs);
    expect(audit).toContain(JSON.stringify(XSS.img).slice(1, -1)); // the deputy's name inside the binding-code detail
    expect(dialogs).toEqual([]);
    await context.close();
  }, 60_000);
});
