// Splits long markdown at line boundaries so each part's JSON-encoded text stays under a byte
// budget: the OpenAPI rejects a msgParam over 15,000 bytes (invalidParameter.msgParam.tooLong).
import { packLines } from "../split-lines.ts";

/** Bytes a string adds inside a JSON string literal (escapes included, quotes excluded). */
export function jsonBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(s)) - 2;
}

const NEWLINE_BYTES = 2; // "\n" is written as \n in JSON

export function splitByBytes(text: string, budget: number): string[] {
  if (budget < 16) throw new Error("budget too small");
  if (jsonBytes(text) <= budget) return [text];
  return packLines(text, budget, jsonBytes, NEWLINE_BYTES).filter((p) => p.length > 0);
}
