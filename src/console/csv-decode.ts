// CSV bytes to text. Chinese Excel saves "CSV" as GBK (GB18030 is its superset), "CSV UTF-8" with a
// BOM, and "Unicode text" as UTF-16 with a BOM. Without a BOM, text that is valid UTF-8 is UTF-8
// (GBK Chinese almost never is), anything else is read as GB18030.
const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

export function decodeCsv(body: Uint8Array): string {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => body[i] === b)) return new TextDecoder(encoding).decode(body.subarray(bom.length));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("gb18030").decode(body);
  }
}
