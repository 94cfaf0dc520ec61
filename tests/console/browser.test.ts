// The console in real headless Chromium: sign in, filter, close a matter and see the group get the
// feedback, import a roster workbook with a bad row, download the ledger export. Screenshots go to
// artifacts/console/.
import { existsSync, mkdirSync } from "node:fs";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { ADMIN_PASSWORD, STAFF_PASSWORD, consoleUsers, type ConsoleClient } from "./client.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = "artifacts/console";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`跳过浏览器测试：未找到 ${CHROMIUM}（Debian 的 chromium 包，.ci/run 会安装）`);

let t: TestApp;
let browser: Browser;
let group: SimGroup;
let adminUser: ConsoleClient;
let lampNumber: number;

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${t.baseUrl}/console`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#ledger");
}

describe.skipIf(!haveChromium)("console in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    const roster = await seedRoster(t.baseUrl);
    group = new SimGroup(t.baseUrl, "east-village", "东风村民声群");
    await group.say("staff-liu", "绑定本群 东风镇代表联络站");
    lampNumber = numberIn(await group.say("villager-1", "意见 村口路灯坏了一个星期了，晚上出门很不安全", { name: "张大爷" }));
    await group.say("villager-2", "意见 东风路有个大坑，电动车摔了好几次", { name: "李阿姨" });
    await group.say("villager-3", "意见 垃圾站三天没人清运，气味很大", { name: "王师傅" });
    ({ adminUser } = await consoleUsers(t.baseUrl, [roster.east.id]));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("signs in, filters the ledger, closes a matter and the group receives the feedback", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${t.baseUrl}/console`);
    await page.fill("#username", "liu");
    await page.fill("#password", "wrong-password-1");
    await page.click("#login-form button[type=submit]");
    await expect.poll(() => page.textContent("#login-error")).toContain("用户名或密码错误");
    await signIn(page, "liu", STAFF_PASSWORD);
    expect(await page.locator("#ledger tbody tr").count()).toBe(3);
    expect(await page.textContent("#counts")).toContain("已受理 3");
    await page.screenshot({ path: `${SHOTS}/ledger.png`, fullPage: true });

    await page.fill("#f-q", "路灯");
    await page.click("#apply-filters");
    await expect.poll(() => page.locator("#ledger tbody tr").count()).toBe(1);
    await page.click(`#ledger a[href="#/opinion/${lampNumber}"]`);
    await page.waitForSelector("#action-form");
    expect(await page.textContent("#opinion-text")).toContain("村口路灯坏了");
    await page.selectOption("#f-action", "close");
    await page.selectOption("#f-resultClass", "A");
    await page.fill("#action-fields textarea[name=text]", "已更换路灯，恢复照明");
    await page.click("#preview-action");
    await expect.poll(() => page.textContent("#action-result")).toContain("已更换路灯，恢复照明");
    await page.screenshot({ path: `${SHOTS}/opinion-preview.png`, fullPage: true });
    await page.click("#submit-action");
    await expect.poll(() => page.textContent("#opinion-status")).toBe("已办结");
    expect(await page.textContent("#action-done")).toContain("已发送到原群");
    expect(await page.textContent("#timeline")).toContain("办结");
    await page.screenshot({ path: `${SHOTS}/opinion-closed.png`, fullPage: true });

    await t.app.outbox.drain();
    const transcript = await group.transcript();
    const feedback = transcript.filter((m) => m.direction === "out" && m.text.includes("已更换路灯，恢复照明"));
    expect(feedback).toHaveLength(1);
    expect(feedback[0].text).toContain(`#${lampNumber}`);
    await page.close();
  }, 60_000);

  it("imports a roster workbook with one bad row: the error is shown and nothing is imported", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, "chen", ADMIN_PASSWORD);
    await page.goto(`${t.baseUrl}/console#/roster/deputies`);
    await page.waitForSelector("#import-file");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("代表");
    ws.addRow(["编号", "姓名*", "层级*", "联络站", "职务", "电话", "公开电话"]);
    ws.addRow(["", "钱多多", "乡镇（街道）", "东风镇代表联络站", "村医", "13600000000", "否"]);
    ws.addRow(["", "孔乙己", "村级", "东风镇代表联络站", "", "", ""]);
    const before = (await adminUser.call("GET", "/api/roster/deputies")).body.items.length;
    await page.setInputFiles("#import-file", {
      name: "代表.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.click("#import-button");
    await page.waitForSelector("#import-errors");
    const report = await page.textContent("#import-report");
    expect(report).toContain("未导入任何数据");
    expect(report).toContain("第 3 行");
    expect(report).toContain("层级");
    await page.screenshot({ path: `${SHOTS}/roster-import-error.png`, fullPage: true });
    expect((await adminUser.call("GET", "/api/roster/deputies")).body.items.length).toBe(before);
    expect(await page.textContent("#roster")).not.toContain("钱多多");
    await page.close();
  }, 60_000);

  it("downloads the filtered ledger export and it reads back in Excel", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "chen", ADMIN_PASSWORD);
    await page.selectOption("#f-status", "RECEIVED");
    await page.click("#apply-filters");
    await expect.poll(() => page.locator("#ledger tbody tr").count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-ledger")]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = `${SHOTS}/ledger-export.xlsx`;
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe("意见建议台账");
    expect(sheet.rowCount).toBe(3);
    const texts = [2, 3].map((r) => String(sheet.getRow(r).getCell(6).value));
    expect(texts.join()).toContain("东风路有个大坑");
    expect(texts.join()).not.toContain("路灯");
    await context.close();
  }, 60_000);

  it("shows the other pages on a laptop and a phone (screenshots)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, "chen", ADMIN_PASSWORD);
    await page.goto(`${t.baseUrl}/console#/stats`);
    await page.waitForSelector("#trend-chart");
    expect(await page.textContent("#stats-totals")).toContain("受理");
    await page.screenshot({ path: `${SHOTS}/stats.png`, fullPage: true });
    await page.goto(`${t.baseUrl}/console#/roster/stations`);
    await page.waitForSelector("#schedule-form");
    await page.selectOption("#schedule-form select[name=kind]", "weekly");
    await page.fill("#schedule-form input[name=day]", "2");
    await page.fill("#schedule-form input[name=place]", "村委会二楼");
    await page.click("#schedule-form button[type=submit]");
    await expect.poll(() => page.textContent("#roster")).toContain("每周二 09:00-11:30，村委会二楼");
    await page.screenshot({ path: `${SHOTS}/roster-stations.png`, fullPage: true });
    await page.goto(`${t.baseUrl}/console#/roster/groups`);
    await page.waitForSelector("#group-form");
    await page.selectOption("#group-form select[name=groupId]", { index: 0 });
    await page.fill("#group-form input[name=area]", "东风村一组");
    await page.click("#group-form button[type=submit]");
    await expect.poll(() => page.textContent("#roster")).toContain("东风村一组");
    await page.screenshot({ path: `${SHOTS}/roster-groups.png`, fullPage: true });
    await page.goto(`${t.baseUrl}/console#/jobs`);
    await page.waitForSelector("#jobs");
    expect(await page.locator("#jobs tbody tr").count()).toBeGreaterThan(0);
    await page.click("#jobs tbody tr:first-child button");
    await expect.poll(() => page.textContent("#jobs-note")).toMatch(/已运行：成功 \d+，跳过 \d+，失败 0/);
    await page.screenshot({ path: `${SHOTS}/jobs.png`, fullPage: true });
    await page.goto(`${t.baseUrl}/console#/accounts`);
    await page.waitForSelector("#account-form");
    await page.selectOption("#account-edit select[name=id]", { label: "liu（刘站长）" });
    await page.selectOption("#account-edit select[name=stationIds]", [{ label: "东风镇代表联络站" }, { label: "西山镇代表联络站" }]);
    await page.click("#account-edit button[type=submit]");
    await expect.poll(() => page.textContent("#edit-msg")).toBe("已保存");
    expect((await adminUser.call("GET", "/api/accounts")).body.accounts.find((a: any) => a.username === "liu").stationIds).toHaveLength(2);
    await page.selectOption("#f-deputyId", { label: "王建国" });
    await page.click("#make-code");
    await expect.poll(() => page.textContent("#code-value")).toMatch(/^[A-Z2-9]{8}$/);
    await page.screenshot({ path: `${SHOTS}/accounts.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.baseUrl}/console#/ledger`);
    await page.waitForSelector("#ledger");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/ledger-phone.png`, fullPage: true });
    await page.close();
  }, 60_000);
});
