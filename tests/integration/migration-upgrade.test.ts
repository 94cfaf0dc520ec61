// Migrations applied to a database that already holds rows written by the version before them:
// vocabulary_constraints keeps rows that fit, clears references to nothing and checks new writes;
// unit_participants keeps every row and checks the new unit columns.
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
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
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

      // Only up to this migration: later ones are tested on their own below.
      await cp(path.join(MIGRATIONS_DIR, target), path.join(before, target), { recursive: true });
      expect(await applyMigrations(new PrismaPGlite(pg), before)).toEqual([target]);

      const rows = async (sql: string) => (await pg.query(sql)).rows;
      expect(await rows(`SELECT id, "opinionId" FROM "CodeSubmission" ORDER BY id`)).toEqual([
        { id: 1, opinionId: 1 },
        { id: 2, opinionId: null },
      ]);
      expect(await rows(`SELECT id FROM "BindingCode" ORDER BY id`)).toEqual([{ id: 1 }]);
      expect(await rows(`SELECT purpose FROM "Group"`)).toEqual([{ purpose: "station-staff" }]);
      expect(await rows(`SELECT channel, "cosignCount" FROM "Opinion"`)).toEqual([{ channel: "代表码", cosignCount: 2 }]);
      // A row from an older version outside today's set stays; new writes outside the sets are refused.
      expect(await rows(`SELECT status FROM "JobRun"`)).toEqual([{ status: "running" }]);
      await expect(pg.exec(`INSERT INTO "Group" (platform, "chatId", purpose) VALUES ('wecom', 'g2', 'party')`)).rejects.toThrow(/Group_purpose_check/);
      await expect(pg.exec(`UPDATE "Opinion" SET "cosignCount" = -1`)).rejects.toThrow(/cosignCount_check/);
      await expect(
        pg.exec(`INSERT INTO "CodeSubmission" (id, "deputyId", "ipHash", "textHash", outcome) VALUES (10, 42, 'ip', 't', 'accepted')`),
      ).rejects.toThrow(/deputyId_fkey/);
      await expect(
        pg.exec(`INSERT INTO "OutboxMessage" (platform, "chatId", "chatType", kind, payload) VALUES ('wecom', 'g1', 'group', 'shout', '{}')`),
      ).rejects.toThrow(/kind_check/);
    } finally {
      await pg.close();
      await rm(before, { recursive: true, force: true });
    }
  }, 180_000); // two runs of the WASM schema engine on a busy 2-core machine
});

describe("migration unit_participants on existing data", () => {
  it("keeps groups, accounts and events as they were, then checks the unit columns", async () => {
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const target = dirs.find((d) => d.endsWith("_unit_participants"))!;
    expect(target).toBeDefined();
    const before = await mkdtemp(path.join(tmpdir(), "renda-migrations-"));
    const pg = new PGlite();
    try {
      await cp(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
      for (const d of dirs.filter((d) => d < target)) await cp(path.join(MIGRATIONS_DIR, d), path.join(before, d), { recursive: true });
      await applyMigrations(new PrismaPGlite(pg), before);
      await pg.exec(`
        INSERT INTO "Unit" (id, name) VALUES (1, '县交通运输局');
        INSERT INTO "Group" (id, platform, "chatId", purpose) VALUES (1, 'wecom', 'g1', 'station-staff');
        INSERT INTO "ConsoleAccount" (id, username, "displayName", "passwordHash", role, "stationIds") VALUES (1, 'liu', '刘站长', 'x', 'staff', '{1}');
        INSERT INTO "Opinion" (id, number, text, category, channel, "dueDate", "updatedAt") VALUES (1, 1, '路灯坏了', '其他', 'chat', '2026-12-01', now());
        INSERT INTO "OpinionEvent" ("opinionId", action, "actorRole") VALUES (1, 'receive', 'citizen');
      `);

      await cp(path.join(MIGRATIONS_DIR, target), path.join(before, target), { recursive: true });
      expect(await applyMigrations(new PrismaPGlite(pg), before)).toEqual([target]);

      const rows = async (sql: string) => (await pg.query(sql)).rows;
      expect(await rows(`SELECT purpose, "unitId" FROM "Group"`)).toEqual([{ purpose: "station-staff", unitId: null }]);
      expect(await rows(`SELECT role, "unitId" FROM "ConsoleAccount"`)).toEqual([{ role: "staff", unitId: null }]);
      expect(await rows(`SELECT "lateDays", "targetDate" FROM "Opinion"`)).toEqual([{ lateDays: 0, targetDate: null }]);
      await pg.exec(`INSERT INTO "Group" (id, platform, "chatId", purpose, "unitId") VALUES (2, 'wecom', 'g2', 'unit', 1)`);
      await pg.exec(
        `INSERT INTO "ConsoleAccount" (id, username, "displayName", "passwordHash", role, "stationIds", "unitId") VALUES (2, 'jt', '交通局', 'x', 'unit', '{}', 1)`,
      );
      await pg.exec(`INSERT INTO "OpinionEvent" ("opinionId", action, "actorRole") VALUES (1, 'sign', 'unit')`);
      await expect(pg.exec(`INSERT INTO "Group" (id, platform, "chatId", purpose) VALUES (3, 'wecom', 'g3', 'unit')`)).rejects.toThrow(/Group_unit_check/);
      await expect(
        pg.exec(`INSERT INTO "ConsoleAccount" (id, username, "displayName", "passwordHash", role, "stationIds") VALUES (3, 'u2', '无单位', 'x', 'unit', '{}')`),
      ).rejects.toThrow(/ConsoleAccount_unit_check/);
      await expect(pg.exec(`UPDATE "Opinion" SET "targetDate" = '2026-11-30'`)).rejects.toThrow(/targetDate_check/);
      await expect(
        pg.exec(`INSERT INTO "ExtensionRequest" ("opinionId", days, reason, "requesterRole", "requesterName") VALUES (1, 0, '需要时间', 'unit', '交通局')`),
      ).rejects.toThrow(/days_check/);
      await expect(pg.exec(`INSERT INTO "Dispatch" ("opinionId", "unitId", "signDueDate", "returnedAt") VALUES (1, 1, '2026-12-02', now())`)).rejects.toThrow(
        /return_check/,
      );
      await expect(pg.exec(`DELETE FROM "Unit"`)).rejects.toThrow(/fkey/);
    } finally {
      await pg.close();
      await rm(before, { recursive: true, force: true });
    }
  }, 180_000);
});
