// Script payloads for every HTML door, and the browser-side proof that none of them ran or became markup.
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Each payload sets window.__pwned or opens a dialog if it ever runs; none contains a phone-like number. */
export const XSS = {
  img: `<img src=x onerror=window.__pwned=1>`,
  script: `"><script>window.__pwned=1</script>`,
  svg: `"><svg/onload=window.__pwned=1>`, // no spaces or 、: usable as a station name in a roster import
  textarea: `</textarea><img src=x onerror=alert(1)>`,
  dq: `" autofocus onfocus="window.__pwned=1" x="`,
  sq: `' autofocus onfocus='window.__pwned=1' x='`,
  js: `javascript:window.__pwned=1`,
  short: `<svg/onload=alert()>`, // 20 characters: fits a category name
} as const;

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A context that ignores the Content-Security-Policy: the CSP is a second net, and these tests prove the first
 * one (escaping), so a payload that slipped through must be free to run and be caught.
 */
export async function attackerContext(browser: Browser): Promise<{ context: BrowserContext; dialogs: string[] }> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  context.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { context, dialogs };
}

/** What a page's DOM says about injection: any run payload, event-handler attribute, script or javascript: URL from data. */
export async function injectionReport(page: Page): Promise<{ pwned: unknown; handlers: string[]; scripts: string[]; jsUrls: string[] }> {
  // Give onerror/onload/onfocus handlers a moment to fire if any element was injected.
  await page.waitForTimeout(150);
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`)),
      scripts: [...document.scripts].map((s) => s.text).filter((t) => t.includes("__pwned") || t.includes("alert")),
      jsUrls: all.flatMap((el) => ["href", "src", "action", "formaction"].map((n) => el.getAttribute(n) ?? "").filter((v) => /^\s*javascript:/i.test(v))),
    };
  });
}

export const CLEAN = { pwned: undefined, handlers: [], scripts: [], jsUrls: [] };
