// Splits markdown into parts that each fit a byte budget (WeCom counts UTF-8 bytes:
// 4,096 per markdown message, 20,480 per reply). Cuts at line boundaries; a single line
// longer than the budget is cut between characters (code points), never inside one.

export const MARKDOWN_MAX_BYTES = 4096;
export const REPLY_MAX_BYTES = 20480;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cuts one over-long line into pieces of at most maxBytes, between code points. */
function cutLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = byteLength(ch);
    if (size + n > maxBytes && current !== "") {
      pieces.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/**
 * Greedy packing of whole lines into parts of at most maxBytes (newlines included).
 * Empty input gives no parts. Leading/trailing blank lines of each part are dropped
 * because WeCom renders them as empty space.
 */
export function splitMarkdown(text: string, maxBytes: number = MARKDOWN_MAX_BYTES): string[] {
  if (maxBytes < 4) throw new Error("maxBytes too small");
  const lines = text.replace(/\r\n?/g, "\n").split("\n").flatMap((l) => (byteLength(l) > maxBytes ? cutLine(l, maxBytes) : [l]));
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    const part = current.join("\n").replace(/^\n+|\n+$/g, "");
    if (part.trim() !== "") parts.push(part);
    current = [];
    size = 0;
  };
  for (const line of lines) {
    const add = byteLength(line) + (current.length > 0 ? 1 : 0);
    if (size + add > maxBytes) flush();
    size += byteLength(line) + (current.length > 0 ? 1 : 0);
    current.push(line);
  }
  flush();
  return parts;
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
