import { describe, expect, it } from "vitest";
import { checkCodeForm, honeypotTripped, noticeDue, normalizeForDuplicate } from "../../../src/domain/code-abuse.ts";

describe("honeypotTripped", () => {
  it("is tripped by any content in the hidden field, not by an empty one", () => {
    expect(honeypotTripped("")).toBe(false);
    expect(honeypotTripped("  ")).toBe(false);
    expect(honeypotTripped("http://x")).toBe(true);
    expect(honeypotTripped(["a"])).toBe(true);
    // A form post without the field at all (a script) is not proof; the rate limit handles scripts.
    expect(honeypotTripped(undefined)).toBe(false);
  });
});

describe("normalizeForDuplicate", () => {
  it("ignores width, case, spaces and punctuation", () => {
    expect(normalizeForDuplicate("路灯坏了！ ABC １２３")).toBe(normalizeForDuplicate("路灯坏了abc123"));
    expect(normalizeForDuplicate("路灯坏了")).not.toBe(normalizeForDuplicate("路灯修好了"));
  });
});

describe("checkCodeForm", () => {
  const limits = { maxTextChars: 20, categories: ["道路交通", "市政设施"] };
  it("accepts a minimal form and trims optional fields away when empty", () => {
    expect(checkCodeForm({ text: "  村口路灯坏了  ", category: "", place: " ", phone: "" }, limits)).toEqual({ ok: true, value: { text: "村口路灯坏了" } });
  });
  it("keeps the optional fields when valid", () => {
    const r = checkCodeForm({ text: "村口路灯坏了", category: "市政设施", place: "东风村", phone: "138 1234 5678" }, limits);
    expect(r).toEqual({ ok: true, value: { text: "村口路灯坏了", category: "市政设施", place: "东风村", phone: "138 1234 5678" } });
  });
  it("explains every problem in Chinese, per field", () => {
    const r = checkCodeForm({ text: "短", category: "其他", place: "地".repeat(101), phone: "电话" }, limits);
    expect(r.ok).toBe(false);
    expect(Object.keys(r.ok ? {} : r.errors).sort()).toEqual(["category", "phone", "place", "text"]);
    const long = checkCodeForm({ text: "长".repeat(21) }, limits);
    expect(long.ok ? "" : long.errors.text).toContain("超过 20 字");
  });
  it("counts characters, not UTF-16 units", () => {
    expect(checkCodeForm({ text: "😀".repeat(20) }, limits).ok).toBe(true);
  });
  it("ignores non-string fields", () => {
    expect(checkCodeForm({ text: ["村口路灯坏了"] }, limits).ok).toBe(false);
  });
});

describe("noticeDue", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  it("is due the first time and after the throttle window, not within it", () => {
    expect(noticeDue(null, now, 1_800_000)).toBe(true);
    expect(noticeDue(new Date(now.getTime() - 1_799_999), now, 1_800_000)).toBe(false);
    expect(noticeDue(new Date(now.getTime() - 1_800_000), now, 1_800_000)).toBe(true);
  });
});
