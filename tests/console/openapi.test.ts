// /api/openapi.json: public, OpenAPI 3.1, generated from the routes' own zod schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

describe("OpenAPI document", () => {
  it("documents console and admin endpoints with their schemas", async () => {
    const res = await fetch(`${t.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/ledger",
        "/api/ledger/{number}/actions",
        "/api/ledger/export.xlsx",
        "/api/roster/{kind}/import",
        "/api/stats",
        "/api/accounts",
        "/api/audit",
        "/api/binding-codes",
        "/api/stations",
        "/api/deputies",
        "/api/opinions",
        "/api/jobs",
        "/api/categories/{name}",
      ]),
    );
    const ledger = doc.paths["/api/ledger"].get;
    expect(ledger.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(["station", "group", "category", "status", "result", "overdue", "deputy", "unit", "from", "to", "q", "sort", "page"]),
    );
    const actions = JSON.stringify(doc.paths["/api/ledger/{number}/actions"].post.requestBody);
    for (const a of ["assignDeputy", "assignUnit", "extend", "reply", "close", "merge", "transfer", "reject", "reopen"]) expect(actions).toContain(a);
    expect(doc.paths["/api/deputies"].post.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["name", "level"]));
    expect(doc.components.securitySchemes.session).toMatchObject({ in: "cookie", name: "renda_console" });
    for (const [path, ops] of Object.entries<any>(doc.paths)) for (const op of Object.values<any>(ops)) expect(op.summary, path).toBeTruthy();
  });
});
