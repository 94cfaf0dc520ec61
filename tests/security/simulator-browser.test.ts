// F4 in real headless Chromium: the red team's stored XSS (a script as a chat line, a chatId that breaks
// out of <option value="…">, HTML in names) shows as text when a signed-in console admin opens the
// simulator, and creates no account.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { ADMIN_PASSWORD } from "../console/client.ts";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`跳过浏览器测试：未找到 ${CHROMIUM}（Debian 的 chromium 包，.ci/run 会安装）`);

// Reproduction 1 of F4, verbatim: run, it makes an admin account with the visitor's session.
const TAKEOVER =
  "fetch('/api/auth/me').then(r=>r.json()).then(m=>fetch('/api/accounts',{method:'POST',headers:{'content-type':'application/json','x-csrf-token':m.csrfToken},body:JSON.stringify({username:'xss-admin',password:'Attacker12345',role:'admin'})})).then(r=>{document.title='PWNED '+r.status})";
const BREAKOUT_CHAT = `"><img src=x onerror="fetch('/api/simulator/chats/p/messages').then(r=>r.json()).then(j=>eval(j.messages[0].text))">`;
const HTML_NAME = `<img src=x onerror="document.title='PWNED name'">幸福村二组`;

async function post(baseUrl: string, body: Record<string, unknown>) {
  const res = await fetch(`${baseUrl}/api/simulator/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

let t: TestApp;
let browser: Browser;

describe.skipIf(!haveChromium)("simulator in Chromium with the F4 payloads", () => {
  beforeAll(async () => {
    t = await startTestApp({ SIMULATOR_ENABLED: "true" });
    expect((await admin(t.baseUrl, "POST", "/api/auth/bootstrap", { username: "chen", displayName: "陈主任", password: ADMIN_PASSWORD })).status).toBe(201);
    // Anyone with the simulator open: the script as the first line of chat "p", then a group whose ID breaks out.
    await post(t.baseUrl, { chatId: "p", senderId: "x", mentionsBot: false, text: TAKEOVER });
    await new SimGroup(t.baseUrl, "p", "幸福村一组").say("x", "你好");
    await post(t.baseUrl, { chatId: BREAKOUT_CHAT, chatName: "幸福村三组", senderId: "x", text: "你好", mentionsBot: true });
    await post(t.baseUrl, { chatId: "named", chatName: HTML_NAME, senderId: "x", senderName: HTML_NAME, text: "你好", mentionsBot: true });
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

  it("an admin signed in to the console opens /simulator: every payload is text, no account is created", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(`${t.baseUrl}/console`);
    await page.fill("#username", "chen");
    await page.fill("#password", ADMIN_PASSWORD);
    await page.click("#login-form button[type=submit]");
    await page.waitForSelector("#ledger");

    await page.goto(`${t.baseUrl}/simulator`);
    await expect.poll(() => page.locator("#chat option").count()).toBe(4);
    const options = await page.$$eval("#chat option", (os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent })));
    expect(options).toContainEqual({ value: BREAKOUT_CHAT, text: "幸福村三组（未绑定）" });
    expect(options).toContainEqual({ value: "named", text: `${HTML_NAME}（未绑定）` });

    // The transcript of "p" starts with the script, shown as what was typed.
    await page.selectOption("#chat", "p");
    await expect.poll(() => page.locator("#log .bubble").first().textContent()).toBe(TAKEOVER);
    // The group with HTML in its name and sender name: shown as typed.
    await page.selectOption("#chat", "named");
    await expect.poll(() => page.locator("#log .who").first().textContent()).toBe(HTML_NAME);
    // The first chat (the breakout ID) is read through the API by its exact ID.
    await page.selectOption("#chat", BREAKOUT_CHAT);
    await expect.poll(() => page.locator("#log .bubble").first().textContent()).toBe("你好");

    await page.waitForTimeout(2000); // two more polls: time for any payload that did get in to run
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.title()).toBe("群聊模拟器 · 人大代表联络助手");
    expect(dialogs).toEqual([]);
    expect((await t.app.db.consoleAccount.findMany()).map((a) => a.username)).toEqual(["chen"]);
    await page.close();
  }, 60_000);
});
