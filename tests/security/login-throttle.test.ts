// F8: console sign-in throttling counts failures, per account and address tightly and per address or
// per account more loosely, so that guessing somebody's password does not lock them out.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { ADMIN_PASSWORD, STAFF_PASSWORD, consoleUsers } from "../console/client.ts";
import { LOGIN_LIMITS, LOGIN_WINDOW_MS } from "../../src/http/auth/login-throttle.ts";

let t: TestApp;
let clock = new Date("2026-12-07T09:00:00Z").getTime();

beforeAll(async () => {
  t = await startTestApp({}, { now: () => new Date(clock) });
  const station = await admin(t.baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" });
  await consoleUsers(t.baseUrl, [station.body.id]);
});
afterAll(async () => t?.stop());

/** A sign-in from a given loopback address (the whole of 127.0.0.0/8 reaches the server). */
function login(from: string, username: string, password: string): Promise<{ status: number; retryAfter?: string; error?: string }> {
  const url = new URL(`${t.baseUrl}/api/auth/login`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: from, headers: { "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined, error: JSON.parse(body).error }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ username, password }));
  });
}

const statuses = async (n: number, f: (i: number) => Promise<{ status: number }>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await f(i)).status);
  return out;
};

describe("console sign-in throttle", () => {
  it("five wrong passwords stop that address, not the account: the right password from elsewhere signs in", async () => {
    expect(await statuses(LOGIN_LIMITS.perUserAndIp, () => login("127.0.0.11", "liu", "wrong-password"))).toEqual(Array(5).fill(401));
    const blocked = await login("127.0.0.11", "liu", STAFF_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.error).toBe("登录失败次数过多，请 15 分钟后再试。如忘记密码，请联系管理员重置。");
    expect(Number(blocked.retryAfter)).toBeGreaterThan(LOGIN_WINDOW_MS / 1000 - 60);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    expect((await login("127.0.0.12", "liu", STAFF_PASSWORD)).status).toBe(200);
    // The window passes and the first address may try again.
    clock += LOGIN_WINDOW_MS + 1000;
    expect((await login("127.0.0.11", "liu", STAFF_PASSWORD)).status).toBe(200);
  });

  it("successful sign-ins never count", async () => {
    expect(await statuses(25, () => login("127.0.0.13", "chen", ADMIN_PASSWORD))).toEqual(Array(25).fill(200));
  });

  it("one address trying many accounts is stopped for every account", async () => {
    const spray = await statuses(LOGIN_LIMITS.perIp, (i) => login("127.0.0.14", `user${i % 6}`, "guess-123456"));
    expect(spray).toEqual(Array(LOGIN_LIMITS.perIp).fill(401));
    expect((await login("127.0.0.14", "chen", ADMIN_PASSWORD)).status).toBe(429);
    expect((await login("127.0.0.15", "chen", ADMIN_PASSWORD)).status).toBe(200);
    clock += LOGIN_WINDOW_MS + 1000;
  });

  it("many addresses guessing one account: new addresses wait, the address it signed in from before does not", async () => {
    expect((await login("127.0.0.20", "chen", ADMIN_PASSWORD)).status).toBe(200);
    const attackers = Array.from({ length: LOGIN_LIMITS.perUser / LOGIN_LIMITS.perUserAndIp }, (_, i) => `127.0.1.${i + 1}`);
    for (const ip of attackers) expect(await statuses(LOGIN_LIMITS.perUserAndIp, () => login(ip, "chen", "guess-123456"))).toEqual(Array(5).fill(401));
    expect((await login("127.0.0.21", "chen", ADMIN_PASSWORD)).status).toBe(429);
    expect((await login("127.0.0.20", "chen", ADMIN_PASSWORD)).status).toBe(200);
    clock += LOGIN_WINDOW_MS + 1000;
    expect((await login("127.0.0.21", "chen", ADMIN_PASSWORD)).status).toBe(200);
  });

  it("parallel guesses count while their passwords are checked", async () => {
    const results = await Promise.all(Array.from({ length: 15 }, () => login("127.0.0.30", "liu", "parallel-guess")));
    const counts = results.reduce<Record<number, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
    expect(counts).toEqual({ 401: LOGIN_LIMITS.perUserAndIp, 429: 15 - LOGIN_LIMITS.perUserAndIp });
  });
});
