// F13: without PUBLIC_BASE_URL, the Host header decided the URL inside QR codes, posters and follow links
// (and a shared cache kept a poisoned QR for an hour). Only PUBLIC_BASE_URL, or a loopback Host, may.
import http from "node:http";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";

const jsQR = jsQRModule as unknown as (typeof jsQRModule)["default"];
const decodePng = (bytes: Buffer) => {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
};

/** A request with exactly this Host header, as curl -H 'Host: …' sends it. */
function request(
  t: TestApp,
  method: string,
  path: string,
  host: string,
  opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: new URL(t.baseUrl).port, method, path, headers: { host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const submit = (t: TestApp, slug: string, host: string) =>
  request(t, "POST", `/d/${slug}`, host, {
    body: new URLSearchParams({ text: "村口路灯坏了一个星期", website: "" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("PUBLIC_BASE_URL unset", () => {
  let t: TestApp;
  let slug: string;
  let deputyId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const roster = await seedRoster(t.baseUrl);
    slug = roster.wang.slug;
    deputyId = roster.wang.id;
  });
  afterAll(async () => t?.stop());

  it.each(["qr.png", "qr.svg", "poster"])("a foreign Host gets 503 for %s, with a Chinese reason for the admin, never cached", async (file) => {
    const res = await request(t, "GET", `/d/${slug}/${file}`, "evil.example");
    expect(res.status).toBe(503);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body.toString("utf8")).toContain("PUBLIC_BASE_URL");
    expect(res.body.toString("utf8")).toContain("请管理员");
    expect(res.body.toString("utf8")).not.toContain("evil.example");
  });

  it("the admin API's code links answer 503 with the reason for a foreign Host", async () => {
    const res = await request(t, "GET", `/api/deputies/${deputyId}/code`, "evil.example", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(503);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(res.body.toString("utf8")).error).toMatch(/PUBLIC_BASE_URL/);
  });

  it("the follow link after a submission is relative, so a foreign Host cannot redirect it", async () => {
    const res = await submit(t, slug, "evil.example");
    expect(res.status).toBe(201);
    const html = res.body.toString("utf8");
    expect(html).not.toContain("evil.example");
    expect(html).toMatch(/id="follow" href="\/f\/[A-Za-z0-9_-]+"/);
  });

  it("a loopback Host (trying it out on this machine) still gets a working QR, not cached", async () => {
    const { port } = new URL(t.baseUrl);
    const res = await request(t, "GET", `/d/${slug}/qr.png`, `127.0.0.1:${port}`);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(decodePng(res.body)).toBe(`http://127.0.0.1:${port}/d/${slug}`);
  });
});

describe("PUBLIC_BASE_URL set", () => {
  let t: TestApp;
  let slug: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: "https://renda.example.gov.cn" });
    slug = (await seedRoster(t.baseUrl)).wang.slug;
  });
  afterAll(async () => t?.stop());

  it("the Host header changes nothing: QR, poster and follow link use PUBLIC_BASE_URL", async () => {
    const png = await request(t, "GET", `/d/${slug}/qr.png`, "evil.example");
    expect(png.status).toBe(200);
    expect(decodePng(png.body)).toBe(`https://renda.example.gov.cn/d/${slug}`);
    expect(png.headers["cache-control"]).toBe("public, max-age=3600");
    const poster = await request(t, "GET", `/d/${slug}/poster`, "evil.example", { headers: { "accept-encoding": "identity" } });
    expect(poster.body.toString("utf8")).not.toContain("evil.example");
    const submitted = (await submit(t, slug, "evil.example")).body.toString("utf8");
    expect(submitted).toMatch(/id="follow" href="https:\/\/renda\.example\.gov\.cn\/f\//);
  });
});
