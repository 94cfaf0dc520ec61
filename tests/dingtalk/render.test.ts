import { describe, expect, it } from "vitest";
import { openApiMessage, webhookBody } from "../../src/channels/dingtalk/payloads.ts";
import { commandUrl, renderMessage, toMarkdown } from "../../src/channels/dingtalk/render.ts";
import { jsonBytes, splitByBytes } from "../../src/channels/dingtalk/split.ts";
import { trusted } from "../../src/domain/rich-text.ts";

const rating = {
  title: trusted("#27 已办结，请评价"),
  body: trusted("您反映的 #27 已办结：路灯已修复。\n请评价办理结果："),
  card: "rating" as const,
  buttons: [
    { label: "满意", command: "评价 27 满意" },
    { label: "基本满意", command: "评价 27 基本满意" },
    { label: "不满意", command: "评价 27 不满意" },
  ],
  mentions: ["u100"],
};

describe("render", () => {
  it("separates paragraphs but keeps list items together", () => {
    expect(toMarkdown("第一行\n第二行\n- 甲\n- 乙\n\n尾")).toBe("第一行\n\n第二行\n\n- 甲\n- 乙\n\n尾");
  });

  it("renders a rating card as an ActionCard whose buttons send the command back", () => {
    const r = renderMessage(rating);
    expect(r.parts).toHaveLength(1);
    const part = r.parts[0]!;
    expect(part.title).toBe("#27 已办结，请评价");
    expect(part.text).toContain("#### #27 已办结，请评价");
    expect(part.text).toContain("「评价 27 满意」"); // typed fallback when the body does not name the commands
    expect(part.buttons.map((b) => b.title)).toEqual(["满意", "基本满意", "不满意"]);
    expect(part.buttons[0]!.url).toBe(`dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent("评价 27 满意")}`);

    const api = openApiMessage(part);
    expect(api.msgKey).toBe("sampleActionCard3");
    const param = JSON.parse(api.msgParam);
    expect(param).toMatchObject({ title: part.title, actionTitle1: "满意", actionURL1: commandUrl("评价 27 满意"), actionTitle3: "不满意" });

    const hook = webhookBody(part, r.atUserIds);
    expect(hook).toMatchObject({ msgtype: "actionCard", at: { atUserIds: ["u100"], isAtAll: false } });
    expect((hook.actionCard as any).btns).toHaveLength(3);
    expect((hook.actionCard as any).text).toContain("@u100");
  });

  it("renders plain messages as markdown, a link as a one-button card", () => {
    const plain = renderMessage({ body: trusted("已受理 #12\n- 类别：道路"), card: "receipt" });
    expect(plain.parts[0]!.title).toBe("意见受理回执");
    expect(openApiMessage(plain.parts[0]!).msgKey).toBe("sampleMarkdown");
    expect(webhookBody(plain.parts[0]!, [])).toEqual({ msgtype: "markdown", markdown: { title: "意见受理回执", text: "已受理 #12\n\n- 类别：道路" } });

    const identity = renderMessage({ body: trusted("我是县人大代表张三"), card: "identity", url: "https://example.org/d/3" });
    const api = openApiMessage(identity.parts[0]!);
    expect(api.msgKey).toBe("sampleActionCard");
    expect(JSON.parse(api.msgParam)).toMatchObject({ singleTitle: "查看详情", singleURL: "https://example.org/d/3" });
  });

  it("never @-mentions encrypted ids", () => {
    expect(renderMessage({ body: trusted("x"), mentions: ["$:LWCP_v1:$abc", "u1", "u1"] }).atUserIds).toEqual(["u1"]);
  });

  it("splits long markdown at line boundaries into parts whose msgParam fits 15,000 bytes", () => {
    const lines = Array.from({ length: 800 }, (_, i) => `- 第 ${i + 1} 条：村民反映的“路灯”问题已转交乡镇人民政府办理`);
    const r = renderMessage({ title: trusted("本周汇总"), body: trusted(lines.join("\n")), buttons: [{ label: "查询", command: "查询 1" }] });
    expect(r.parts.length).toBeGreaterThan(2);
    for (const part of r.parts) {
      expect(Buffer.byteLength(openApiMessage(part).msgParam)).toBeLessThanOrEqual(15_000);
      expect(part.text.split("\n").every((l) => l === "" || l.startsWith("- ") || l.startsWith("####") || l.startsWith("也可"))).toBe(true);
    }
    expect(r.parts.at(-1)!.buttons).toHaveLength(1);
    expect(r.parts[0]!.buttons).toHaveLength(0);
    expect(r.parts[1]!.title).toMatch(/^本周汇总（2\/\d+）$/);
    const rejoined = r.parts.map((p) => p.text).join("\n");
    for (const line of lines) expect(rejoined).toContain(line);
  });

  it("cuts a single overlong line between characters", () => {
    const parts = splitByBytes("路".repeat(10_000), 3_000);
    expect(parts.join("")).toBe("路".repeat(10_000));
    for (const p of parts) expect(jsonBytes(p)).toBeLessThanOrEqual(3_000);
  });
});
