// F5: the addresses the bot will post to. With the default (official) bases nothing but the
// platforms' robot endpoints over HTTPS passes; the look-alikes below are what an attacker types.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { allowedUrl, groupRobotForms, groupRobotUrl } from "../../../src/domain/webhook-address.ts";

const official = loadConfig({ SEED_DEMO: "false" });
const DING = "https://oapi.dingtalk.com/robot/send?access_token=abc123";
const WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0a1b-2c3d";

describe("group robot addresses", () => {
  it("accepts each platform's own robot webhook, and the simulator either", () => {
    expect(groupRobotUrl("dingtalk", DING, official)?.toString()).toBe(DING);
    expect(groupRobotUrl("dingtalk", "HTTPS://OAPI.DINGTALK.COM:443/robot/send?access_token=abc123", official)?.host).toBe("oapi.dingtalk.com");
    expect(groupRobotUrl("wecom", WECOM, official)?.toString()).toBe(WECOM);
    expect(groupRobotUrl("simulator", DING, official)).toBeDefined();
    expect(groupRobotUrl("simulator", WECOM, official)).toBeDefined();
    expect(groupRobotUrl("dingtalk", WECOM, official)).toBeUndefined();
    expect(groupRobotUrl("wecom", DING, official)).toBeUndefined();
  });

  it.each([
    "http://oapi.dingtalk.com/robot/send?access_token=abc123",
    "https://oapi.dingtalk.com:8443/robot/send?access_token=abc123",
    "https://user:pw@oapi.dingtalk.com/robot/send?access_token=abc123",
    "https://oapi.dingtalk.com@127.0.0.1/robot/send?access_token=abc123",
    "https://oapi.dingtalk.com.evil.example/robot/send?access_token=abc123",
    "https://oapi.dingtalk.com./robot/send?access_token=abc123",
    "https://evil-oapi.dingtalk.com/robot/send?access_token=abc123",
    "https://127.0.0.1/robot/send?access_token=abc123",
    "http://127.0.0.1:4151/hijacked",
    "https://10.0.0.8/robot/send?access_token=abc123",
    "https://[::1]/robot/send?access_token=abc123",
    "https://169.254.169.254/latest/meta-data",
    "https://oapi.dingtalk.com/robot/send",
    "https://oapi.dingtalk.com/robot/send?access_token=",
    "https://oapi.dingtalk.com/robot/send/../../admin?access_token=abc123",
    "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
    "https://oapi.dingtalk.com/robot/send?access_token=abc123#frag",
    "file:///etc/passwd",
    "gopher://oapi.dingtalk.com/robot/send?access_token=abc123",
    "not a url",
  ])("refuses %s for DingTalk", (raw) => {
    expect(groupRobotUrl("dingtalk", raw, official)).toBeUndefined();
  });

  it.each([
    "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=k",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=k",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://example.com/hook?key=abc",
  ])("refuses %s for WeCom", (raw) => {
    expect(groupRobotUrl("wecom", raw, official)).toBeUndefined();
  });

  it("follows the configured bases (tests and private deployments), and names the accepted form", () => {
    const local = loadConfig({ SEED_DEMO: "false", DINGTALK_WEBHOOK_BASE: "http://127.0.0.1:4150", WECOM_API_BASE: "http://127.0.0.1:4160" });
    expect(groupRobotUrl("dingtalk", "http://127.0.0.1:4150/robot/send?access_token=t", local)).toBeDefined();
    expect(groupRobotUrl("dingtalk", "http://127.0.0.1:4151/robot/send?access_token=t", local)).toBeUndefined();
    expect(groupRobotForms("dingtalk", official)).toBe("钉钉群自定义机器人的 Webhook 地址（形如 https://oapi.dingtalk.com/robot/send?access_token=…）");
    expect(groupRobotForms("wecom", local)).toContain("http://127.0.0.1:4160/cgi-bin/webhook/send?key=…");
  });

  it("checks sessionWebhooks and response_urls the same way", () => {
    expect(allowedUrl("dingtalk-session", "https://oapi.dingtalk.com/robot/sendBySession?session=s1", official.DINGTALK_WEBHOOK_BASE)).toBeDefined();
    expect(allowedUrl("dingtalk-session", "http://127.0.0.1:4151/session-ssrf?session=s1", official.DINGTALK_WEBHOOK_BASE)).toBeUndefined();
    expect(allowedUrl("wecom-response", "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=c", official.WECOM_API_BASE)).toBeDefined();
    expect(allowedUrl("wecom-response", "https://qyapi.weixin.qq.com/cgi-bin/aibot/response2?response_code=c", official.WECOM_API_BASE)).toBeUndefined();
  });
});
