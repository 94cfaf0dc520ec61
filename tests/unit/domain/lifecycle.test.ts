import { describe, expect, it } from "vitest";
import { TRANSITIONS, canTransition, isOverdue, refusal, statusAfterRating, targetStatus, type Action, type Status } from "../../../src/domain/lifecycle.ts";

const ALL: Status[] = ["RECEIVED", "IN_PROGRESS", "REPLIED", "CLOSED", "RATED", "TRANSFERRED", "REJECTED", "MERGED"];

describe("opinion state table", () => {
  it("follows 受理 → 办理中 → 已答复 → 已办结 → 已评价", () => {
    expect(targetStatus("claim", "RECEIVED")).toBe("IN_PROGRESS");
    expect(targetStatus("assign", "IN_PROGRESS")).toBe("IN_PROGRESS");
    expect(targetStatus("reply", "IN_PROGRESS")).toBe("REPLIED");
    expect(targetStatus("close", "REPLIED")).toBe("CLOSED");
    expect(targetStatus("rate", "CLOSED")).toBe("RATED");
  });

  it("allows side exits only from open states", () => {
    for (const action of ["transfer", "reject", "merge"] as Action[]) {
      expect(TRANSITIONS[action].from.sort()).toEqual(["IN_PROGRESS", "RECEIVED"]);
    }
    expect(canTransition("answerOnSpot", "RECEIVED")).toBe(true);
    expect(canTransition("answerOnSpot", "IN_PROGRESS")).toBe(false);
  });

  it("never leaves a final state except by rating or reopening", () => {
    for (const final of ["RATED", "TRANSFERRED", "MERGED"] as Status[]) {
      const allowed = (Object.keys(TRANSITIONS) as Action[]).filter((a) => canTransition(a, final));
      expect(allowed.every((a) => a === "reopen")).toBe(true);
    }
    expect(canTransition("rate", "REPLIED")).toBe(false);
    expect(canTransition("close", "CLOSED")).toBe(false);
  });

  it("keeps the status for an extension and reopens on 不满意", () => {
    expect(targetStatus("extend", "REPLIED")).toBe("REPLIED");
    expect(statusAfterRating("DISSATISFIED")).toBe("IN_PROGRESS");
    expect(statusAfterRating("BASICALLY")).toBe("RATED");
  });

  it("explains every refusal in Chinese with the number", () => {
    for (const s of ALL)
      for (const a of Object.keys(TRANSITIONS) as Action[]) {
        if (!canTransition(a, s)) expect(refusal(a, s, 27)).toMatch(/^#27 .*[\u4e00-\u9fa5]/);
      }
    expect(refusal("rate", "IN_PROGRESS", 27)).toContain("办结后才能评价");
  });

  it("counts a matter overdue only while open and after its deadline day", () => {
    expect(isOverdue("IN_PROGRESS", "2026-12-01", "2026-12-02")).toBe(true);
    expect(isOverdue("RECEIVED", "2026-12-02", "2026-12-02")).toBe(false);
    expect(isOverdue("CLOSED", "2026-12-01", "2026-12-02")).toBe(false);
    expect(isOverdue("IN_PROGRESS", null, "2026-12-02")).toBe(false);
  });
});
