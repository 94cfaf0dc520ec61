// The deputy page in real headless Chromium with a phone viewport and WeChat's user agent:
// fill the form, submit, open the follow link, see the deputy's answer. Screenshots in artifacts/code/.
import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { STAFF_PASSWORD, consoleUsers } from "../console/client.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = "artifacts/code";
const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 10; V2001A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MicroMessenger/8.0.35.2360(0x28002339) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping the 代表码 browser test: ${CHROMIUM} is absent (apt-get install chromium)`);

describe.skipIf(!hasChromium)("代表码 in real Chromium (phone: WeChat UA, 375×667; poster; console)", () => {
  let t: TestApp;
  let browser: Browser;
  let roster: Awaited<ReturnType<typeof seedRoster>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp();
    roster = await seedRoster(t.baseUrl);
    await t.app.db.station.update({
      where: { id: roster.east.id },
      data: { receptionSchedule: { kind: "monthly", day: 10, time: "09:00-11:30", place: "东风镇代表联络站", deputyIds: [], holidayRule: "next-workday" } },
    });
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
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("submits an opinion, then follows it to the deputy's answer", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      userAgent: WECHAT_UA,
      locale: "zh-CN",
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

    const response = await page.goto(`${t.baseUrl}/d/${roster.wang.slug}`);
    expect(response!.status()).toBe(200);
    await expect(page.title()).resolves.toContain("王建国");
    await page.screenshot({ path: `${ARTIFACTS}/deputy-page.png`, fullPage: true });

    // Large touch targets, nothing wider than the phone.
    for (const sel of ["#text", "#category", "#place", "#phone", "button[type=submit]"]) {
      const box = (await page.locator(sel).boundingBox())!;
      expect(box.height, sel).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width, sel).toBeLessThanOrEqual(375);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The honeypot stays off-screen for people.
    expect(
      await page
        .locator("#website")
        .boundingBox()
        .then((b) => (b ? b.x + b.width <= 0 : true)),
    ).toBe(true);

    // The double-tap guard runs (a script blocked by the CSP would leave the button live): hold one submission back to see it.
    await page.getByLabel("反映的问题或建议（必填）").fill("测试防重复点击");
    await page.evaluate(() => document.forms[0]!.addEventListener("submit", (e) => e.preventDefault()));
    await page.getByRole("button", { name: "提交" }).click();
    expect(await page.locator("button[type=submit]").textContent()).toBe("正在提交…");
    expect(await page.locator("button[type=submit]").isDisabled()).toBe(true);
    await page.reload();

    await page.getByLabel("反映的问题或建议（必填）").fill("东风村三组到镇上的路面坑洼很多，下雨天电动车经常摔倒，希望尽快修补。");
    await page.getByLabel("分类（可不选）").selectOption("道路交通");
    await page.getByLabel("地点（可不填）").fill("东风村三组");
    await page.getByLabel("联系电话（可不填，仅工作人员可见）").fill("13812345678");
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForSelector("text=已受理，编号");
    await page.screenshot({ path: `${ARTIFACTS}/submitted.png`, fullPage: true });
    const number = Number((await page.locator("h1").textContent())!.match(/#(\d+)/)![1]);

    const o = await t.app.db.opinion.findUniqueOrThrow({ where: { number } });
    expect(o).toMatchObject({
      channel: "代表码",
      deputyId: roster.wang.id,
      stationId: roster.east.id,
      category: "道路交通",
      place: "东风村三组",
      contactPhone: "13812345678",
    });

    await page.locator("#follow").click();
    await page.waitForSelector(`text=#${number}`);
    expect(await page.locator("body").textContent()).toContain("已受理");

    const group = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
    await group.say("staff-liu", "绑定本群 东风镇");
    await group.say("dep-wang", `答复 ${number} 已报镇政府，下周安排修补三组路面`);
    await page.reload();
    await page.waitForSelector("#reply");
    expect(await page.locator("#reply").textContent()).toBe("已报镇政府，下周安排修补三组路面");
    expect(await page.locator("body").textContent()).not.toContain("13812345678");
    await page.screenshot({ path: `${ARTIFACTS}/follow.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints the poster on one A5 page with a large code", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text())); // e.g. a script blocked by the CSP
    await page.goto(`${t.baseUrl}/d/${roster.wang.slug}/poster`);
    const qr = (await page.locator(".qr svg").boundingBox())!;
    expect(qr.width).toBeGreaterThan(290); // 80 mm at 96 dpi ≈ 302 px
    await page.screenshot({ path: `${ARTIFACTS}/poster.png`, fullPage: true });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("button").isVisible()).toBe(false);
    const pdf = await page.pdf({ path: `${ARTIFACTS}/poster.pdf`, format: "A5", preferCSSPageSize: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("staff find each deputy's code and poster in the console roster", async () => {
    await consoleUsers(t.baseUrl, [roster.east.id]);
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/console`);
    await page.fill("#username", "liu");
    await page.fill("#password", STAFF_PASSWORD);
    await page.click("#login-form button[type=submit]");
    await page.waitForSelector("#ledger");
    await page.goto(`${t.baseUrl}/console#/roster/deputies`);
    const poster = page.locator(`#roster a.code-poster[href="/d/${roster.wang.slug}/poster"]`);
    await poster.waitFor();
    expect(await page.locator(`#roster a.code-qr[href="/d/${roster.wang.slug}/qr.png"]`).count()).toBe(1);
    await page.close();
  });

  it("loads the deputy page quickly over emulated 3G", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, userAgent: WECHAT_UA });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    // Chrome DevTools' "Regular 3G": 750 kbit/s down, 250 kbit/s up, 100 ms latency.
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 100,
      downloadThroughput: (750 * 1024) / 8,
      uploadThroughput: (250 * 1024) / 8,
    });
    const started = Date.now();
    await page.goto(`${t.baseUrl}/d/${roster.wang.slug}`, { waitUntil: "load" });
    const ms = Date.now() - started;
    console.info(`代表码 page load over emulated Regular 3G: ${ms} ms`);
    expect(ms).toBeLessThan(3000);
    await context.close();
  });
});
