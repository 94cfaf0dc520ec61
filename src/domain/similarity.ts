// Near-duplicate detection: the same pothole is reported by many villagers in
// their own words. Character bigrams suit Chinese, which has no spaces to split on.
import { DEFAULT_CATEGORIES } from "./classify.ts";
import { normalizeText } from "./text.ts";

// #道路交通, #道路交通#, a standalone short tag (#求助), an opinion number (#27).
const TAGS = new RegExp([`#[^#\\s]+#`, `#\\s*(?:${DEFAULT_CATEGORIES.join("|")})`, `(?<=^|\\s)#[^#\\s]{1,8}(?=\\s|$)`, `#\\d+`].join("|"), "g");
// @张代表 — a mention says who is asked, not what about.
const MENTIONS = /@[^\s@]{1,20}(?=\s)/g;
// Anything but letters and digits: punctuation, spaces, emoji, symbols.
const NOISE = /[^\p{L}\p{N}]/gu;
// Particles that vary freely between tellings (村口的路灯坏了吧 / 村口路灯坏了).
const FILLERS = /[的啊呀吧呢嘛啦哦]/g;
const INTAKE = /^(?:(?:我要|我想|我)?(?:意见|建议|反映|投诉|求助)(?:一下)?)+/;

/** What a message is about, with the wrapping every teller adds stripped. */
function core(text: string): string {
  return normalizeText(text).toLowerCase().replace(TAGS, " ").replace(MENTIONS, " ").replace(NOISE, "").replace(INTAKE, "").replace(FILLERS, "");
}

function bigrams(s: string): Set<string> {
  const chars = [...s];
  if (chars.length === 1) return new Set(chars);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return grams;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Dice coefficient of the character bigrams of both messages' cores, in [0, 1]. */
export function similarity(a: string, b: string): number {
  if (normalizeText(a) === normalizeText(b)) return 1;
  return dice(bigrams(core(a)), bigrams(core(b)));
}

/** Candidates scoring at least threshold, best first (ties by id). */
export function findNearDuplicates(text: string, candidates: { id: number; text: string }[], threshold = 0.6): { id: number; score: number }[] {
  return candidates
    .map((c) => ({ id: c.id, score: similarity(text, c.text) }))
    .filter((r) => r.score >= threshold)
    .sort((x, y) => y.score - x.score || x.id - y.id);
}
