// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import path from "node:path";
import { loadConfig, ConfigError } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";

try {
  const config = loadConfig(process.env);
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, "pglite") });
  const applied = await db.migrate();
  await db.close();
  console.log(applied.length ? `已执行迁移：${applied.join("、")}` : "数据库已是最新，无需迁移。");
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `迁移失败：${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
