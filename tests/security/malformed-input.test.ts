// F11: malformed input from browsers and HTTP clients gets a 4xx with a reason, and is logged below
// error level: a broken cookie, impossible dates, out-of-range numbers, a broken percent-escape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createLogger } from "../../src/logger.ts";
import { ConsoleClient, consoleUsers } from "../console/client.ts";

let t: TestApp;
let adminUser: ConsoleClient;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, { logger: createLogger("info", { write: (s: string) => void lines.push(s) }) });
  const station = await admin(t.baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" });
  ({ adminUser } = await consoleUsers(t.baseUrl, [station.body.id]));
});
afterAll(async () => t?.stop());

/** Runs `fn` and returns the levels of the log lines it caused. */
async function levelsDuring(fn: () => Promise<unknown>): Promise<number[]> {
  const from = lines.length;
  await fn();
  return lines.slice(from).map((l) => JSON.parse(l).level as number);
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.baseUrl}${path}`, { headers });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: type.includes("json") ? ((await res.json()) as { error?: string; fields?: Record<string, string> }) : await res.text() };
}
const signedIn = () => ({ cookie: adminUser.cookie });

describe("malformed input", () => {
  it("a cookie that is not valid percent-encoding reads as signed out (401), not a 503 for every /api call", async () => {
    const levels = await levelsDuring(async () => {
      for (const path of ["/api/auth/me", "/api/ledger"]) {
        const r = await get(path, { cookie: "renda_console=%E0%A4%A" });
        expect(r.status).toBe(401);
        expect((r.body as { error: string }).error).toMatch(/登录/);
      }
      // Another site's broken cookie next to a good session does not sign the user out.
      expect((await get("/api/auth/me", { cookie: `tracker=%E0%A4%A; ${adminUser.cookie}` })).status).toBe(200);
    });
    expect(levels.every((l) => l < 50)).toBe(true);
  });

  it("impossible dates in the ledger, its export and the statistics are 400 with the field", async () => {
    const levels = await levelsDuring(async () => {
      for (const [path, field] of [
        ["/api/ledger?from=2024-13-01", "from"],
        ["/api/ledger?to=0000-00-00", "to"],
        ["/api/ledger?from=2024-02-31", "from"],
        ["/api/ledger/export.xlsx?from=9999-99-99", "from"],
        ["/api/stats?to=2024-99-99", "to"],
        ["/api/stats?from=2024-02-30", "from"],
      ] as const) {
        const r = await get(path, signedIn());
        expect(r.status, path).toBe(400);
        expect((r.body as { fields: Record<string, string> }).fields[field], path).toBe("不是有效的日期（YYYY-MM-DD）");
      }
      expect((await get("/api/ledger?from=2024-02-29&to=2024-03-01", signedIn())).status).toBe(200);
    });
    expect(levels.every((l) => l < 50)).toBe(true);
  });

  it("page numbers and ids beyond what the database holds are 400", async () => {
    const levels = await levelsDuring(async () => {
      for (const path of [
        "/api/ledger?page=1e400",
        "/api/ledger?page=99999999999",
        "/api/audit?page=99999999999",
        "/api/ledger?station=99999999999",
        "/api/ledger/99999999999",
        "/api/opinions?page=99999999999",
      ]) {
        const r = await get(path, signedIn());
        expect(r.status, path).toBe(400);
        expect((r.body as { error: string }).error, path).toContain("输入有误");
      }
    });
    expect(levels.every((l) => l < 50)).toBe(true);
  });

  it("the simulator's after= and a broken escape in a public page path are 400", async () => {
    const levels = await levelsDuring(async () => {
      for (const after of ["1e400", "99999999999999999999", "-1", "abc"]) {
        const r = await get(`/api/simulator/chats/demo-village/messages?after=${after}`);
        expect(r.status, after).toBe(400);
        expect((r.body as { error: string }).error).toContain("after");
      }
      expect((await get("/api/simulator/chats/demo-village/messages?after=0")).status).toBe(200);
      const page = await get("/d/%E0%A4%A");
      expect(page.status).toBe(400);
      expect(page.body).toContain("链接有误");
    });
    expect(levels.every((l) => l < 50)).toBe(true);
  });
});
