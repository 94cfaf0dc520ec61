import { describe, expect, it } from "vitest";
import { html, layout, raw } from "../../../src/web/html.ts";
import { publicBase, codeLinks } from "../../../src/domain/public-links.ts";

describe("html templating", () => {
  it("escapes every interpolated value unless raw", () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(html`${raw("<b>ok</b>")}`.value).toBe("<b>ok</b>");
  });
  it("joins arrays and drops null, undefined and false", () => {
    expect(html`<ul>${["a", "<b>"].map((x) => html`<li>${x}</li>`)}</ul>${null}${undefined}${false}${0}`.value).toBe("<ul><li>a</li><li>&lt;b&gt;</li></ul>0");
  });
  it("wraps pages in a zh-CN phone-ready shell", () => {
    const page = layout("标题<", html`<main>hi</main>`, { noindex: true });
    expect(page).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(page).toContain('name="viewport"');
    expect(page).toContain("<title>标题&lt;</title>");
    expect(page).toContain('content="noindex"');
  });
});

describe("public URLs", () => {
  const req = (host: string | undefined, protocol = "http") => ({ protocol, get: (h: string) => (h === "host" ? host : undefined) }) as never;
  it("uses PUBLIC_BASE_URL without a trailing slash, else the request host only when it is this machine (F13)", () => {
    expect(publicBase("https://renda.example.cn/", req("ignored"))).toBe("https://renda.example.cn");
    expect(publicBase(undefined, req("127.0.0.1:3000"))).toBe("http://127.0.0.1:3000");
    expect(publicBase(undefined, req("localhost:3000"))).toBe("http://localhost:3000");
    expect(publicBase(undefined, req("10.0.0.5:3000"))).toBeUndefined();
    expect(publicBase(undefined, req("evil.example.com"))).toBeUndefined();
    expect(publicBase(undefined, req(undefined))).toBeUndefined();
    expect(codeLinks("https://a.cn", "Ab_9").posterUrl).toBe("https://a.cn/d/Ab_9/poster");
  });
});
