// Session lifetime (CONSOLE_SESSION_HOURS) and the first administrator from the command line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { ConsoleClient } from "./client.ts";

const run = promisify(execFile);
const apps: TestApp[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const a of apps) await a.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("console sessions", () => {
  it("end after CONSOLE_SESSION_HOURS", async () => {
    let clock = new Date("2026-03-02T01:00:00Z");
    const t = await startTestApp({ CONSOLE_SESSION_HOURS: "1" }, { now: () => clock });
    apps.push(t);
    await admin(t.baseUrl, "POST", "/api/auth/bootstrap", { username: "boss", password: "boss-pass-2026" });
    const c = new ConsoleClient(t.baseUrl);
    await c.login("boss", "boss-pass-2026");
    expect((await c.call("GET", "/api/ledger")).status).toBe(200);
    clock = new Date(clock.getTime() + 61 * 60_000);
    expect((await c.call("GET", "/api/ledger")).status).toBe(401);
  });
});

describe("npm run console:create-admin", () => {
  it("creates an administrator who can sign in, and refuses a weak password", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "renda-cli-"));
    dirs.push(dir);
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent" };
    const weak = await run("npx", ["tsx", "scripts/console-create-admin.ts", "boss"], { env: { ...env, CONSOLE_ADMIN_PASSWORD: "short" } }).catch((e) => e);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("密码至少");
    const ok = await run("npx", ["tsx", "scripts/console-create-admin.ts", "boss"], { env: { ...env, CONSOLE_ADMIN_PASSWORD: "cli-pass-2026" } });
    expect(ok.stdout).toContain("已创建管理员账号「boss」");
    const t = await startTestApp({ DATA_DIR: dir, DATABASE_URL: "" });
    apps.push(t);
    const c = new ConsoleClient(t.baseUrl);
    expect((await c.login("boss", "cli-pass-2026")).body.role).toBe("admin");
  }, 60_000);
});
