import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations } from "./migrations.ts";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… for a server; undefined for the embedded database. */
  url?: string;
  /** Embedded database directory, or "memory://" for a throwaway one. */
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  schema?: string;
  poolSize?: number;
  /** Embedded only: a data directory dump (PGlite `dumpDataDir`) to start from; tests load one migrated copy. */
  initialData?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const url = opts.url;
    const newPool = (max: number) => {
      const pool = new pg.Pool({ connectionString: url, max, ...(opts.schema ? { options: `-c search_path="${opts.schema}"` } : {}) });
      // A dropped server connection must not crash the process; queries fail and are retried by their callers.
      pool.on("error", () => {});
      return pool;
    };
    const adapterFor = (pool: pg.Pool) => new PrismaPg(pool, opts.schema ? { schema: opts.schema } : undefined);
    const pool = newPool(opts.poolSize ?? 10);
    const adapterFactory = adapterFor(pool);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      kind: "postgres",
      adapterFactory,
      // The schema engine takes a session-level advisory lock; over a shared pool the unlock can run on
      // another connection and leave the lock held, so migrations get a pool of exactly one connection.
      migrate: () =>
        withLockRetry(async () => {
          const migrationPool = newPool(1);
          try {
            return await applyMigrations(adapterFor(migrationPool));
          } finally {
            await migrationPool.end();
          }
        }),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  if (!opts.dataDir.startsWith("memory://")) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = new PGlite(opts.dataDir, opts.initialData ? { loadDataDir: opts.initialData } : {});
  await pglite.waitReady;
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind: "pglite",
    adapterFactory,
    migrate: () => applyMigrations(adapterFactory),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Another instance (or test schema) migrating at the same moment holds the lock for a while: wait and retry. */
async function withLockRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !/advisory lock/i.test(String((err as Error)?.message ?? err))) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}
