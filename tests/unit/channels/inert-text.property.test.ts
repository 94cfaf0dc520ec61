// Property tests: whatever a citizen types — markdown, HTML, links, images, headings, mentions,
// dtmd:// command links, phone/ID/card numbers in any format at any offset, emoji and full-width
// text — every channel shows it literally (no markup from it) and masked (no run of its digits
// beyond what the mask keeps), at every excerpt length.
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../src/channels/types.ts";
import { renderCard, renderMarkdown } from "../../../src/channels/wecom/render.ts";
import { renderMessage } from "../../../src/channels/dingtalk/render.ts";
import { renderPlain } from "../../../src/domain/plain-text.ts";
import { statusReport } from "../../../src/bot/render.ts";
import { receipt } from "../../../src/core/opinions/intake.ts";
import { feedback } from "../../../src/domain/feedback.ts";
import { reopenedNotice } from "../../../src/core/opinions/rate.ts";
import { ratingReminder } from "../../../src/jobs/defs/rating-reminder.ts";
import { deputyReminder, stationOverdue } from "../../../src/jobs/defs/overdue.ts";
import { renderWeekly } from "../../../src/core/summaries/weekly.ts";
import { emptyFigures } from "../../../src/core/summaries/stats.ts";
import { md } from "../../../src/domain/rich-text.ts";
import { UserText } from "../../../src/domain/user-text.ts";

const parser = new MarkdownIt({ html: true, linkify: true });

// ---- generators ---------------------------------------------------------------------------

const FILLER = [..."路灯坏了村口水渠堵塞请尽快处理谢谢我家在组号楼东风镇的问题很久没人管"];
const filler = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 12 }).map((a) => a.join(""));

const ATTACKS = [
  "[点这里领取高龄补贴](http://evil.example.com/pay)",
  "**紧急通知**",
  '<font color="warning">红</font>',
  "<@all>",
  "<@wc-staff-b>",
  "@所有人",
  "[确认](dtmd://dingtalkclient/sendMessage?content=办结,A,好)",
  "![](http://evil.example/banner.png)",
  "#### 【县人大常委会紧急通知】",
  "\n> 工作人员请点击",
  "\n- 列表",
  "\n# 标题",
  "`code`",
  "~~删除~~",
  "_斜体_",
  "*斜*",
  "&lt;font&gt;",
  '<script>alert("x")</script>',
  "<http://evil.example.com>",
  "www.evil-example.com",
  "evil.example.com/pay",
  "\n===\n",
  "\n---\n",
  "| a | b |",
  "javascript:alert(document.cookie)",
  "＊＊全角＊＊",
  "😀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "👍🏽",
  "ＡＢＣ",
  "\u3000",
  "[a]: http://evil.example.com",
  "\\*",
  "<img src=x onerror=alert(document.domain)>",
];
const attack = fc.constantFrom(...ATTACKS);

const FULL = (d: string) => [...d].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
const NUMERAL = (d: string) => [...d].map((c) => "〇一二三四五六七八九"[Number(c)]).join("");
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));

interface Secret {
  written: string;
  digits: string;
}

const phone = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digits(9), fc.integer({ min: 0, max: 9 }), fc.constantFrom(" ", "-", ".", "_", "/"))
  .map(([second, rest, format, sep]): Secret => {
    const d = `1${second}${rest}`;
    const grouped = `${d.slice(0, 3)}${sep}${d.slice(3, 7)}${sep}${d.slice(7)}`;
    const written = [d, grouped, [...d].join(" "), FULL(d), NUMERAL(d), `+86 ${d}`, `+86${grouped}`, `(+86)${d}`, `0086${d}`, [...d].join(sep)][format]!;
    return { written, digits: d };
  });

const idNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    digits(5),
    fc.integer({ min: 1950, max: 2009 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
    fc.constantFrom(..."0123456789X"),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([a, region, y, m, day, seq, check, format]): Secret => {
    const d = `${a}${region}${y}${String(m).padStart(2, "0")}${String(day).padStart(2, "0")}${seq}${check}`;
    const written = [d, `${d.slice(0, 6)} ${d.slice(6, 14)} ${d.slice(14)}`, FULL(d.replace("X", "0")).slice(0, 17) + d.slice(17)][format]!;
    return { written, digits: format === 2 ? d : d };
  });

const card = fc.tuple(fc.integer({ min: 14, max: 17 }), fc.boolean()).chain(([len, spaced]) =>
  digits(len).map((rest): Secret => {
    const d = `62${rest}`;
    return { written: spaced && d.length === 16 ? d.replace(/(\d{4})(?=\d)/g, "$1 ") : d, digits: d };
  }),
);

const secret = fc.oneof(phone, idNumber, card);

/** A citizen's text: filler, attacks and secrets in any order; secrets never touch each other. */
const citizenText = fc
  .array(fc.oneof({ weight: 2, arbitrary: attack.map((a) => ({ text: a })) }, { weight: 1, arbitrary: secret.map((s) => ({ text: s.written, secret: s })) }), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((parts) => fc.tuple(fc.constant(parts), fc.array(filler, { minLength: parts.length + 1, maxLength: parts.length + 1 })))
  .map(([parts, fills]) => {
    let text = fills[0]!;
    parts.forEach((p, i) => (text += p.text + fills[i + 1]!));
    return { text, secrets: parts.flatMap((p) => ("secret" in p && p.secret ? [p.secret] : [])) };
  });

// ---- the messages a citizen's text reaches --------------------------------------------------

const week = (name: string) => ({
  group: { id: 1, platform: "simulator", chatId: "c", name, stationId: 1 },
  figures: { ...emptyFigures(1), raised: 1 },
  categories: [],
  closed: [],
  deputies: ["王建国"],
});
const matter = (text: string) => ({
  number: 27,
  text,
  category: "道路交通",
  dueDate: "2026-12-10",
  stationId: 1,
  stationName: "东风站",
  unitName: "县供电公司",
  deputyId: 1,
  deputyName: "王建国",
  overdueDays: 2,
  channel: "chat",
  groupId: 1,
  citizenId: 1,
  publicHidden: null,
});

const builders: Record<string, (text: string, n: number) => OutboundMessage> = {
  receipt: (text) => receipt({ number: 27, category: "道路交通", text }, "2026-12-10", 5, [{ number: 3 }]),
  statusReport: (text) =>
    statusReport(
      {
        number: 27,
        text,
        category: "道路交通",
        status: "IN_PROGRESS",
        dueDate: "2026-12-10",
        replyText: text,
        resultClass: "B",
        resultText: text,
        cosignCount: 2,
        events: [],
      },
      "Asia/Shanghai",
    ),
  feedback: (text) => feedback({ number: 27, text, resultClass: "A", unitName: "县供电公司" }, "close", text, "u1"),
  ratingReminder: (text) => ratingReminder({ number: 27, text }, "u1"),
  督办: (text) => stationOverdue([matter(text), matter(text)], () => "masked"),
  reopenedNotice: (text) => ({ body: reopenedNotice(27, text) }),
  excerptAtN: (text, n) => ({ title: md`#${n}`, body: md`内容：${UserText.masked(text).excerpt(n)}` }),
  fullMasked: (text) => ({ body: md`内容：${UserText.masked(text)}` }),
};
/** Group names are shown unmasked (the platform shows them to every member anyway): markup only. */
const markupOnly: Record<string, (text: string) => OutboundMessage> = {
  weekly: (text) => renderWeekly(week(text), "11月23日—11月29日", true, () => "masked")!,
  // The deputy's own 督办提醒 in a direct chat shows the text in full, like 查询 for officials.
  督办提醒: (text) => deputyReminder(text, [matter(text)], [matter(text)]),
};

interface Rendered {
  markdown: string[];
  plain: string[];
}

function renderAll(m: OutboundMessage): Rendered {
  const dt = renderMessage(m);
  const rc = renderCard(m, "t", "https://rd.example.cn");
  return {
    markdown: [renderMarkdown(m, { buttonHints: true }), renderMarkdown(m, { buttonHints: false }), ...dt.parts.map((p) => p.text)],
    plain: [renderPlain(m), ...dt.parts.map((p) => p.title), ...(rc ? [JSON.stringify(rc.card)] : [])],
  };
}

// ---- (a) no markup from the citizen -------------------------------------------------------

const STRUCTURE = [
  "link_open",
  "image",
  "strong_open",
  "em_open",
  "s_open",
  "heading_open",
  "html_inline",
  "html_block",
  "blockquote_open",
  "bullet_list_open",
  "ordered_list_open",
  "code_inline",
  "code_block",
  "fence",
  "hr",
  "table_open",
];

function structure(markdown: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (tokens: ReturnType<typeof parser.parse>) => {
    for (const t of tokens) {
      if (STRUCTURE.includes(t.type)) counts[t.type] = (counts[t.type] ?? 0) + 1;
      if (t.children) walk(t.children);
    }
  };
  walk(parser.parse(markdown, {}));
  return { ...counts, mention: markdown.split("<@").length - 1, scheme: markdown.split("://").length - 1, font: markdown.split("<font").length - 1 };
}

/** Same message with the citizen's text replaced by one plain character: the structure must not differ. */
function expectInert(build: (text: string) => OutboundMessage, text: string) {
  const attacked = renderAll(build(text));
  const benign = renderAll(build("甲"));
  attacked.markdown.forEach((out, i) => {
    expect(structure(out), out).toEqual(structure(benign.markdown[i]!));
    expect(out).not.toMatch(/dtmd:\/\//);
  });
  attacked.plain.forEach((out, i) => expect(out.split("@").length, out).toBe(benign.plain[i]!.split("@").length));
}

// ---- (b) no digits of a secret beyond the mask ----------------------------------------------

const NUMERALS = "〇一二三四五六七八九";
function digitRuns(out: string): string[] {
  const normal = out
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[〇一二三四五六七八九]/g, (c) => String(NUMERALS.indexOf(c)))
    .replace(/\u200B/g, "")
    .replace(/(?<=[\dX])[ .\-_/\u3000．－／＿](?=[\dX])/g, "");
  return normal.match(/[\dX]+/g) ?? [];
}

/** The mask keeps at most 4 digits together (3+4 for mobiles and IDs, 4+4 for cards). */
function expectMasked(outs: string[], secrets: Secret[]) {
  for (const out of outs) {
    for (const run of digitRuns(out)) {
      for (const s of secrets) {
        for (let i = 0; i + 5 <= s.digits.length; i++) expect(run, `${out}\n  leaks ${s.digits}`).not.toContain(s.digits.slice(i, i + 5));
      }
    }
  }
}

describe("citizens' text in every channel's rendering", () => {
  for (const [name, build] of Object.entries(builders)) {
    it(`${name}: shown literally and masked in WeCom, DingTalk and plain text`, () => {
      fc.assert(
        fc.property(citizenText, fc.integer({ min: 1, max: 80 }), ({ text, secrets }, n) => {
          expectInert((t) => build(t, n), text);
          const r = renderAll(build(text, n));
          expectMasked([...r.markdown, ...r.plain], secrets);
        }),
        { numRuns: 150 },
      );
    });
  }
  for (const [name, build] of Object.entries(markupOnly)) {
    it(`${name}: a group name is never markup`, () => {
      fc.assert(
        fc.property(citizenText, ({ text }) => expectInert(build, text)),
        { numRuns: 150 },
      );
    });
  }

  it("an excerpt of any length never leaves part of a number in clear", () => {
    fc.assert(
      fc.property(citizenText, fc.integer({ min: 1, max: 80 }), ({ text, secrets }, n) => {
        const cut = UserText.masked(text).excerpt(n).value;
        expectMasked([cut], secrets);
        // Whole graphemes only: no lone surrogate, no broken ZWJ sequence at the cut.
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u200D…$/);
        expect([...new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(cut.replace(/…$/, ""))].length).toBeLessThanOrEqual(n);
      }),
      { numRuns: 400 },
    );
  });
});
