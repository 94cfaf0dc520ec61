// F10: one group's push address accepts the connection and never answers. Other groups' messages
// must still go out (custom robot and OpenAPI alike), the slow group's own messages stay in order
// behind it, and the per-request timeout ends the wait. Through the real outbox and the fake DingTalk.
import { afterEach, describe, expect, it, vi } from "vitest";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { trusted } from "../../src/domain/rich-text.ts";
import { webhookText } from "../fakes/dingtalk-api.ts";
import { DingtalkGroup, replyText, seedDingtalkRoster, startDingtalkApp, type DingtalkEnv } from "./e2e-helpers.ts";

const liu = { staffId: "u-liu", nick: "刘站长" };
let env: DingtalkEnv | undefined;
afterEach(async () => {
  env?.fake.api.release();
  await env?.stop();
  env = undefined;
});

/** Three groups: one whose robot hangs, one with a healthy robot, one posted to through the OpenAPI. */
async function setUp(extra: Record<string, string>) {
  const e = (env = await startDingtalkApp("http", extra));
  await seedDingtalkRoster(e.baseUrl, { deputy: "u-wang", staff: liu.staffId });
  const slow = new DingtalkGroup(e, "http", "cidSlow==", "慢群");
  const robot = new DingtalkGroup(e, "http", "cidRobot==", "机器人群");
  const api = new DingtalkGroup(e, "http", "cidApi==", "接口群");
  for (const g of [slow, robot, api]) await g.say(liu, "绑定本群 东风镇");
  expect(replyText(await slow.say(liu, `设置推送地址 ${e.fake.api.customRobot("slow-robot")}`))).toContain("已设置");
  expect(replyText(await robot.say(liu, `设置推送地址 ${e.fake.api.customRobot("fast-robot")}`))).toContain("已设置");
  e.fake.api.hang("slow-robot");
  const post = (g: DingtalkGroup, text: string) =>
    enqueue(e.app.db, [{ platform: "dingtalk", chatId: g.id, chatType: "group", kind: "post", message: { body: trusted(text) } }]);
  return { e, slow, robot, api, post };
}

const texts = (e: DingtalkEnv, id: string) => e.fake.api.robotPosts.filter((p) => p.id === id).map((p) => webhookText(p.body));

describe("a hanging push address", () => {
  it("does not hold other groups' messages; its own wait in order behind it", async () => {
    // The request timeout is longer than the test waits: only independent deliveries can pass.
    const { e, slow, robot, api, post } = await setUp({ SEND_TIMEOUT_MS: "90000", OUTBOX_LEASE_MS: "180000" });
    for (const n of [1, 2, 3]) await post(slow, `慢群通知 ${n}`);
    e.app.outbox.nudge();
    await vi.waitFor(() => expect(e.fake.api.heldCount).toBe(1), { timeout: 20_000, interval: 50 });

    const apiSends = e.fake.api.groupSends.length;
    await post(robot, "机器人群通知");
    await post(api, "接口群通知");
    e.app.outbox.nudge();
    await vi.waitFor(
      () => {
        expect(texts(e, "fast-robot").join()).toContain("机器人群通知");
        expect(
          e.fake.api.groupSends
            .slice(apiSends)
            .map((s) => s.msgParam.text ?? "")
            .join(),
        ).toContain("接口群通知");
      },
      { timeout: 20_000, interval: 50 },
    );
    // The slow group's later messages have not overtaken its first.
    expect(e.fake.api.heldCount).toBe(1);
    expect(texts(e, "slow-robot")).toEqual([]);

    e.fake.api.release();
    await slow.settle();
    expect(texts(e, "slow-robot").map((t) => t.match(/慢群通知 \d/)?.[0])).toEqual(["慢群通知 1", "慢群通知 2", "慢群通知 3"]);
    expect(await e.app.db.outboxMessage.count({ where: { status: "PENDING" } })).toBe(0);
  }, 60_000);

  it("is given up after SEND_TIMEOUT_MS and retried later, the message kept", async () => {
    const { e, slow, post } = await setUp({ SEND_TIMEOUT_MS: "300" });
    await post(slow, "超时的通知");
    await slow.settle();
    const row = await e.app.db.outboxMessage.findFirstOrThrow({ where: { chatId: slow.id }, orderBy: { id: "desc" } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toMatch(/network: TimeoutError/);
    expect(texts(e, "slow-robot")).toEqual([]);
  });
});
