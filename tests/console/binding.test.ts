// Deputy binding codes: generated in the console, sent as 「绑定 <code>」 in a direct chat, one use only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/test-app.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { startConsoleFixture, type Roster } from "../helpers/console-fixture.ts";
import type { ConsoleClient } from "./client.ts";
import { parseCommand } from "../../src/bot/parse.ts";

let t: TestApp;
let roster: Roster;
let adminUser: ConsoleClient;
let staffUser: ConsoleClient;

beforeAll(async () => {
  ({ t, roster, adminUser, staffUser } = await startConsoleFixture());
});
afterAll(async () => t?.stop());

describe("binding codes", () => {
  it("parses only code-shaped arguments as the command", () => {
    expect(parseCommand("绑定 ab12cd34", true)).toEqual({ name: "bindIdentity", code: "AB12CD34" });
    expect(parseCommand("绑定本群 东风镇代表联络站", true)).toMatchObject({ name: "bindGroup" });
    expect(parseCommand("绑定银行卡被扣了手续费，希望有人管管", true)).toMatchObject({ name: "opinion" });
    expect(parseCommand("绑定", true)).toMatchObject({ name: "usage" });
  });

  it("links the deputy's account from a direct chat, once", async () => {
    const r = await staffUser.call("POST", "/api/binding-codes", { deputyId: roster.zhao.id });
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[A-Z2-9]{8}$/);
    const dm = new SimGroup(t.baseUrl, "dm-zhao", "", "direct");
    expect(await dm.say("zhao-new-phone", `绑定 ${r.body.code}`)).toContain("绑定成功");
    expect(await dm.say("zhao-new-phone", "亮身份")).toContain("赵丽");
    const other = new SimGroup(t.baseUrl, "dm-other", "", "direct");
    expect(await other.say("someone-else", `绑定 ${r.body.code}`)).toContain("无效");
    const deputies = (await adminUser.call("GET", "/api/roster/deputies")).body.items;
    expect(deputies.find((d: any) => d.name === "赵丽").identities).toEqual(expect.arrayContaining([{ platform: "simulator", userId: "zhao-new-phone" }]));
    const audit = (await adminUser.call("GET", "/api/audit")).body.entries;
    expect(audit.some((e: any) => e.action === "binding-code.create" && e.actor === "console:liu")).toBe(true);
  });

  it("voids a code that was sent in a group", async () => {
    const { code } = (await adminUser.call("POST", "/api/binding-codes", { deputyId: roster.wang.id })).body;
    const group = new SimGroup(t.baseUrl, "some-group", "某群");
    expect(await group.say("dep-wang-2", `绑定 ${code}`)).toContain("已作废");
    const dm = new SimGroup(t.baseUrl, "dm-wang", "", "direct");
    expect(await dm.say("dep-wang-2", `绑定 ${code}`)).toContain("无效");
  });

  it("refuses other stations' deputies and bad input", async () => {
    expect((await staffUser.call("POST", "/api/binding-codes", { deputyId: roster.sun.id })).status).toBe(403);
    expect((await staffUser.call("POST", "/api/binding-codes", { deputyId: "x" })).status).toBe(400);
    expect((await staffUser.call("POST", "/api/binding-codes", { deputyId: 9999 })).status).toBe(404);
  });
});
