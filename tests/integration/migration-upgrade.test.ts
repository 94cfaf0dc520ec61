// The vocabulary_constraints migration applied to a database that already holds rows written by the
// version before it: rows that fit are kept, references to nothing are cleared, and new writes are checked.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../../src/db/migrations.ts";

const MIGRATION = "vocabulary_constraints";

describe(`migration ${MIGRATION} on existing data`, () => {
  it("keeps rows that fit, clears dangling references, then refuses values outside the closed sets", async () => {
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const target = dirs.find((d) => d.endsWith(`_${MIGRATION}`))!;
    expect(target).toBeDefined();
    const before = await mkdtemp(path.join(tmpdir(), "renda-migrations-"));
    const pg = new PGlite();
    try {
      await cp(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
      for (const d of dirs.filter((d) => d < target)) await cp(path.join(MIGRATIONS_DIR, d), path.join(before, d), { recursive: true });
      await applyMigrations(new PrismaPGlite(pg), before);

      await pg.exec(`
        INSERT INTO "Deputy" (id, name, level, slug) VALUES (1, '张三', 'COUNTY', 'zhang');
        INSERT INTO "Group" (id, platform, "chatId", purpose) VALUES (1, 'wecom', 'g1', 'station-staff');
        INSERT INTO "Opinion" (id, number, text, category, channel, "cosignCount", "updatedAt") VALUES (1, 1, '路灯坏了', '其他', '代表码', 2, now());
        INSERT INTO "CodeSubmission" (id, "deputyId", "opinionId", "ipHash", "textHash", outcome) VALUES
          (1, 1, 1, 'ip', 't1', 'accepted'), (2, 1, 99, 'ip', 't2', 'duplicate'), (3, 42, NULL, 'ip', 't3', 'honeypot');
        INSERT INTO "BindingCode" (id, "codeHash", "deputyId", "createdBy", "expiresAt") VALUES (1, 'a', 1, 'admin', now()), (2, 'b', 42, 'admin', now());
        INSERT INTO "JobRun" (key, job, status) VALUES ('old:1', 'old', 'running');
      `);

      expect(await applyMigrations(new PrismaPGlite(pg))).toEqual([target]);

      const rows = async (sql: string) => (await pg.query(sql)).rows;
      expect(await rows(`SELECT id, "opinionId" FROM "CodeSubmission" ORDER BY id`)).toEqual([{ id: 1, opinionId: 1 }, { id: 2, opinionId: null }]);
      expect(await rows(`SELECT id FROM "BindingCode" ORDER BY id`)).toEqual([{ id: 1 }]);
      expect(await rows(`SELECT purpose FROM "Group"`)).toEqual([{ purpose: "station-staff" }]);
      expect(await rows(`SELECT channel, "cosignCount" FROM "Opinion"`)).toEqual([{ channel: "代表码", cosignCount: 2 }]);
      // A row from an older version outside today's set stays; new writes outside the sets are refused.
      expect(await rows(`SELECT status FROM "JobRun"`)).toEqual([{ status: "running" }]);
      await expect(pg.exec(`INSERT INTO "Group" (platform, "chatId", purpose) VALUES ('wecom', 'g2', 'party')`)).rejects.toThrow(/Group_purpose_check/);
      await expect(pg.exec(`UPDATE "Opinion" SET "cosignCount" = -1`)).rejects.toThrow(/cosignCount_check/);
      await expect(pg.exec(`INSERT INTO "CodeSubmission" (id, "deputyId", "ipHash", "textHash", outcome) VALUES (10, 42, 'ip', 't', 'accepted')`)).rejects.toThrow(/deputyId_fkey/);
      await expect(pg.exec(`INSERT INTO "OutboxMessage" (platform, "chatId", "chatType", kind, payload) VALUES ('wecom', 'g1', 'group', 'shout', '{}')`)).rejects.toThrow(/kind_check/);
    } finally {
      await pg.close();
      await rm(before, { recursive: true, force: true });
    }
  }, 180_000); // two runs of the WASM schema engine on a busy 2-core machine
});
