// Canonical form for everything citizens type: phones mix full-width and
// half-width input, and copied text carries invisible characters.

// ZWJ joins emoji sequences (👨‍🌾), so it survives between two pictographs.
const STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// Zero-width, soft hyphen, bidi marks, word joiner and BOM: invisible noise.
const INVISIBLE = /[\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Every C0/C1 control except the newline (tabs were turned into spaces before).
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

// Chinese punctuation is kept as typed: NFKC would turn ，into , and ：into : in stored opinions.
// Everything else is folded (full-width digits, letters, ＃, the ideographic space).
const CJK_PUNCTUATION = /[^，。：；！？（）、“”‘’《》【】…—～]+/g;

export function normalizeText(s: string): string {
  return s
    .replace(CJK_PUNCTUATION, (run) => run.normalize("NFKC"))
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(STRAY_ZWJ, "")
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .join("\n")
    .trim();
}
