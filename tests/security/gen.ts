// Seeded generators of hostile input: the same seed gives the same run, so a failure reproduces.
export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, max: number) => Math.floor(r() * max);

const PIECES = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "\ufffe",
  "\uffff",
  "\u202e",
  "\u200b",
  "\u2005",
  "😀",
  "👨‍👩‍👧‍👦",
  "🇨🇳",
  "𠀀𪚥",
  "é",
  "\r\n",
  "\t",
  "  ",
  "　",
  '\'; DROP TABLE "Opinion"; --',
  "' OR '1'='1",
  "1; SELECT pg_sleep(5)",
  "$$",
  "\\x00",
  "%00",
  "%s%n",
  "${process.env}",
  "{{7*7}}",
  "<xml><![CDATA[",
  "]]>",
  "<script>alert(1)</script>",
  "&#0;",
  '{"a":',
  "[[[[",
  "null",
  "__proto__",
  "constructor",
  "意见",
  "建议",
  "认领",
  "办结",
  "转办",
  "答复",
  "合并",
  "评价",
  "查询",
  "我的",
  "附议",
  "亮身份",
  "绑定本群",
  "设置推送地址",
  "不予受理",
  "帮助",
  "#",
  "＃",
  "１２",
  "27",
  "-1",
  "0",
  "99999999999999999999",
  "1e308",
  "NaN",
  " A ",
  "满意",
  "不满意",
  "天",
  "号",
  "@人大代表联络助手",
  "村口路灯坏了一个星期了",
  "http://127.0.0.1/x?key=",
  "javascript:",
  "\\",
  "/",
  "..",
  "%",
  "_",
];

/** A string of hostile pieces and random code units, up to `max` pieces long. */
export function hostileText(r: Rng, max = 12): string {
  const n = 1 + int(r, max);
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.7) s += pick(r, PIECES);
    else if (k < 0.9) s += String.fromCharCode(int(r, 0x10000));
    else s += pick(r, PIECES).repeat(1 + int(r, 300));
  }
  return s;
}

/** A request body that is not what any endpoint expects. */
export function hostileBody(r: Rng): string | Uint8Array<ArrayBuffer> {
  switch (int(r, 9)) {
    case 0:
      return new Uint8Array(Array.from({ length: int(r, 300) }, () => int(r, 256))); // random bytes, invalid UTF-8
    case 1:
      return JSON.stringify({ encrypt: hostileText(r) }).slice(0, 1 + int(r, 40)); // truncated JSON
    case 2:
      return `<xml><ToUserName><![CDATA[${hostileText(r)}]]></ToUserName><Encrypt>${hostileText(r)}</Encrypt></xml>`;
    case 3:
      return JSON.stringify(pick(r, [null, 0, -1, true, "x", [], [1, 2], { encrypt: 5 }, { encrypt: null }, { encrypt: [] }, { text: { content: 7 } }]));
    case 4:
      return "[".repeat(1 + int(r, 5000)) + "]".repeat(int(r, 5000)); // deep nesting
    case 5:
      return "A".repeat(200_000 + int(r, 200_000)); // over the 256 KB limit, or just under
    case 6:
      return JSON.stringify({ msgtype: "text", text: { content: hostileText(r) }, [hostileText(r, 2)]: hostileText(r) });
    case 7:
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ a: hostileText(r) }), "utf16le")])); // BOM, wrong encoding
    default:
      return hostileText(r);
  }
}

/** A JSON-ish object with fields of the wrong types, or right types with hostile strings. */
export function hostileObject(r: Rng, fields: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of fields) {
    const k = r();
    if (k < 0.1) continue;
    o[f] = k < 0.7 ? hostileText(r, 6) : pick(r, [null, 1, -5, true, [], {}, [hostileText(r, 3)], { nested: hostileText(r, 3) }, 1e308]);
  }
  return o;
}

/** True when a string holds something PostgreSQL would refuse, or a control character we strip. */
export function hasGarbage(s: string): boolean {
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
