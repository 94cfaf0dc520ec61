// Splits markdown into parts that each fit a byte budget (WeCom counts UTF-8 bytes:
// 4,096 per markdown message, 20,480 per reply). Cuts at line boundaries; a single line
// longer than the budget is cut between characters (code points), never inside one.
import { packLines } from "../split-lines.ts";

export const MARKDOWN_MAX_BYTES = 4096;
export const REPLY_MAX_BYTES = 20480;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Greedy packing of whole lines into parts of at most maxBytes (newlines included).
 * Empty input gives no parts. Leading/trailing blank lines of each part are dropped
 * because WeCom renders them as empty space.
 */
export function splitMarkdown(text: string, maxBytes: number = MARKDOWN_MAX_BYTES): string[] {
  if (maxBytes < 4) throw new Error("maxBytes too small");
  return packLines(text.replace(/\r\n?/g, "\n"), maxBytes, byteLength, 1).filter((p) => p.trim() !== "");
}

/**
 * Splits and numbers the parts ("（续 2/3）") when there is more than one, keeping every
 * numbered part within maxBytes.
 */
export function splitNumbered(text: string, maxBytes: number = MARKDOWN_MAX_BYTES): string[] {
  const once = splitMarkdown(text, maxBytes);
  if (once.length <= 1) return once;
  const reserve = 32; // room for "\n\n（续 99/99）"
  const parts = splitMarkdown(text, maxBytes - reserve);
  return parts.map((p, i) => (i === 0 ? p : `（续 ${i + 1}/${parts.length}）\n${p}`));
}
