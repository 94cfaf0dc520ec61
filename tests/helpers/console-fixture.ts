// Where the console tests start: an app with the demo roster, what happened in the chats first (groups
// bound, opinions raised), then the console's administrator and a staff account of 东风镇, both signed in.
import { consoleUsers, type ConsoleClient } from "../console/client.ts";
import { seedRoster } from "./roster.ts";
import { SimGroup } from "./sim-group.ts";
import { startTestApp, type TestApp } from "./test-app.ts";

export type Roster = Awaited<ReturnType<typeof seedRoster>>;

export interface ConsoleFixture {
  t: TestApp;
  roster: Roster;
  adminUser: ConsoleClient;
  staffUser: ConsoleClient;
}

export async function startConsoleFixture(chats: (t: TestApp, roster: Roster) => Promise<void> = async () => {}): Promise<ConsoleFixture> {
  const { t, roster } = await startRosterApp();
  await chats(t, roster);
  return { t, roster, ...(await consoleUsers(t.baseUrl, [roster.east.id])) };
}

/** An app with the demo roster of roster.ts. */
export async function startRosterApp(): Promise<{ t: TestApp; roster: Roster }> {
  const t = await startTestApp();
  return { t, roster: await seedRoster(t.baseUrl) };
}

/** A simulator group that `staffUserId` binds to `station` in the chat; `answer` is the bot's reply. */
export async function boundGroup(
  baseUrl: string,
  chatId: string,
  title: string,
  staffUserId: string,
  station: string,
): Promise<{ group: SimGroup; answer: string }> {
  const group = new SimGroup(baseUrl, chatId, title);
  return { group, answer: await group.say(staffUserId, `绑定本群 ${station}`) };
}
