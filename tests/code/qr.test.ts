import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";
import { getPage } from "./helpers.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { identityCard } from "../../src/bot/render.ts";
import { renderMessage } from "../../src/channels/dingtalk/render.ts";
import { renderCard, renderMarkdown } from "../../src/channels/wecom/render.ts";

// jsqr is CommonJS: its default import is the function at runtime, though the typings say otherwise.
const jsQR = jsQRModule as unknown as (typeof jsQRModule)["default"];
const PUBLIC = "https://renda.example.gov.cn/";
let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_BASE_URL: PUBLIC });
  roster = await seedRoster(t.baseUrl);
});
afterAll(async () => t?.stop());

function decodePng(bytes: Buffer): string | undefined {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe("代表码 QR codes", () => {
  const pageUrl = () => `https://renda.example.gov.cn/d/${roster.wang.slug}`;

  it("admin API gives the deputy's code links built from PUBLIC_BASE_URL", async () => {
    const res = await admin(t.baseUrl, "GET", `/api/deputies/${roster.wang.id}/code`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: pageUrl(), svgUrl: `${pageUrl()}/qr.svg`, pngUrl: `${pageUrl()}/qr.png`, posterUrl: `${pageUrl()}/poster` });
    expect((await admin(t.baseUrl, "GET", "/api/deputies/9999/code")).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/deputies/${roster.wang.id}/code`)).status).toBe(401);
  });

  it("the PNG decodes back to the deputy page URL", async () => {
    const res = await fetch(`${t.baseUrl}/d/${roster.wang.slug}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(decodePng(Buffer.from(await res.arrayBuffer()))).toBe(pageUrl());
  });

  it("serves an SVG and a printable A5 poster carrying the same code", async () => {
    const svg = await fetch(`${t.baseUrl}/d/${roster.wang.slug}/qr.svg`);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const svgText = await svg.text();
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const poster = await getPage(`${t.baseUrl}/d/${roster.wang.slug}/poster`);
    expect(poster.status).toBe(200);
    expect(poster.body).toContain("@page{size:A5");
    expect(poster.body).toContain("王建国");
    expect(poster.body).toContain("县（区）人大代表");
    expect(poster.body).toContain("东风镇代表联络站");
    expect(poster.body).toContain(pageUrl());
    expect(poster.body).toContain(svgText.replace(/\n$/, ""));
  });

  it("unknown deputies have no code", async () => {
    expect((await fetch(`${t.baseUrl}/d/zzzzzzzz/qr.png`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/d/zzzzzzzz/poster`)).status).toBe(404);
  });

  it("the 亮身份 card carries the page link and the QR image", async () => {
    const group = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
    const reply = await group.say("dep-wang", "亮身份");
    expect(reply).toContain(`代表码页面：${pageUrl()}`);
    expect(reply).toContain(`[图片] ${pageUrl()}/qr.png`);
  });

  it("renders the QR as an image on DingTalk and as a link on WeCom", () => {
    const card = identityCard({
      name: "王建国",
      level: "COUNTY",
      duties: null,
      stations: ["东风镇代表联络站"],
      reception: null,
      phone: null,
      bio: null,
      pageUrl: "https://rd.example.cn/d/w",
      qrUrl: "https://rd.example.cn/d/w/qr.png",
    });
    expect(renderMessage(card).parts[0]!.text).toContain("![代表码](https://rd.example.cn/d/w/qr.png)");
    expect(renderMarkdown(card, { buttonHints: false })).toContain("[代表码二维码](https://rd.example.cn/d/w/qr.png)");
    expect(renderCard(card, "t")!.card.card_action).toEqual({ type: 1, url: "https://rd.example.cn/d/w" });
  });
});
