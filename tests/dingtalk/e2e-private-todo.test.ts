// G-4 on DingTalk: a deputy's 待办 in a village group answers in the group without the 代表码 matter
// and sends that matter to the deputy's 1-on-1 chat (oToMessages, by staff userId).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm } from "../code/helpers.ts";
import { liu, replyText, startDingtalkVillage, wang, type DingtalkEnv, type DingtalkGroup } from "./e2e-helpers.ts";

const zhang = { staffId: "u-zhang", nick: "张大爷" };

let env: DingtalkEnv;
let group: DingtalkGroup;
let code: number;

beforeAll(async () => {
  ({ env, group } = await startDingtalkVillage("http", { id: "cidPrivateTodo==", title: "幸福村村民群" }));
  expect(replyText(await group.say(liu, "绑定本群 东风镇"))).toContain("已绑定");
  await group.say(zhang, "意见 村口的路灯坏了一个星期");
  const deputy = await env.app.db.deputy.findFirstOrThrow();
  const page = await postForm(`${env.baseUrl}/d/${deputy.slug}`, {
    text: "王书记你好 我们组的灌溉水渠被人堵了",
    category: "农业农村",
    place: "五组",
    phone: "",
    website: "",
  });
  code = Number(/编号 #(\d+)/.exec(page.body)![1]);
  await group.settle();
});
afterAll(async () => env?.stop());

describe("待办 in a DingTalk group", () => {
  it("keeps the 代表码 matter out of the group and sends it to the deputy's 1-on-1 chat", async () => {
    const before = env.fake.api.directSends.length;
    const reply = replyText(await group.say(wang, "待办"));
    expect(reply).toContain("村口的路灯坏了");
    expect(reply).not.toContain("灌溉");
    expect(reply).not.toContain(`#${code}`);
    expect(reply).toContain("已私信发给您");
    const sent = env.fake.api.directSends.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.userIds).toEqual([wang.staffId]);
    expect(JSON.stringify(sent[0]!.msgParam)).toContain("灌溉");
    expect(env.fake.api.groupSends.some((s) => JSON.stringify(s.msgParam).includes("灌溉"))).toBe(false);
  });
});
