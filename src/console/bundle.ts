// Builds the console's front end with esbuild, in memory, once per process (first request).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), "web");

export interface ConsoleBundle {
  html: string;
  js: string;
  css: string;
  version: string;
  /** Gzipped sizes in bytes, for the README's measurements. */
  gz: { js: number; css: number; html: number };
}

async function compile(): Promise<ConsoleBundle> {
  const out = await build({
    entryPoints: [path.join(WEB, "main.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    write: false,
    legalComments: "none",
  });
  const js = out.outputFiles[0].text;
  const css = (await readFile(path.join(WEB, "app.css"), "utf8")).replace(/\n/g, "");
  const version = createHash("sha256").update(js).update(css).digest("hex").slice(0, 12);
  const html = (await readFile(path.join(WEB, "index.html"), "utf8")).replaceAll("__VERSION__", version);
  const gz = (s: string) => gzipSync(s).length;
  return { html, js, css, version, gz: { js: gz(js), css: gz(css), html: gz(html) } };
}

let cached: Promise<ConsoleBundle> | undefined;
export function consoleBundle(): Promise<ConsoleBundle> {
  cached ??= compile().catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
