import { describe, expect, it } from "vitest";
import { findNearDuplicates, similarity } from "../../../src/domain/similarity.ts";

describe("similarity", () => {
  it("is 1 for identical texts", () => {
    expect(similarity("村口路灯坏了", "村口路灯坏了")).toBe(1);
    expect(similarity("", "")).toBe(1);
  });

  it("is 1 when only wrapping differs: punctuation, spaces, emoji, tags, intake words", () => {
    expect(similarity("村口路灯坏了", "反映：村口路灯坏了！！😡")).toBe(1);
    expect(similarity("#市政设施 村口 路灯 坏了", "村口路灯坏了")).toBe(1);
    expect(similarity("＃市政设施＃村口路灯坏了", "村口路灯坏了。")).toBe(1);
    expect(similarity("我要投诉建议：村口路灯坏了", "村口路灯坏了")).toBe(1);
    expect(similarity("求助 #27 村口路灯坏了", "村口路灯坏了")).toBe(1);
    expect(similarity("@张代表 村口路灯坏了", "村口路灯坏了")).toBe(1);
  });

  it("is symmetric and within [0, 1]", () => {
    const texts = ["村口路灯坏了三天了", "反映：村口的路灯坏了好几天了", "西街垃圾没人清", "停水", "😀", ""];
    for (const a of texts) {
      for (const b of texts) {
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(b, a)).toBe(s);
      }
    }
  });

  it("flags the same complaint told in other words", () => {
    expect(similarity("村口路灯坏了三天了", "反映：村口的路灯坏了好几天了")).toBeGreaterThanOrEqual(0.6);
    expect(similarity("村西头垃圾堆好几天没人清了，臭死了", "建议：村西头的垃圾好几天没人清理了😡")).toBeGreaterThanOrEqual(0.6);
    expect(similarity("村卫生室没有医生", "村卫生室经常没有医生")).toBeGreaterThanOrEqual(0.6);
  });

  it("does not flag unrelated complaints", () => {
    expect(similarity("东村路灯坏了", "西街垃圾没人清")).toBeLessThan(0.6);
    expect(similarity("我家低保被取消了", "幼儿园学费太贵了")).toBe(0);
    expect(similarity("停水了", "停电了")).toBeLessThan(0.6);
    expect(similarity("小区电梯坏了", "小区门口路灯坏了")).toBeLessThan(0.6);
  });

  it("does not let a shared category tag make different complaints alike", () => {
    expect(similarity("#环境卫生 东村垃圾没人清", "#环境卫生 西街污水横流")).toBe(0);
  });

  it("is 0 when a message has no content left", () => {
    expect(similarity("😀😀", "村口路灯坏了")).toBe(0);
    expect(similarity("👍", "👌")).toBe(0);
  });

  it("compares one-character messages", () => {
    expect(similarity("臭！", "臭")).toBe(1);
  });

  it("surfaces the same fault in a neighbouring village for staff to confirm", () => {
    // Bigrams cannot tell 东村 from 西村; duplicates are suggestions, not merges.
    expect(similarity("东村路灯坏了", "西村路灯坏了")).toBeGreaterThanOrEqual(0.6);
  });
});

describe("findNearDuplicates", () => {
  const candidates = [
    { id: 1, text: "西街垃圾没人清" },
    { id: 2, text: "反映：村口的路灯坏了好几天了" },
    { id: 3, text: "村口路灯坏了三天了！" },
    { id: 4, text: "幼儿园学费太贵了" },
    { id: 5, text: "#市政设施 村口路灯坏了三天了" },
  ];

  it("returns the candidates above the threshold, best first, ties by id", () => {
    expect(findNearDuplicates("村口路灯坏了三天了", candidates)).toEqual([
      { id: 3, score: 1 },
      { id: 5, score: 1 },
      { id: 2, score: expect.closeTo(0.706, 3) },
    ]);
  });

  it("honours a custom threshold", () => {
    expect(findNearDuplicates("村口路灯坏了三天了", candidates, 0.9).map((r) => r.id)).toEqual([3, 5]);
    expect(findNearDuplicates("村口路灯坏了三天了", candidates, 0).map((r) => r.id)).toEqual([3, 5, 2, 1, 4]);
  });

  it("returns nothing for an unrelated text or no candidates", () => {
    expect(findNearDuplicates("我家低保被取消了", candidates)).toEqual([]);
    expect(findNearDuplicates("村口路灯坏了", [])).toEqual([]);
  });
});
