// Where a matter may be shown: one rule for every chat, list and page that mentions a matter.
// A matter raised in a village group belongs to that group; one left privately (代表码) or entered
// by staff (接待、来电) belongs to its submitter and the officials who handle it, never to a group.
import type { GroupPurpose } from "./group-purpose.ts";

/** What a target may see of a matter: the whole text, the masked text, its number only, or nothing. */
export type Shown = "full" | "masked" | "number" | "nothing";

/** How a matter entered: a group or direct chat, a deputy's 代表码 page, or staff in the console. */
export const PRIVATE_CHANNELS: readonly string[] = ["代表码", "console"];

export interface MatterScope {
  /** "chat" | "代表码" | "console" */
  channel: string;
  stationId: number | null;
  category: string;
  /** Staff's 公示 decision; null: the default (private channels and personal categories hidden). */
  publicHidden: boolean | null;
  /** The group it was raised in (null for a direct chat, 代表码 or console). */
  groupId: number | null;
  citizenId: number | null;
  /** The supervising deputy. */
  deputyId: number | null;
}

/** Someone in a direct chat with the bot, with what they are entitled to. */
export interface Viewer {
  citizenId?: number;
  /** An administrator: every station. */
  admin?: boolean;
  deputy?: { id: number; stationIds: readonly number[] };
  staff?: { stationIds: readonly number[] };
  /** Has co-signed (附议) this matter. */
  cosigner?: boolean;
}

export type Target =
  { kind: "group"; groupId: number; stationId: number | null; purpose: GroupPurpose } | { kind: "direct"; viewer: Viewer } | { kind: "public" };

export interface VisibilityPolicy {
  /** Categories about one person's circumstances, hidden from public pages unless staff show them. */
  hiddenCategories: readonly string[];
}

export const isPrivateChannel = (channel: string): boolean => PRIVATE_CHANNELS.includes(channel);

/** Off the public pages: by staff decision, else by default for private channels and personal categories. */
export function hiddenFromPublic(m: Pick<MatterScope, "channel" | "category" | "publicHidden">, policy: VisibilityPolicy): boolean {
  if (m.publicHidden !== null) return m.publicHidden;
  return isPrivateChannel(m.channel) || policy.hiddenCategories.includes(m.category);
}

/** An official who may handle the matter (the same scope as the chat commands and the console). */
function entitled(m: MatterScope, v: Viewer): boolean {
  if (v.admin) return true;
  const official = !!v.deputy || !!v.staff;
  if (m.stationId === null) return official;
  if (v.staff?.stationIds.includes(m.stationId)) return true;
  return !!v.deputy && (v.deputy.stationIds.includes(m.stationId) || m.deputyId === v.deputy.id);
}

export function visibility(m: MatterScope, target: Target, policy: VisibilityPolicy): Shown {
  switch (target.kind) {
    case "public":
      return hiddenFromPublic(m, policy) ? "nothing" : "masked";
    case "direct": {
      const v = target.viewer;
      if (v.citizenId !== undefined && v.citizenId === m.citizenId) return "full";
      if (entitled(m, v)) return "full";
      return v.cosigner ? "masked" : "nothing";
    }
    case "group": {
      const own = m.groupId !== null && m.groupId === target.groupId;
      const sameStation = m.stationId !== null && m.stationId === target.stationId;
      if (target.purpose === "village") {
        // Never the text of a private matter in a group, whatever its 公示 setting.
        if (isPrivateChannel(m.channel)) return "nothing";
        if (own) return "masked";
        return sameStation && !hiddenFromPublic(m, policy) ? "masked" : "nothing";
      }
      // Staff and administrators' groups: their station's matters (admins: all), private ones by number.
      if (!(target.purpose === "admin" || own || sameStation)) return "nothing";
      return isPrivateChannel(m.channel) ? "number" : "masked";
    }
  }
}

/** Whether a target may read at least the masked text. */
export const showsText = (s: Shown): s is "full" | "masked" => s === "full" || s === "masked";

/** Staff's 公示 decisions as events: null puts the matter back under the default rule. */
export const publicEvent = (hidden: boolean | null): string => (hidden === null ? "publicDefault" : hidden ? "publicHide" : "publicShow");
export const PUBLIC_EVENT_LABEL: Record<string, string> = { publicHide: "设为不公示", publicShow: "设为公示", publicDefault: "公示恢复默认" };
