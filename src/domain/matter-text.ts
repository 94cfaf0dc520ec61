// Pieces of outbound text every door builds messages from (bot replies, job reminders, console
// feedback, public pages): names and matters stay people's text, shown as the reader may see them.
import type { OutboundMessage } from "../channels/types.ts";
import { UserText } from "./user-text.ts";
import { md, type Piece, type Rich } from "./rich-text.ts";
import { showsText, type Shown } from "./visibility.ts";

export const LEVEL_LABEL: Record<string, string> = { NATIONAL: "全国", PROVINCE: "省", CITY: "市", COUNTY: "县（区）", TOWNSHIP: "乡镇（街道）" };

/** A one-part message: md`…` built, so people's text inside it stays a separate part. */
export const text = (body: Rich): OutboundMessage => ({ body });

/** A category, unit or station name: set by staff, still people's text (never markup). */
export const named = (name: string | null | undefined): UserText => UserText.unmasked(name);

/** A matter's text as its reader may see it (domain/visibility.ts): whole, masked, or its number only. */
export function matterText(shown: Shown, raw: string, max: number): Piece {
  if (shown === "full") return UserText.unmasked(raw).excerpt(max);
  if (shown === "masked") return UserText.masked(raw).excerpt(max);
  return NUMBER_ONLY;
}
export const NUMBER_ONLY = md`（内容见管理端）`;
/** The same inside a list line: 「excerpt」, or the pointer to the console. */
export const quotedMatter = (shown: Shown, raw: string, max: number): Rich => (showsText(shown) ? md`「${matterText(shown, raw, max)}」` : NUMBER_ONLY);

/** The three answers to 评价, as buttons whose press sends the command back. */
export function ratingButtons(number: number) {
  return (["满意", "基本满意", "不满意"] as const).map((label) => ({ label, command: `评价 ${number} ${label}` }));
}
