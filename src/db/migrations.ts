import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.ts";

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");

const filters = { externalTables: [], externalEnums: [] };

/** The migrations folder in the shape the schema engine expects (same layout as `prisma migrate`). */
export async function readMigrationsList(baseDir = MIGRATIONS_DIR) {
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: await readFile(path.join(baseDir, dir, "migration.sql"), "utf8") } },
      })),
    ),
  };
}

/** Applies pending migrations (from `baseDir`, for upgrade tests); returns the names applied now. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory, baseDir = MIGRATIONS_DIR): Promise<string[]> {
  const engine = await openSchemaEngine(adapterFactory);
  try {
    const result = (await engine.applyMigrations({ migrationsList: await readMigrationsList(baseDir), filters })) as { appliedMigrationNames: string[] };
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes the migration history to schema.prisma; "" when they agree. Needs no database. */
export async function pendingSchemaDiff(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await openSchemaEngine(adapterFactory);
  try {
    const list = await readMigrationsList();
    const from = list.migrationDirectories.length ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const result = (await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") }] },
      script: true,
      shadowDatabaseUrl: null,
      exitCode: true,
      filters,
    } as never)) as { exitCode: number; stdout?: string };
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  } finally {
    engine.free();
  }
}
