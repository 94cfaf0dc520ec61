import { describe, expect, it } from "vitest";
import { byteLength, splitMarkdown, splitNumbered } from "../../src/channels/wecom/split.ts";

describe("splitMarkdown", () => {
  it("keeps a short text as one part and drops empty input", () => {
    expect(splitMarkdown("**标题**\n内容")).toEqual(["**标题**\n内容"]);
    expect(splitMarkdown("")).toEqual([]);
    expect(splitMarkdown("\n\n  \n")).toEqual([]);
  });

  it("cuts at line boundaries, every part within the byte budget, nothing lost", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- 第 ${i + 1} 条意见：村口路灯不亮，夜间出行不便，请尽快维修。`);
    const text = lines.join("\n");
    const parts = splitMarkdown(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(byteLength(p)).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(text);
    // no line was cut: every part consists of whole lines
    for (const p of parts) for (const l of p.split("\n")) expect(lines).toContain(l);
  });

  it("cuts an over-long line between characters, never inside a multi-byte one", () => {
    const line = "路灯坏了😀".repeat(500); // 3-byte CJK and a 4-byte emoji (surrogate pair in JS)
    const parts = splitMarkdown(line, 100);
    for (const p of parts) {
      expect(byteLength(p)).toBeLessThanOrEqual(100);
      expect(p).not.toContain("\uFFFD");
      expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false); // no dangling high surrogate
    }
    expect(parts.join("")).toBe(line);
  });

  it("counts bytes, not characters: 1,366 CJK characters do not fit in 4,096 bytes", () => {
    const text = "意".repeat(1366); // 4,098 bytes
    const parts = splitMarkdown(text, 4096);
    expect(parts.map(byteLength)).toEqual([4095, 3]);
  });
});

describe("splitNumbered", () => {
  it("numbers continuation parts and stays within the budget", () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}. 代表联络站本周共收到意见建议若干条，已全部登记。`).join("\n");
    const parts = splitNumbered(text, 4096);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    parts.forEach((p, i) => {
      expect(byteLength(p)).toBeLessThanOrEqual(4096);
      if (i > 0) expect(p.startsWith(`（续 ${i + 1}/${parts.length}）\n`)).toBe(true);
    });
    expect(parts[0].startsWith("1. ")).toBe(true);
  });

  it("leaves a single part unnumbered", () => {
    expect(splitNumbered("一行")).toEqual(["一行"]);
  });
});
