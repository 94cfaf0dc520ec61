// Double taps and floods arriving at the same instant: the per-deputy lock keeps both rules exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";
import { postForm } from "./helpers.ts";

let t: TestApp;
let page: string;

beforeAll(async () => {
  t = await startTestApp({ CODE_RATE_PER_IP: "1000", CODE_RATE_PER_DEVICE: "100" });
  const roster = await seedRoster(t.baseUrl);
  page = `${t.baseUrl}/d/${roster.wang.slug}`;
});
afterAll(async () => t?.stop());

describe("代表码 under concurrency", () => {
  it("five simultaneous identical posts from one phone make one matter", async () => {
    const phone = { cookie: "rd_dev=double-tap-device-0001", ip: "10.3.0.1" };
    const results = await Promise.all(Array.from({ length: 5 }, () => postForm(page, { text: "桥头护栏断了，孩子上学很危险", website: "" }, phone)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await t.app.db.opinion.count()).toBe(1);
  });

  it("a simultaneous flood from many phones reaches the deputy as one notice", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postForm(page, { text: `第${i}户反映：自来水发黄`, website: "" }, { cookie: `rd_dev=flood-device-${String(i).padStart(6, "0")}`, ip: `10.4.0.${i}` }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => /编号 #(\d+)/.exec(r.body)![1])).size).toBe(8);
    expect(await t.app.db.outboxMessage.count({ where: { chatType: "direct", chatId: "dep-wang" } })).toBe(1);
  });
});
