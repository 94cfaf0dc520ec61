import { describe, expect, it } from "vitest";
import { maskPrivate } from "../../../src/domain/mask.ts";

describe("maskPrivate: mobiles", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["138 1234 5678", "138****5678"],
    ["138-1234-5678", "138****5678"],
    ["1381234 5678", "138****5678"],
    ["199 8765 4321", "199****4321"],
    ["+8613812345678", "+86138****5678"],
    ["+86 138 1234 5678", "+86 138****5678"],
    ["86-13812345678", "86-138****5678"],
    ["008613812345678", "0086138****5678"],
    ["(+86)13812345678", "(+86)138****5678"],
    ["013812345678", "0138****5678"],
  ])("%s → %s", (input, masked) => {
    expect(maskPrivate(input)).toBe(masked);
  });

  it("masks phones inside villagers' messages", () => {
    expect(maskPrivate("我是3组的王大爷，电话13812345678，路灯坏了好几天了")).toBe(
      "我是3组的王大爷，电话138****5678，路灯坏了好几天了",
    );
    expect(maskPrivate("有事打我手机:159-3712-0086 微信同号")).toBe("有事打我手机:159****0086 微信同号");
    expect(maskPrivate("联系人张姐15937120086,李哥 18603710001")).toBe("联系人张姐159****0086,李哥 186****0001");
    expect(maskPrivate("电话13812345678 13987654321都行")).toBe("电话138****5678 139****4321都行");
  });

  it("masks full-width digits and keeps them full-width", () => {
    expect(maskPrivate("电话：１３８１２３４５６７８")).toBe("电话：１３８****５６７８");
    expect(maskPrivate("１３８　１２３４　５６７８")).toBe("１３８****５６７８");
  });

  it("does not take numbers that are not mobiles", () => {
    for (const s of ["12345678901", "10012345678", "11012345678", "10086", "12345", "400-800-1234", "4008001234"]) {
      expect(maskPrivate(s)).toBe(s);
    }
  });
});

describe("maskPrivate: landlines", () => {
  it.each([
    ["0371-12345678", "0371-****5678"],
    ["0371-63456789", "0371-****6789"],
    ["(010)12345678", "(010)****5678"],
    ["（010）62345678", "（010）****5678"],
    ["010 1234 5678", "010 ****5678"],
    ["021-6234-5678", "021-****5678"],
    ["0398-7654321", "0398-***4321"],
    ["03716345678", "0371***5678"],
  ])("%s → %s", (input, masked) => {
    expect(maskPrivate(input)).toBe(masked);
  });

  it("masks a landline in a sentence", () => {
    expect(maskPrivate("村委会电话0371-63456789，白天有人")).toBe("村委会电话0371-****6789，白天有人");
  });
});

describe("maskPrivate: ID cards", () => {
  it.each([
    ["11010119900307123X", "110***********123X"],
    ["11010119900307123x", "110***********123x"],
    ["410102198512250018", "410***********0018"],
    ["410102 19851225 0018", "410***********0018"],
    ["410102-19851225-0018", "410***********0018"],
    ["410102851225001", "410********5001"],
    ["410102 851225 001", "410********5001"],
  ])("%s → %s", (input, masked) => {
    expect(maskPrivate(input)).toBe(masked);
  });

  it("masks an ID in a request for help", () => {
    expect(maskPrivate("我身份证号410102198512250018，低保一直没批下来")).toBe(
      "我身份证号410***********0018，低保一直没批下来",
    );
  });

  it("does not take a mobile inside an ID for a phone", () => {
    // Positions 7-17 (19851225001) look like a 198 mobile.
    expect(maskPrivate("410102198512250018")).toBe("410***********0018");
    expect(maskPrivate("身份证410102198512250018")).not.toContain("198****");
  });
});

describe("maskPrivate: bank cards and long account numbers", () => {
  it.each([
    ["6222021234567890", "6222********7890"],
    ["6228480402564890018", "6228***********0018"],
    ["6222 0212 3456 7890 123", "6222***********0123"],
    ["6222-0212-3456-7890", "6222********7890"],
    ["62220212345678901234", "6222************1234"],
  ])("%s → %s", (input, masked) => {
    expect(maskPrivate(input)).toBe(masked);
  });

  it("treats an 18-digit run without a valid birth date as a card, not an ID", () => {
    expect(maskPrivate("622202123456789012")).toBe("6222**********9012");
  });

  it("masks a mobile-looking stretch only as part of the whole run", () => {
    expect(maskPrivate("单号2026112213812345678")).toBe("单号2026***********5678");
  });

  it("masks a card number in a wage complaint", () => {
    expect(maskPrivate("工资卡6228480402564890018到现在没到账，老板电话13912345678")).toBe(
      "工资卡6228***********0018到现在没到账，老板电话139****5678",
    );
  });
});

describe("maskPrivate: leaves ordinary numbers alone", () => {
  it.each([
    "#27 已经办结了吗",
    "意见#1024 什么时候答复",
    "2026-11-22 下午开会",
    "20261122",
    "2026年11月22日",
    "2026/11/22 14:30",
    "补贴1500元还没发",
    "一亩地收了1200斤，卖了3800.50元",
    "每月10号是选民接待日",
    "幸福路108号3号楼2单元501室",
    "邮编450000",
    "电表户号1234567890",
    "快递单号773012345678901",
    "打12345热线没人接，打110也没用",
    "2019-2021年一共修了3.5公里",
    "共 2 人，每人 300 元",
    "评价 27 满意",
    "",
  ])("%s", (s) => {
    expect(maskPrivate(s)).toBe(s);
  });
});

describe("maskPrivate: realistic group messages", () => {
  it("masks every private number and nothing else", () => {
    const msg =
      "#住房物业 我家在幸福小区3号楼2单元501，楼上漏水2个月了，物业电话0371-63456789打了5次没人管。" +
      "我电话138 1234 5678，身份证410102198512250018，2026-11-22拍的照片😭";
    expect(maskPrivate(msg)).toBe(
      "#住房物业 我家在幸福小区3号楼2单元501，楼上漏水2个月了，物业电话0371-****6789打了5次没人管。" +
        "我电话138****5678，身份证410***********0018，2026-11-22拍的照片😭",
    );
  });

  it("is idempotent", () => {
    const once = maskPrivate("电话13812345678，卡号6222021234567890，座机010-62345678");
    expect(maskPrivate(once)).toBe(once);
  });
});
