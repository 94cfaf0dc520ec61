// Starts the real app on an ephemeral port: embedded in-memory database by default, or a fresh
// schema on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createApp, type App } from "../../src/app.ts";
import { createLogger, type Logger } from "../../src/logger.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
export const PG_URL = process.env.TEST_DATABASE_URL;

export interface TestApp {
  app: App;
  baseUrl: string;
  schema?: string;
  stop(): Promise<void>;
}

export async function createTestSchema(): Promise<string | undefined> {
  if (!PG_URL) return undefined;
  const schema = `t_${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return schema;
}

export async function dropTestSchema(schema: string | undefined): Promise<void> {
  if (!PG_URL || !schema) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

let snapshot: Promise<Blob | undefined> | undefined;

/** The migrated embedded database dumped by tests/helpers/global-setup.ts (undefined on PostgreSQL). */
export function migratedSnapshot(): Promise<Blob | undefined> {
  const file = inject("pgliteSnapshot");
  snapshot ??= file ? readFile(file).then((buf) => new Blob([buf])) : Promise.resolve(undefined);
  return snapshot;
}

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: "memory://",
    ...(PG_URL ? { DATABASE_URL: PG_URL } : {}),
    SEED_DEMO: "false",
    SIMULATOR_ENABLED: "true",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    ADMIN_TOKEN,
    OUTBOX_POLL_MS: "200",
    // Scheduled jobs stay off unless a test asks for them: the clock is the test's.
    JOBS_ENABLED: "false",
    ...env,
  });
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { now?: () => Date; logger?: Logger; schema?: string; keepSchema?: boolean } = {},
): Promise<TestApp> {
  const schema = opts.schema ?? (await createTestSchema());
  const config = testConfig(env);
  const app = await createApp({ config, logger: opts.logger ?? createLogger("silent"), now: opts.now, dbSchema: schema, dbSnapshot: await migratedSnapshot() });
  const { port } = await app.start();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    schema,
    async stop() {
      await app.stop();
      if (!opts.keepSchema) await dropTestSchema(schema);
    },
  };
}

/** Admin API call with the test token. */
export async function admin<T = any>(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
