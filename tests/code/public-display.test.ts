// 公示 control: a closed matter on /s/<id> and the deputy page disappears when staff hide it in the
// console, comes back when they show it; personal categories and 代表码 matters are off by default.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { ConsoleClient, STAFF_PASSWORD, consoleUsers } from "../console/client.ts";
import { getPage, postForm } from "./helpers.ts";

let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;
let staff: ConsoleClient;
let otherStaff: ConsoleClient;
let road: number;
let pension: number;
let code: number;

const stationPage = async () => (await getPage(`${t.baseUrl}/s/${roster.east.id}`)).body;
const deputyPage = async () => (await getPage(`${t.baseUrl}/d/${roster.wang.slug}`)).body;
const listed = (page: string, n: number) => page.includes(`<strong>#${n}</strong>`);

beforeAll(async () => {
  t = await startTestApp();
  roster = await seedRoster(t.baseUrl);
  const users = await consoleUsers(t.baseUrl, [roster.east.id]);
  staff = users.staffUser;
  const created = await users.adminUser.call("POST", "/api/accounts", {
    username: "zhou",
    displayName: "周站长",
    password: "west-pass-2026",
    role: "staff",
    stationIds: [roster.west.id],
  });
  expect(created.status).toBe(201);
  otherStaff = new ConsoleClient(t.baseUrl);
  await otherStaff.login("zhou", "west-pass-2026");

  const group = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
  await group.say("staff-liu", "绑定本群 东风镇");
  road = numberIn(await group.say("villager-zhang", "意见 #道路交通 村口的路塌了一个坑，电话13812345678"));
  pension = numberIn(await group.say("villager-li", "意见 #就业社保 我的养老金这个月没发下来"));
  const page = await postForm(`${t.baseUrl}/d/${roster.wang.slug}`, {
    text: "王书记你好 我们组的灌溉水渠被人堵了",
    category: "农业农村",
    place: "五组",
    phone: "",
    website: "",
  });
  code = Number(/编号 #(\d+)/.exec(page.body)![1]);
  for (const n of [road, pension, code]) await group.say("dep-wang", `办结 ${n} A 已处理好`);
});
afterAll(async () => t?.stop());

describe("公示 control", () => {
  it("lists closed village matters masked, but not personal categories or 代表码 matters by default", async () => {
    for (const page of [await stationPage(), await deputyPage()]) {
      expect(listed(page, road)).toBe(true);
      expect(page).toContain("138****5678");
      expect(listed(page, pension)).toBe(false);
      expect(listed(page, code)).toBe(false);
    }
    const detail = await staff.call("GET", `/api/ledger/${pension}`);
    expect(detail.body.publicDisplay).toEqual({ decision: null, shown: false, reason: "默认：「就业社保」属个人事项分类，不公示" });
  });

  it("hides a matter after the console action and shows it again, with both in the history", async () => {
    const hide = await staff.call("PUT", `/api/ledger/${road}/public`, { hidden: true });
    expect(hide.status).toBe(200);
    expect(hide.body.message).toBe(`#${road} 已设为不公示：公示页不显示。`);
    expect(listed(await stationPage(), road)).toBe(false);
    expect(listed(await deputyPage(), road)).toBe(false);

    const show = await staff.call("PUT", `/api/ledger/${road}/public`, { hidden: false });
    expect(show.body.shown).toBe(true);
    expect(listed(await stationPage(), road)).toBe(true);
    expect(listed(await deputyPage(), road)).toBe(true);

    const history = (await staff.call("GET", `/api/ledger/${road}`)).body.timeline.slice(-2);
    expect(history.map((e: any) => [e.action, e.label, e.actorName])).toEqual([
      ["publicHide", "设为不公示", "刘站长"],
      ["publicShow", "设为公示", "刘站长"],
    ]);
  });

  it("lets staff show a personal-category matter and return it to the default", async () => {
    await staff.call("PUT", `/api/ledger/${pension}/public`, { hidden: false });
    expect(listed(await stationPage(), pension)).toBe(true);
    const back = await staff.call("PUT", `/api/ledger/${pension}/public`, { hidden: null });
    expect(back.body).toMatchObject({ decision: null, shown: false });
    expect(listed(await stationPage(), pension)).toBe(false);
  });

  it("refuses another station's staff and bad input, changing nothing", async () => {
    const refused = await otherStaff.call("PUT", `/api/ledger/${road}/public`, { hidden: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain("无权");
    const bad = await staff.call("PUT", `/api/ledger/${road}/public`, { hidden: "yes" });
    expect(bad.status).toBe(400);
    const noCsrf = await staff.call("PUT", `/api/ledger/${road}/public`, { hidden: true }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(listed(await stationPage(), road)).toBe(true);
  });
});

const CHROMIUM = "/usr/bin/chromium";

describe.skipIf(!existsSync(CHROMIUM))("公示 switch on the console detail page (Chromium)", () => {
  it("hides and shows the matter with the buttons, and the station page follows", async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${t.baseUrl}/console`);
      await page.fill("#username", "liu");
      await page.fill("#password", STAFF_PASSWORD);
      await page.click("#login-form button[type=submit]");
      await page.waitForSelector("#ledger");
      await page.goto(`${t.baseUrl}/console#/opinion/${road}`);
      await page.waitForSelector("#public-card");
      expect(await page.textContent("#public-status")).toContain("办结后在公示页显示");
      await page.click("#public-hide");
      await expect.poll(() => page.textContent("#action-done")).toBe(`#${road} 已设为不公示：公示页不显示。`);
      expect(await page.textContent("#public-status")).toContain("不在公示页显示（工作人员设置）");
      expect(await page.textContent("#timeline")).toContain("设为不公示");
      expect(listed(await stationPage(), road)).toBe(false);
      await page.click("#public-show");
      await expect.poll(() => page.textContent("#action-done")).toContain("已设为公示");
      expect(listed(await stationPage(), road)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
