import { describe, expect, it } from "vitest";
import { UserText, excerpt } from "../../../src/domain/user-text.ts";
import { fromStored, join, md, rawText, trusted } from "../../../src/domain/rich-text.ts";
import { storedMessage } from "../../../src/outbox/stored-message.ts";
import { storable } from "../../../src/domain/storable.ts";
import { renderMarkdown } from "../../../src/channels/wecom/render.ts";
import { renderPlain } from "../../../src/domain/plain-text.ts";

describe("UserText", () => {
  it("is masked when made, unless the call site says otherwise", () => {
    expect(UserText.masked("电话13812345678").value).toBe("电话138****5678");
    expect(UserText.unmasked("电话13812345678").value).toBe("电话13812345678");
  });

  it("cuts before a masked number, never inside it (G-3)", () => {
    const prefix = "我的电话";
    for (let n = prefix.length; n < prefix.length + 11; n++) expect(excerpt(`${prefix}15012345678号码`, n).value).toBe(`${prefix}…`);
    expect(excerpt("我的电话15012345678号码", 15).value).toBe("我的电话150****5678…");
    expect(excerpt("身份证410522199001011234", 10).value).toBe("身份证…");
  });

  it("counts and cuts whole graphemes: emoji, ZWJ families and flags stay whole", () => {
    expect(excerpt("👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 2).value).toBe("👨‍👩‍👧‍👦👨‍👩‍👧‍👦…");
    expect(excerpt("🏳️‍🌈路灯", 1).value).toBe("🏳️‍🌈…");
    expect(excerpt("  村口\n\n路灯  坏了 ", 60).value).toBe("村口 路灯 坏了");
  });
});

describe("Rich parts", () => {
  it("keep people's text as its own part; the type checker refuses a raw string", () => {
    const said = "[领取](http://evil.example)";
    const r = md`内容：${UserText.masked(said)}，编号 ${27}`;
    expect([...r]).toEqual([{ t: "内容：" }, { u: said }, { t: "，编号 27" }]);
    // @ts-expect-error a raw string is not a part: it must be made a UserText (or trusted()) first
    expect(() => md`内容：${said}`).toThrow(TypeError);
    expect(rawText(join([md`甲`, md`乙`], "、"))).toBe("甲、乙");
  });

  it("survive the outbox's JSON and a restart: people's text is still people's text", () => {
    const message = {
      title: md`#${27}`,
      body: md`内容：${UserText.masked("<@all>[x](http://e.example) 13812345678")}`,
      fields: [{ label: "分类", value: md`${UserText.unmasked("**道路**")}` }],
    };
    const back = storedMessage(JSON.parse(JSON.stringify(storable(message))));
    expect(back).toEqual(message);
    const markdown = renderMarkdown(back, { buttonHints: false });
    expect(markdown).toContain("内容：＜＠all＞［x］(http:\u200B/\u200B/e.\u200Bexample) 138****5678".replace("****", "＊＊＊＊"));
    expect(markdown).toContain("＊＊道路＊＊");
  });

  it("read rows written before parts existed (a string body, masked at enqueue then) as the bot's words", () => {
    const legacy = storedMessage({ body: "重启前未送达的通知 **#3**", title: "旧标题" });
    expect([...legacy.body]).toEqual([{ t: "重启前未送达的通知 **#3**" }]);
    expect(renderPlain(legacy)).toBe("重启前未送达的通知 #3");
    expect([...fromStored([{ t: "a" }, { u: "b" }, { x: 1 }, "c"])]).toEqual([{ t: "a" }, { u: "b" }]);
  });

  it("plain text shows people's text as typed, masks included, with @ defused", () => {
    expect(renderPlain({ body: md`**内容**：${UserText.masked("**急** @张三 13812345678")}` })).toBe("内容：**急** ＠张三 138****5678");
    expect(renderPlain({ body: trusted("**标题**") })).toBe("标题");
  });
});
