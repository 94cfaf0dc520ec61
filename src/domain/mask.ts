// Hides citizens' phone, ID and bank card numbers before anything is posted to
// a group. Rules run from the most specific to the least; the first rule to
// claim a span wins, so a mobile inside an ID or card number is never masked twice.

interface Match {
  /** The matched text as the citizen typed it (full-width kept). */
  original: string;
  groups: Record<string, string | undefined> | undefined;
}

interface Rule {
  pattern: RegExp;
  /** The masked text, or undefined when the match turns out not to be private. */
  mask(m: Match): string | undefined;
}

const DATE = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
// One separator people put between digit groups: space, dash, dot, underscore, slash
// (F14: "138.1234.5678", "138_1234_5678", "138/1234/5678").
const SEP = String.raw`[ \-._/]`;

const RULES: Rule[] = [
  // Resident ID, 18 chars (6-8-4 groups when spaced). The birth date keeps
  // an 18-digit bank card from being taken for an ID.
  {
    pattern: new RegExp(String.raw`(?<!\d)[1-9]\d{5}${SEP}?(?:19|20)\d{2}${DATE}${SEP}?\d{3}[\dXx](?![\dXx])`, "g"),
    mask: (m) => keepEnds(digitsOf(m.original), 3, 4),
  },
  // Old 15-digit ID: 6 region + YYMMDD + 3.
  {
    pattern: new RegExp(String.raw`(?<!\d)[1-9]\d{5}${SEP}?\d{2}${DATE}${SEP}?\d{3}(?![\dXx])`, "g"),
    mask: (m) => keepEnds(digitsOf(m.original), 3, 4),
  },
  // Bank cards and other account numbers: 16+ digits, or 4-4-4-4(-n) as printed on cards.
  {
    pattern: new RegExp(String.raw`(?<!\d)(?:\d{16,}|\d{4}(?:${SEP}\d{4}){3}(?:${SEP}\d{1,4})?)(?!\d)`, "g"),
    mask: (m) => keepEnds(digitsOf(m.original), 4, 4),
  },
  // Mainland mobile, with an optional +86 / 86 / 0086 / (+86) or trunk 0 prefix. Digits may be
  // grouped 3-4-4 or separated one by one ("1 3 8 1 2 3 4 5 6 7 8"); 11 digits starting 1[3-9]
  // is specific enough that dates (2024.10.01) and amounts never match.
  {
    pattern: new RegExp(String.raw`(?<![\d+])(?<prefix>\(\+?86\)[ -]?|(?:\+|00)?86[ -]?|0)?1${SEP}?[3-9](?:${SEP}?\d){9}(?!\d)`, "g"),
    mask: (m) => {
      const cut = m.groups?.prefix?.length ?? 0;
      return m.original.slice(0, cut) + keepEnds(digitsOf(m.original.slice(cut)), 3, 4);
    },
  },
  // Landline: area code (010, 02x, 0xxx), optionally bracketed, then a 7-8 digit local number.
  {
    pattern: new RegExp(String.raw`(?<!\d)(?<area>\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}))(?<sep>${SEP}?)(?<local>\d{3,4}${SEP}?\d{4})(?!\d)`, "g"),
    mask: (m) => {
      const { area = "", sep = "", local = "" } = m.groups ?? {};
      // Run together with the area code, a local number never starts with 0 or 1.
      if (sep === "" && !area.startsWith("(") && /^[01]/.test(local)) return undefined;
      const cut = area.length + sep.length;
      return m.original.slice(0, cut) + keepEnds(digitsOf(m.original.slice(cut)), 0, 4);
    },
  },
];

// Full-width digits, spaces, dashes, dots, slashes, plus and brackets, mapped one-for-one to
// ASCII so the rules stay simple and match positions carry over to the original.
const FULL_WIDTH: Record<string, string> = { "\u3000": " ", "－": "-", "．": ".", "／": "/", "＿": "_", "＋": "+", "（": "(", "）": ")" };

function toAsciiShadow(text: string): string {
  return text.replace(/[０-９\u3000－．／＿＋（）]/g, (c) => (c >= "０" && c <= "９" ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : FULL_WIDTH[c]!));
}

// Numbers written in Chinese numerals (F14: "一三八一二三四五六七八"; 幺 as read out for 1) get
// a shadow of their own in which only numerals are digits: "三组13812345678" must still read
// as a group name followed by a mobile, not as a 12-digit run.
const NUMERAL_DIGIT: Record<string, string> = { 零: "0", 幺: "1", ...Object.fromEntries([..."〇一二三四五六七八九"].map((c, i) => [c, String(i)])) };

function toNumeralShadow(text: string): string {
  return toAsciiShadow(text.replace(/[0-9０-９]/g, "#")).replace(/[〇一二三四五六七八九零幺]/g, (c) => NUMERAL_DIGIT[c]!);
}

function isDigit(c: string): boolean {
  return /[0-9０-９Xx〇一二三四五六七八九零幺]/.test(c);
}

function digitsOf(original: string): string {
  return [...original].filter(isDigit).join("");
}

function keepEnds(digits: string, head: number, tail: number): string {
  return digits.slice(0, head) + "*".repeat(digits.length - head - tail) + digits.slice(-tail);
}

export function maskPrivate(text: string): string {
  const claimed: { start: number; end: number; masked: string }[] = [];
  for (const shadow of [toAsciiShadow(text), toNumeralShadow(text)]) {
    for (const rule of RULES) {
      for (const m of shadow.matchAll(rule.pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (claimed.some((c) => start < c.end && c.start < end)) continue;
        const masked = rule.mask({ original: text.slice(start, end), groups: m.groups });
        if (masked !== undefined) claimed.push({ start, end, masked });
      }
    }
  }
  claimed.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const c of claimed) {
    out += text.slice(at, c.start) + c.masked;
    at = c.end;
  }
  return out + text.slice(at);
}
