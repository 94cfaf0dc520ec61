import { describe, expect, it } from "vitest";
import { rawText } from "../../../src/domain/rich-text.ts";
import { deputyReminder } from "../../../src/jobs/defs/overdue.ts";
import { renderWeekly, type GroupWeek } from "../../../src/core/summaries/weekly.ts";
import { emptyFigures } from "../../../src/core/summaries/stats.ts";

const week = (over: Partial<GroupWeek> = {}): GroupWeek => ({
  group: { id: 1, platform: "simulator", chatId: "c", name: "东风村村民群", stationId: 1 },
  figures: emptyFigures(1),
  categories: [],
  closed: [],
  deputies: ["王建国"],
  ...over,
});

describe("post rendering", () => {
  it("keeps a 督办 list to a phone screen and counts the rest", () => {
    const matters = Array.from({ length: 35 }, (_, i) => ({
      number: i + 1,
      text: `#道路交通 第${i + 1}处`,
      category: "道路交通",
      dueDate: "2026-10-09",
      stationId: 1,
      stationName: "东风站",
      unitName: "县交通运输局",
      deputyId: 1,
      deputyName: "王建国",
      overdueDays: 2,
      channel: "chat",
      groupId: 1,
      citizenId: 1,
      publicHidden: null,
    }));
    const body = rawText(deputyReminder("王建国", matters, []).body).split("\n");
    expect(body.filter((l) => l.startsWith("- #"))).toHaveLength(30);
    expect(body).toContain("- 另有 5 件，详见管理端台账");
    expect(body[1]).toBe("您跟进的以下 35 件事项已超过办理时限：");
    expect(body[2]).toBe("- #1 道路交通「第1处」承办：县交通运输局，已超期 2 个工作日（时限 10月9日）");
  });

  it("posts a short 本周无新增 or nothing for a quiet week, never an empty table", () => {
    expect(renderWeekly(week(), "11月23日—11月29日", false, () => "masked")).toBeUndefined();
    const quiet = renderWeekly(week(), "11月23日—11月29日", true, () => "masked")!;
    expect(rawText(quiet.body)).toContain("本周无新增意见建议");
    expect(rawText(quiet.body)).not.toMatch(/0 件/);
  });

  it("lists at most five closed matters and counts the rest", () => {
    const f = { ...emptyFigures(1), closed: 8, byClass: { A: 8, B: 0, C: 0, D: 0 } };
    const closed = Array.from({ length: 5 }, (_, i) => ({
      number: i + 1,
      category: "其他",
      resultClass: "A" as const,
      resultText: "已解决",
      total: 8,
      channel: "chat",
      stationId: 1,
      groupId: 1,
      citizenId: 1,
      deputyId: null,
      publicHidden: null,
    }));
    const body = rawText(renderWeekly(week({ figures: f, closed }), "11月23日—11月29日", true, () => "masked")!.body);
    expect(body).toContain("办结 8 件（A类 8）");
    expect(body).toContain("- 另有 3 件，发送「查询 编号」查看");
  });
});
