// Helpers for the end-to-end tests through the real app.
import type { App } from "../../src/app.ts";
import { admin } from "../helpers/test-app.ts";
import { waitUntil } from "./helpers.ts";

/** One station, a deputy, a station head and a unit, known by their WeCom user ids. */
export async function seedWecomRoster(baseUrl: string) {
  const station = (await admin(baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" })).body;
  const wang = (
    await admin(baseUrl, "POST", "/api/deputies", {
      name: "王建国",
      level: "COUNTY",
      duties: "东风村党支部书记",
      stationIds: [station.id],
      identities: [{ platform: "wecom", userId: "WangJianGuo" }],
    })
  ).body;
  const liu = (
    await admin(baseUrl, "POST", "/api/staff", {
      name: "刘站长",
      role: "STATION",
      title: "站长",
      stationIds: [station.id],
      identities: [{ platform: "wecom", userId: "LiuZhan" }],
    })
  ).body;
  await admin(baseUrl, "POST", "/api/units", { name: "县供电公司" });
  return { station, wang, liu };
}

/** Waits until the given WeCom messages are stored, handled, and the outbox has sent what is due. */
export async function settle(app: App, messageIds: string[] = []): Promise<void> {
  await waitUntil(
    async () => (await app.db.inboundMessage.count({ where: { platform: "wecom", messageId: { in: messageIds } } })) === messageIds.length,
    10_000,
    `stored ${messageIds.join(",")}`,
  );
  await app.inbox.idle();
  await app.outbox.drain();
}

export async function opinionCount(app: App): Promise<number> {
  return app.db.opinion.count();
}
