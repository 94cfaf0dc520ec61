// The one message splitter: greedy packing of whole lines under a size budget. Each platform
// brings its own measure (WeCom: UTF-8 bytes; DingTalk: bytes inside a JSON string literal).

type Measure = (s: string) => number;

/**
 * Packs lines into parts whose measure (newlines costing `newlineCost` each) stays within `budget`;
 * a line over budget is cut between code points, never inside one. Blank lines at the edge of a
 * part are dropped: they would start or end a message with empty space.
 */
export function packLines(text: string, budget: number, measure: Measure, newlineCost: number): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of text.split("\n")) {
    for (const piece of measure(line) > budget ? cutLine(line, budget, measure) : [line]) {
      if (current.length > 0 && size + newlineCost + measure(piece) > budget) {
        parts.push(current.join("\n"));
        current = [];
        size = 0;
      }
      size += measure(piece) + (current.length > 0 ? newlineCost : 0);
      current.push(piece);
    }
  }
  if (current.length > 0) parts.push(current.join("\n"));
  return parts.map((p) => p.replace(/^\n+|\n+$/g, ""));
}

function cutLine(line: string, budget: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  let size = 0;
  for (const ch of line) {
    const cost = measure(ch);
    if (size + cost > budget && piece !== "") {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += ch;
    size += cost;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}
