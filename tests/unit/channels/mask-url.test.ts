import { describe, expect, it } from "vitest";
import { maskUrl } from "../../../src/channels/mask-url.ts";

describe("maskUrl (logs of webhook addresses, WeCom and DingTalk alike)", () => {
  it("keeps host, path and 4 characters of each query value", () => {
    expect(maskUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456")).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd****");
    expect(maskUrl("https://oapi.dingtalk.com/robot/send?access_token=9f8e7d6c5b4a")).toBe("https://oapi.dingtalk.com/robot/send?access_token=9f8e****");
  });
  it("stars short values whole and never throws", () => {
    expect(maskUrl("https://h/x?key=abc")).toBe("https://h/x?key=****");
    expect(maskUrl("not a url")).toBe("(invalid url)");
    expect(maskUrl(undefined)).toBe("(none)");
  });
});
