// Once per vitest run: migrate one embedded database and dump it, so each test app loads a migrated copy
// instead of running every migration through the schema engine again (seconds per app).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/db/migrations.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of a migrated embedded data directory dump; "" on PostgreSQL. */
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgliteSnapshot", "");
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "renda-pglite-"));
  const file = path.join(dir, "migrated.tar");
  const pglite = new PGlite("memory://");
  await applyMigrations(new PrismaPGlite(pglite));
  await writeFile(file, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteSnapshot", file);
  return () => rm(dir, { recursive: true, force: true });
}
