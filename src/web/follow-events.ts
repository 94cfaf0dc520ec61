import { eventLabel } from "../domain/lifecycle.ts";

type FollowedEvent = { action: string; actorRole: string | null; actorName: string | null; data: unknown };

/**
 * A timeline line on the private follow page. The submitter reads whole phrases in plain words
 * ("转交「县交通运输局」办理"), where staff and the chat use the terse labels of domain/lifecycle.ts;
 * an action without its own phrase falls back to that label.
 */
export function followEventLabel(e: FollowedEvent): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const who = e.actorRole === "deputy" && e.actorName ? `代表${e.actorName}` : "";
  switch (e.action) {
    case "receive":
      return "已受理";
    case "claim":
      return `${who || "代表"}认领跟进`;
    case "assign":
      return `转交${typeof data.unit === "string" ? `「${data.unit}」` : "承办单位"}办理`;
    case "rate":
      return "反映人评价";
    case "cosign":
      return "有群众附议";
    case "mergedFrom":
      return "合并了相同问题";
    default:
      return `${who}${eventLabel(e.action)}`;
  }
}
