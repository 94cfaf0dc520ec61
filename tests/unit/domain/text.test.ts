import { describe, expect, it } from "vitest";
import { normalizeText } from "../../../src/domain/text.ts";

describe("normalizeText", () => {
  it("turns full-width input into half-width", () => {
    expect(normalizeText("＃道路交通　村口路灯坏了")).toBe("#道路交通 村口路灯坏了");
    expect(normalizeText("评价　２７　满意")).toBe("评价 27 满意");
    expect(normalizeText("ＡＢＣ１２３＋＃")).toBe("ABC123+#");
  });

  it("keeps Chinese punctuation as typed, so stored opinions read naturally", () => {
    expect(normalizeText("时间：２０２６年１１月")).toBe("时间：2026年11月");
    expect(normalizeText("路灯坏了，晚上很黑！（东头）？")).toBe("路灯坏了，晚上很黑！（东头）？");
  });

  it("keeps Chinese punctuation that has no half-width form", () => {
    expect(normalizeText("路灯坏了。谢谢、辛苦")).toBe("路灯坏了。谢谢、辛苦");
  });

  it("removes zero-width characters and the BOM", () => {
    expect(normalizeText("\uFEFF路\u200B灯\u200C坏\u2060了")).toBe("路灯坏了");
    expect(normalizeText("#\u200B道路交通")).toBe("#道路交通");
  });

  it("removes control characters but keeps newlines", () => {
    expect(normalizeText("第一行\u0007\n第二行\u0000")).toBe("第一行\n第二行");
    expect(normalizeText("a\u001Bb\u007Fc\u0085d")).toBe("abcd");
  });

  it("converts CRLF and lone CR to LF", () => {
    expect(normalizeText("一\r\n二\r三")).toBe("一\n二\n三");
  });

  it("collapses spaces and tabs and trims every line", () => {
    expect(normalizeText("  村口   路灯\t\t坏了  \n   三天了   ")).toBe("村口 路灯 坏了\n三天了");
    expect(normalizeText("\n\n  路灯坏了  \n\n")).toBe("路灯坏了");
    expect(normalizeText("a\u00A0\u00A0b")).toBe("a b");
  });

  it("keeps blank lines between paragraphs", () => {
    expect(normalizeText("第一段\n\n第二段")).toBe("第一段\n\n第二段");
  });

  it("keeps emoji intact, including ZWJ sequences and modifiers", () => {
    expect(normalizeText("路灯坏了😡😡")).toBe("路灯坏了😡😡");
    const farmer = "\u{1F468}\u200D\u{1F33E}"; // 👨‍🌾
    expect(normalizeText(`农民${farmer}辛苦`)).toBe(`农民${farmer}辛苦`);
    expect(normalizeText("👍🏽好")).toBe("👍🏽好");
    const flag = "\u{1F3F3}\uFE0F\u200D\u{1F308}"; // 🏳️‍🌈
    expect(normalizeText(flag)).toBe(flag);
    expect(normalizeText("❤️谢谢")).toBe("❤️谢谢");
  });

  it("drops a ZWJ that joins nothing", () => {
    expect(normalizeText("路\u200D灯")).toBe("路灯");
  });

  it("returns an empty string for blank input", () => {
    expect(normalizeText("")).toBe("");
    expect(normalizeText(" \u3000\t\u200B\n ")).toBe("");
  });

  it("is idempotent", () => {
    const s = "＃环境卫生　\u200B垃圾  没人清😡\r\n  ２天了 ";
    expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });
});
