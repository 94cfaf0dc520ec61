// The roster import's row parsers on their own: a row and what the sheet already knows, no database.
import { describe, expect, it } from "vitest";
import { deputyRow, staffRow, stationRow, unitRow, type Row, type Sheet } from "../../../src/console/roster-import.ts";

const row = (line: number, cells: Record<string, string>): Row => ({ line, get: (h) => cells[h]?.trim() ?? "" });
const sheet = (over: Partial<Sheet> = {}): Sheet => ({
  stationByName: new Map([["东风镇代表联络站", 1]]),
  existing: new Set([1, 2]),
  idByName: new Map([
    ["县交通运输局", 1],
    ["县供电公司", 2],
  ]),
  bound: new Map(),
  names: new Map(),
  accounts: new Map(),
  ...over,
});

describe("row parsers", () => {
  it("a unit: a name used by another number, a name twice in the sheet", () => {
    const s = sheet();
    expect(unitRow(row(2, { 编号: "1", 名称: "县供电公司" }), s).problems).toEqual(["名称「县供电公司」已被编号 2 使用"]);
    expect(unitRow(row(3, { 名称: "县水利局" }), s).problems).toEqual([]);
    expect(unitRow(row(4, { 名称: "县水利局", 电话: "12ab" }), s).problems).toEqual(["「电话」格式不正确", "与第 3 行名称重复"]);
  });

  it("a station: its reception schedule is checked", () => {
    expect(stationRow(row(2, { 名称: "南站", 接待周期: "每年" }), sheet()).problems).toEqual(["「接待周期」应为 每月 或 每周"]);
    expect(stationRow(row(2, { 名称: "南站", 接待周期: "每周", 接待日: "周二", 接待时间: "09:00-11:30", 接待地点: "村委会" }), sheet()).problems).toEqual([]);
    expect(stationRow(row(2, { 编号: "9", 名称: "南站" }), sheet()).problems).toEqual(["编号 9 不存在"]);
  });

  it("a deputy: level, stations by name, and accounts bound to someone else or named twice", () => {
    const s = sheet({
      bound: new Map([
        ["simulator:dep-wang", { deputyId: 1, staffId: null }],
        ["simulator:staff-liu", { deputyId: null, staffId: 1 }],
      ]),
    });
    expect(deputyRow(row(2, { 姓名: "周红", 层级: "村", 联络站: "不存在的站" }), s).problems).toEqual([
      "联络站「不存在的站」不存在",
      "「层级」应为 全国、省、市、县（区）、乡镇（街道）之一，而不是「村」",
    ]);
    expect(deputyRow(row(3, { 编号: "1", 姓名: "王建国", 层级: "县", 模拟器账号: "dep-wang" }), s).problems).toEqual([]);
    expect(deputyRow(row(4, { 姓名: "吴刚", 层级: "乡镇", 模拟器账号: "dep-wang staff-liu" }), s).problems).toEqual([
      "账号 simulator:dep-wang 与第 3 行重复",
      "账号 simulator:dep-wang 已绑定到其他人",
      "账号 simulator:staff-liu 已绑定到其他人",
    ]);
  });

  it("staff: the role, and a station member needs a station", () => {
    expect(staffRow(row(2, { 姓名: "小王", 角色: "联络员" }), sheet()).problems).toEqual(["联络站工作人员须填写「联络站」"]);
    expect(staffRow(row(3, { 姓名: "小张", 角色: "主任" }), sheet()).problems).toEqual(["「角色」应为 管理员 或 联络站"]);
    expect(staffRow(row(4, { 姓名: "陈主任", 角色: "管理员", 编号: "abc" }), sheet()).problems).toEqual(["「编号」应为正整数（新增时留空）"]);
  });
});
