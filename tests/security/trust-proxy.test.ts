// TRUST_PROXY decides whose X-Forwarded-For sets req.ip, the key of every per-IP limit (代表码 form,
// console sign-in). A client that writes the header itself must not get a fresh budget per request.
import { afterEach, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/app.ts";
import { loadConfig } from "../../src/config.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";
import { postForm } from "../code/helpers.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** The app with a per-IP budget of 2 submissions; returns the 代表码 page of a deputy. */
async function start(trustProxy?: string): Promise<string> {
  t = await startTestApp({ CODE_RATE_PER_IP: "2", CODE_RATE_PER_DEVICE: "1000", ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}) });
  const roster = await seedRoster(t.baseUrl);
  return `${t.baseUrl}/d/${roster.wang.slug}`;
}

/** Three submissions from a phone without a device cookie (only the IP counts), each with its own header. */
async function threeWith(page: string, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await postForm(page, { text: `第${i}件事：村口的路灯坏了`, website: "" }, { ip: forwardedFor(i) })).status);
  return statuses;
}

describe("X-Forwarded-For and the per-IP limit", () => {
  it("TRUST_PROXY=off: a spoofed address per request does not escape the limit", async () => {
    const page = await start("off");
    expect(await threeWith(page, (i) => `203.0.113.${i + 1}`)).toEqual([201, 201, 429]);
  });

  it("a trusted list that does not include the peer: the header is ignored", async () => {
    const page = await start("10.0.0.0/8,192.168.0.1");
    expect(await threeWith(page, (i) => `203.0.113.${i + 1}`)).toEqual([201, 201, 429]);
  });

  it("default (loopback): a proxy on this machine tells each client apart", async () => {
    const page = await start();
    expect(await threeWith(page, (i) => `203.0.113.${i + 1}`)).toEqual([201, 201, 201]);
    expect(await threeWith(page, () => "198.51.100.7")).toEqual([201, 201, 429]);
  });

  it("default (loopback): what the client wrote before the proxy's own entry does not count", async () => {
    const page = await start();
    // The proxy appends the address it saw; the client's own guesses stay to the left.
    expect(await threeWith(page, (i) => `10.9.9.${i + 1}, 198.51.100.8`)).toEqual([201, 201, 429]);
  });

  it("a number of hops is honoured from the trusted proxy", async () => {
    const page = await start("1");
    expect(await threeWith(page, (i) => `203.0.113.${i + 1}`)).toEqual([201, 201, 201]);
  });
});

describe("which peers are trusted", () => {
  const trusts = (value: string) => createHttpApp(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).get("trust proxy fn") as (addr: string, i: number) => boolean;

  it("by default only a proxy on this machine", () => {
    const fn = createHttpApp(loadConfig({}).TRUST_PROXY).get("trust proxy fn") as (addr: string, i: number) => boolean;
    expect([fn("127.0.0.1", 0), fn("::1", 0), fn("203.0.113.5", 0), fn("10.0.0.2", 0), fn("192.168.1.1", 0)]).toEqual([true, true, false, false, false]);
  });

  it("off trusts nobody; a CIDR list trusts its ranges only", () => {
    expect(trusts("off")("127.0.0.1", 0)).toBe(false);
    const fn = trusts("10.0.0.0/8, 192.168.1.5");
    expect([fn("10.20.30.40", 0), fn("192.168.1.5", 0), fn("192.168.1.6", 0), fn("127.0.0.1", 0)]).toEqual([true, true, false, false]);
  });
});
