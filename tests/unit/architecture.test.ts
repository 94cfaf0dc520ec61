// Folders show the path of a message: channels → bot → core → domain → db, with outbox, jobs,
// console, http and web as doors beside bot. This check reads every import under src/ (static,
// multi-line, re-exports, side-effect and dynamic ones) and fails on one that points upward.
// (The installed typescript is the native 7.x, which has no stable JS parser API: a regex it is.)
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const DOORS = ["outbox", "jobs", "console", "http", "web"];

/** Folders each folder must not import. */
const FORBIDDEN: Record<string, string[]> = {
  db: ["domain", "core", "bot", "channels", ...DOORS],
  domain: ["db", "core", "bot", "channels", ...DOORS],
  core: ["bot", "channels", "console", "http", "web", "jobs"],
  bot: ["channels", "console", "http", "web", "jobs"],
  outbox: ["bot", "channels"],
  jobs: ["bot", "channels"],
  console: ["bot", "channels"],
  http: ["bot", "channels"],
  web: ["bot", "channels"],
};

/** channels/types.ts is the platform-neutral boundary (InboundMessage, OutboundMessage) every layer speaks. */
const BOUNDARY = "channels/types.ts";

/** Upward imports still to be moved down: empty now, and it must stay so. */
const REMAINING = new Set<string>();

/** `… from "x"`, `import "x"` and `import("x")`: statements may span lines; strings in comments are stripped first. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
const specifiers = (code: string) => [...code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "").matchAll(SPECIFIER)].map((m) => m[1]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

function upwardImports(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const folder = from.split("/")[0];
    for (const fileName of specifiers(readFileSync(file, "utf8"))) {
      if (!fileName.startsWith(".")) continue;
      const to = relative(SRC, resolve(dirname(file), fileName));
      if (to === BOUNDARY) continue;
      if (FORBIDDEN[folder]?.includes(to.split("/")[0])) found.push(`${from} → ${to}`);
    }
  }
  return [...new Set(found)].sort();
}

describe("import direction", () => {
  const upward = upwardImports();

  it("no new upward import appears", () => {
    expect(upward.filter((i) => !REMAINING.has(i))).toEqual([]);
  });

  it("the list of remaining upward imports names only ones that still exist", () => {
    expect([...REMAINING].filter((i) => !upward.includes(i))).toEqual([]);
  });

  it("reads the forms an import takes", () => {
    expect(
      specifiers(`import {\n  a,\n} from "../x.ts";\nexport * from './y.ts';\nimport "./z.ts";\nconst m = await import("../w.ts");\n// from "../no.ts"`),
    ).toEqual(["../x.ts", "./y.ts", "./z.ts", "../w.ts"]);
  });

  it("sees the imports it checks", () => {
    // A parser that found nothing would pass the checks above for no reason.
    const files = sourceFiles(SRC);
    const relativeImports = files.flatMap((f) => specifiers(readFileSync(f, "utf8"))).filter((x) => x.startsWith("."));
    expect(files.length).toBeGreaterThan(50);
    expect(relativeImports.length).toBeGreaterThan(files.length);
  });
});
