// Splits long markdown at line boundaries so each part's JSON-encoded text stays under a byte
// budget: the OpenAPI rejects a msgParam over 15,000 bytes (invalidParameter.msgParam.tooLong).

/** Bytes a string adds inside a JSON string literal (escapes included, quotes excluded). */
export function jsonBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(s)) - 2;
}

const NEWLINE_BYTES = 2; // "\n" is written as \n in JSON

export function splitByBytes(text: string, budget: number): string[] {
  if (budget < 16) throw new Error("budget too small");
  if (jsonBytes(text) <= budget) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current.join("\n"));
    current = [];
    size = 0;
  };
  for (const line of text.split("\n")) {
    for (const piece of splitLongLine(line, budget)) {
      const cost = jsonBytes(piece) + (current.length > 0 ? NEWLINE_BYTES : 0);
      if (size + cost > budget) flush();
      size += jsonBytes(piece) + (current.length > 0 ? NEWLINE_BYTES : 0);
      current.push(piece);
    }
  }
  flush();
  // Blank lines at a cut would start a part with nothing visible.
  return parts.map((p) => p.replace(/^\n+|\n+$/g, "")).filter((p) => p.length > 0);
}

/** A single line over budget is cut between code points (never inside a surrogate pair). */
function splitLongLine(line: string, budget: number): string[] {
  if (jsonBytes(line) <= budget) return [line];
  const pieces: string[] = [];
  let piece = "";
  let size = 0;
  for (const ch of line) {
    const cost = jsonBytes(ch);
    if (size + cost > budget) {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += ch;
    size += cost;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
