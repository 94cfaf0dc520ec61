import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { pendingSchemaDiff } from "../../src/db/migrations.ts";

describe("schema.prisma and prisma/migrations", () => {
  it("agree: no migration is missing (run `npm run db:new-migration -- <name>` if this fails)", async () => {
    const pg = new PGlite();
    try {
      expect(await pendingSchemaDiff(new PrismaPGlite(pg))).toBe("");
    } finally {
      await pg.close();
    }
  }, 120_000); // the WASM schema engine is CPU-bound: slow on a busy 2-core machine
});
