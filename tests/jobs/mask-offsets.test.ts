// walk-through G-3 / security F2: a number cut by an excerpt must not leave its digits behind.
// Texts put a phone or ID number exactly where the 30-character (督办, 请您评价) and 60-character
// (/s/<id> 公示) excerpts cut; the posts and the public page show the text up to the number, then "…".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenario, type Scenario } from "./scenario.ts";

const BASE = "南头水渠堵塞好几天了下雨就漫到路上村民出行很不方便麻烦尽快安排人员疏通处理非常感谢我的电话是这个".repeat(2);
const prefix = (k: number) => [...BASE].slice(0, k).join("");
const PHONE = "15012345678";
const ID = "410522199001011234";
const secrets = [PHONE, ID];

/** No five digits in a row from any of the numbers, anywhere in the text. */
function expectNoDigitsOfSecrets(text: string) {
  for (const s of secrets) for (let i = 0; i + 5 <= s.length; i++) expect(text, `leaks ${s}`).not.toContain(s.slice(i, i + 5));
}

let s: Scenario;
const overdue: { n: number; k: number }[] = [];
const closed: { n: number; k: number }[] = [];
const published: { n: number; k: number }[] = [];

beforeAll(async () => {
  s = await startScenario();
  const { g, raise, sayAt } = s;
  for (const k of [22, 25, 28]) {
    const n = await raise("2026-11-02 10:00", g.dongfeng, "v-zhang", `#道路交通 ${prefix(k)}${PHONE}`);
    await sayAt("2026-11-02 10:01", g.dongfeng, "staff-liu", `转办 ${n} 县交通运输局 1天`);
    overdue.push({ n, k });
  }
  const id = await raise("2026-11-02 10:00", g.dongfeng, "v-zhang", `#道路交通 ${prefix(20)}身份证${ID}`);
  await sayAt("2026-11-02 10:01", g.dongfeng, "staff-liu", `转办 ${id} 县交通运输局 1天`);
  overdue.push({ n: id, k: 23 });
  for (const k of [22, 27, 29]) {
    const n = await raise("2026-11-02 11:00", g.dongfeng, "v-li", `${prefix(k)}${PHONE}`);
    await sayAt("2026-11-02 11:01", g.dongfeng, "dep-wang", `办结 ${n} A 已处理`);
    closed.push({ n, k });
  }
  for (const k of [50, 55]) {
    const n = await raise("2026-11-02 12:00", g.hongqi, "v-zhao", `${prefix(k)}${k === 50 ? PHONE : ID}`);
    await sayAt("2026-11-02 12:01", g.hongqi, "dep-wang", `办结 ${n} A 已疏通`);
    published.push({ n, k });
  }
}, 120_000);
afterAll(async () => s?.t.stop());

describe("a number where the excerpt cuts", () => {
  it("a 督办 post shows the text up to the number, then …", async () => {
    s.clock.set("2026-11-05 09:00");
    expect((await s.t.app.jobs.run("overdue")).failed).toBe(0);
    const [post] = await s.posts(s.g.staff, "【督办】");
    expect(post).toBeDefined();
    for (const { n, k } of overdue) expect(post).toContain(`#${n} 道路交通「${prefix(k === 23 ? 20 : k)}${k === 23 ? "身份证" : ""}…」`);
    expectNoDigitsOfSecrets(post!);
  });

  it("a 请您评价 reminder too", async () => {
    s.clock.set("2026-11-06 10:00");
    expect((await s.t.app.jobs.run("rating-reminder")).failed).toBe(0);
    const posts = await s.posts(s.g.dongfeng, "【请您评价】");
    expect(posts).toHaveLength(closed.length);
    for (const { n, k } of closed) {
      const post = posts.find((p) => p.includes(`#${n}`))!;
      expect(post).toContain(`您反映的「${prefix(k)}…」已办结`);
      expectNoDigitsOfSecrets(post);
    }
  });

  it("and the public 公示 page /s/<id>", async () => {
    const res = await fetch(`${s.t.baseUrl}/s/${s.roster.east.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const { k } of published) expect(html).toContain(`${prefix(k)}…`);
    expectNoDigitsOfSecrets(html);
  });
});
