import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedRoster(t.baseUrl);
  await new SimGroup(t.baseUrl, "c-village").say("staff-liu", "绑定本群 东风镇代表联络站");
});
afterAll(async () => t?.stop());

describe("concurrency", () => {
  it("two deputies claiming the same opinion at once: exactly one wins", async () => {
    const group = new SimGroup(t.baseUrl, "c-village");
    for (let round = 0; round < 5; round++) {
      const n = numberIn(await group.say("villager-zhang", `意见 第${round}号路口的红绿灯坏了，车子乱开`));
      // Direct chats, so the two commands are handled in parallel, not queued behind each other.
      const wang = new SimGroup(t.baseUrl, "dm-wang", undefined, "direct");
      const zhao = new SimGroup(t.baseUrl, "dm-zhao", undefined, "direct");
      const [a, b] = await Promise.all([wang.say("dep-wang", `认领 ${n}`), zhao.say("dep-zhao", `认领 ${n}`)]);
      const wins = [a, b].filter((r) => r.startsWith(`已认领 #${n}`));
      const losses = [a, b].filter((r) => r.includes("已被其他代表认领"));
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(1);
      const events = await t.app.db.opinionEvent.count({ where: { opinion: { number: n }, action: "claim" } });
      expect(events).toBe(1);
    }
  });

  it("numbers stay unique and gapless under parallel intake", async () => {
    const before = (await t.app.db.counter.findUnique({ where: { name: "opinion" } }))!.value;
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new SimGroup(t.baseUrl, `dm-v${i}`, undefined, "direct").say(`villager-${i}`, `意见 第${i}户门前的下水道堵了，污水漫到路上`),
      ),
    );
    const numbers = replies.map(numberIn).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => before + 1 + i));
  });
});
