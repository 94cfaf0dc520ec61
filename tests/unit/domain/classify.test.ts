import { describe, expect, it } from "vitest";
import { classify, DEFAULT_CATEGORIES, DEFAULT_KEYWORDS, extractHashtagCategory, mergeDictionaries } from "../../../src/domain/classify.ts";
import { AMBIGUOUS_CASES, CLEAR_CASES } from "./classify-cases.ts";

describe("DEFAULT_CATEGORIES and DEFAULT_KEYWORDS", () => {
  it("lists the categories in the agreed order", () => {
    expect(DEFAULT_CATEGORIES).toEqual([
      "道路交通",
      "市政设施",
      "环境卫生",
      "教育",
      "医疗卫生",
      "养老助残",
      "就业社保",
      "农业农村",
      "社会治安",
      "住房物业",
      "水电气暖",
      "市场监管",
      "其他",
    ]);
  });

  it("has a rich word list for every category but 其他", () => {
    expect(Object.keys(DEFAULT_KEYWORDS)).toEqual([...DEFAULT_CATEGORIES]);
    for (const c of DEFAULT_CATEGORIES.filter((c) => c !== "其他")) {
      expect(DEFAULT_KEYWORDS[c].length, c).toBeGreaterThanOrEqual(40);
    }
    expect(DEFAULT_KEYWORDS["其他"]).toEqual([]);
  });

  it("puts every keyword in exactly one category", () => {
    const owner = new Map<string, string>();
    for (const [category, words] of Object.entries(DEFAULT_KEYWORDS)) {
      for (const w of words) {
        expect(owner.get(w), `${w} in ${owner.get(w)} and ${category}`).toBeUndefined();
        owner.set(w, category);
      }
    }
  });

  it("holds the collisions we settled", () => {
    const owner = (w: string) => Object.entries(DEFAULT_KEYWORDS).find(([, ws]) => ws.includes(w))?.[0];
    expect(owner("路灯")).toBe("市政设施");
    expect(owner("校车")).toBe("教育");
    expect(owner("医保")).toBe("就业社保");
    expect(owner("养老金")).toBe("就业社保");
    expect(owner("养老院")).toBe("养老助残");
    expect(owner("公厕")).toBe("环境卫生");
    expect(owner("监控")).toBe("社会治安");
    expect(owner("假种子")).toBe("市场监管");
    expect(owner("电线杆")).toBe("水电气暖");
  });
});

describe("classify: clear-cut villager messages", () => {
  it("has at least 60 cases and at least 4 per category", () => {
    expect(CLEAR_CASES.length).toBeGreaterThanOrEqual(60);
    for (const c of DEFAULT_CATEGORIES) {
      expect(CLEAR_CASES.filter((x) => x.category === c).length, c).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(CLEAR_CASES)("$category ← $text", ({ text, category }) => {
    expect(classify(text).category).toBe(category);
  });

  it("is 100% accurate on the clear-cut set", () => {
    const wrong = CLEAR_CASES.filter(({ text, category }) => classify(text).category !== category);
    expect(wrong).toEqual([]);
  });
});

describe("classify: ambiguous messages", () => {
  it.each(AMBIGUOUS_CASES)("%j gets a valid category", (text) => {
    const r = classify(text);
    expect(DEFAULT_CATEGORIES).toContain(r.category);
    expect(r.score).toBeGreaterThanOrEqual(0);
  });
});

describe("classify: scoring", () => {
  it("returns 其他 with score 0 when nothing matches", () => {
    expect(classify("谢谢代表👍")).toEqual({ category: "其他", score: 0, matched: [] });
    expect(classify("")).toEqual({ category: "其他", score: 0, matched: [] });
  });

  it("weighs a keyword by its length and counts it once", () => {
    expect(classify("停水")).toEqual({ category: "水电气暖", score: 2, matched: ["停水"] });
    expect(classify("停水停水停水").score).toBe(2);
    expect(classify("停水，天然气也停了")).toEqual({ category: "水电气暖", score: 5, matched: ["停水", "天然气"] });
  });

  it("lists matched keywords in the order they appear", () => {
    expect(classify("路面坑洼，还没有红绿灯").matched).toEqual(["路面", "坑洼", "红绿灯"]);
  });

  it("does not count a keyword inside a longer matched one", () => {
    const r = classify("卫生院");
    expect(r.category).toBe("医疗卫生");
    expect(r.matched).toEqual(["卫生院"]);
    expect(classify("信号灯坏了").category).toBe("道路交通");
    expect(classify("养老金少发了").matched).toEqual(["养老金"]);
  });

  it("breaks ties by the category order", () => {
    // 停车 (道路交通) and 物业 (住房物业) both weigh 2.
    expect(classify("物业 停车").category).toBe("道路交通");
    expect(classify("停车 物业").category).toBe("道路交通");
  });

  it("normalizes the text first", () => {
    expect(classify("路\u200B灯　坏了").category).toBe("市政设施");
    expect(classify("ＷＩＦＩ连不上").category).toBe("市政设施");
    expect(classify("路灯\n坏了").matched).toEqual(["路灯"]);
  });
});

describe("classify: custom dictionaries", () => {
  it("uses staff additions merged into the defaults", () => {
    const dict = mergeDictionaries(DEFAULT_KEYWORDS, { 道路交通: ["漫水桥"], 文化体育: ["文艺演出", "农家书屋"] });
    expect(classify("漫水桥一涨水就过不去", dict).category).toBe("道路交通");
    expect(classify("村里能不能多组织点文艺演出", dict)).toEqual({
      category: "文化体育",
      score: 4,
      matched: ["文艺演出"],
    });
    expect(classify("村里能不能多组织点文艺演出").category).toBe("其他");
  });

  it("normalizes staff keywords like the text", () => {
    const dict = mergeDictionaries(DEFAULT_KEYWORDS, { 市政设施: ["ＡＴＭ机"] });
    expect(classify("村里的atm机坏了", dict).category).toBe("市政设施");
  });

  it("lets a custom-only category win and ranks it after the defaults on ties", () => {
    expect(classify("喇叭", { 新类: ["喇叭"], 环境卫生: ["喇叭"] }).category).toBe("环境卫生");
    expect(classify("喇叭", { 新类: ["喇叭"] }).category).toBe("新类");
  });
});

describe("mergeDictionaries", () => {
  it("extends categories, appends new ones and drops duplicates and blanks", () => {
    const merged = mergeDictionaries({ 教育: ["学校", "老师"], 其他: [] }, { 教育: ["老师", " 校服 ", ""], 文化体育: ["篮球赛"] });
    expect(merged).toEqual({ 教育: ["学校", "老师", "校服"], 其他: [], 文化体育: ["篮球赛"] });
  });

  it("does not change its inputs", () => {
    const base = { 教育: ["学校"] };
    mergeDictionaries(base, { 教育: ["校服"] });
    expect(base).toEqual({ 教育: ["学校"] });
  });
});

describe("extractHashtagCategory", () => {
  const cats = [...DEFAULT_CATEGORIES];

  it.each([
    ["#道路交通 村口的路坏了", "道路交通"],
    ["＃道路交通　村口的路坏了", "道路交通"],
    ["#道路交通# 村口的路坏了", "道路交通"],
    ["村口的路坏了 #道路交通", "道路交通"],
    ["村口的路坏了#道路交通#", "道路交通"],
    ["#环境卫生垃圾没人清", "环境卫生"],
    ["# 教育 校车太挤", "教育"],
    ["#意见 #水电气暖 又停水了", "水电气暖"],
  ])("%s → %s", (text, category) => {
    expect(extractHashtagCategory(text, cats)).toBe(category);
  });

  it.each(["#27 办得怎么样了", "#路灯 坏了", "道路交通不方便", "", "##"])("finds nothing in %j", (text) => {
    expect(extractHashtagCategory(text, cats)).toBeUndefined();
  });

  it("takes the first tag when there are two", () => {
    expect(extractHashtagCategory("#教育 #道路交通 校车", cats)).toBe("教育");
  });

  it("prefers the longest category name", () => {
    expect(extractHashtagCategory("#医疗卫生院", ["医疗", "医疗卫生"])).toBe("医疗卫生");
  });

  it("knows staff-added categories", () => {
    expect(extractHashtagCategory("#文化体育 多办点比赛", [...cats, "文化体育"])).toBe("文化体育");
  });
});
