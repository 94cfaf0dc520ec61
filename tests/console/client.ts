// A console user in tests: keeps the session cookie and sends the CSRF token like the web page does.
import { admin } from "../helpers/test-app.ts";

export class ConsoleClient {
  cookie = "";
  csrf = "";
  setCookie = "";
  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string) {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    if (res.ok) {
      this.setCookie = res.headers.get("set-cookie") ?? "";
      this.cookie = this.setCookie.split(";")[0];
      this.csrf = body.csrfToken;
    }
    return { status: res.status, body };
  }

  async call<T = any>(method: string, path: string, body?: unknown, opts: { csrf?: boolean } = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(opts.csrf !== false && this.csrf ? { "x-csrf-token": this.csrf } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const type = res.headers.get("content-type") ?? "";
    const out = type.includes("json") ? await res.json() : type.includes("text") ? await res.text() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: out as T, headers: res.headers };
  }
}

export const ADMIN_PASSWORD = "admin-pass-2026";
export const STAFF_PASSWORD = "staff-pass-2026";

/** The first administrator (via ADMIN_TOKEN) and a staff account for one station, both signed in. */
export async function consoleUsers(baseUrl: string, staffStationIds: number[]) {
  const boot = await admin(baseUrl, "POST", "/api/auth/bootstrap", { username: "chen", displayName: "陈主任", password: ADMIN_PASSWORD });
  if (boot.status !== 201) throw new Error(`bootstrap: ${JSON.stringify(boot)}`);
  const adminUser = new ConsoleClient(baseUrl);
  await adminUser.login("chen", ADMIN_PASSWORD);
  const created = await adminUser.call("POST", "/api/accounts", {
    username: "liu",
    displayName: "刘站长",
    password: STAFF_PASSWORD,
    role: "staff",
    stationIds: staffStationIds,
  });
  if (created.status !== 201) throw new Error(`account: ${JSON.stringify(created)}`);
  const staffUser = new ConsoleClient(baseUrl);
  await staffUser.login("liu", STAFF_PASSWORD);
  return { adminUser, staffUser };
}
