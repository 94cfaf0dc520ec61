import QRCode from "qrcode";

// Error correction M survives a scuffed, sun-faded poster while keeping the code coarse enough for cheap cameras.
const OPTIONS = { errorCorrectionLevel: "M" as const, margin: 2 };
const CACHE_MAX = 500;
const cache = new Map<string, Promise<string | Buffer>>();

/** Codes never change for a URL: keep the recent ones (a PNG takes tens of ms to draw). */
function cached<T extends string | Buffer>(key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

export function qrSvg(url: string): Promise<string> {
  return cached(`svg:${url}`, () => QRCode.toString(url, { ...OPTIONS, type: "svg" }));
}

export function qrPng(url: string, width = 600): Promise<Buffer> {
  return cached(`png:${width}:${url}`, () => QRCode.toBuffer(url, { ...OPTIONS, type: "png", width }));
}
