// Outbound message text as structured parts: the bot's own words (with its light markup:
// "**bold**", "- " list lines, line breaks) and people's text (UserText) as a separate kind
// of part. Channels render each kind their own way (channels/escape.ts), so nothing a person
// typed can become markup. Parts are plain JSON: they survive the outbox and a restart, and
// user text stays marked as user text.
//
// Build with the tagged template: md`内容：${userText}`. Interpolations take UserText, numbers
// and other Rich values — not string, so raw text cannot slip into a message by accident.
// The bot's own computed words (labels, dates, URLs it made) go in with trusted().
import { UserText } from "./user-text.ts";

export type Span = { t: string } | { u: string };
declare const rich: unique symbol;
export type Rich = readonly Span[] & { readonly [rich]: true };
export type Piece = UserText | number | Rich;

function make(spans: Span[]): Rich {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    const text = "t" in s ? s.t : s.u;
    if (text === "") continue;
    if (last && "t" in last && "t" in s) out[out.length - 1] = { t: last.t + s.t };
    else if (last && "u" in last && "u" in s) out[out.length - 1] = { u: last.u + s.u };
    else out.push(s);
  }
  return out as unknown as Rich;
}

function spansOf(p: Piece): Span[] {
  if (p instanceof UserText) return [{ u: p.value }];
  if (typeof p === "number") return [{ t: String(p) }];
  // The type checker refuses a string already; this catches `as any` and plain JavaScript.
  if (!Array.isArray(p)) throw new TypeError("md``: only UserText, numbers and Rich parts may be interpolated");
  return [...p];
}

export function md(strings: TemplateStringsArray, ...values: Piece[]): Rich {
  const spans: Span[] = [];
  strings.forEach((s, i) => {
    spans.push({ t: s });
    if (i < values.length) spans.push(...spansOf(values[i]!));
  });
  return make(spans);
}

/** The bot's own words computed at run time (a label, a date, a URL it built). Never people's text. */
export function trusted(text: string): Rich {
  return make([{ t: text }]);
}

/** Pieces joined by a separator the bot chose (a literal: "\n", "、"). */
export function join<S extends string>(parts: readonly Piece[], sep: string extends S ? never : S): Rich {
  return make(parts.flatMap((p, i) => (i === 0 ? spansOf(p) : [{ t: sep }, ...spansOf(p)])));
}

/** Lines joined with line breaks. */
export function lines(...parts: (Piece | false | null | undefined)[]): Rich {
  return join(
    parts.filter((p): p is Piece => p !== false && p !== null && p !== undefined),
    "\n",
  );
}

/**
 * Renders the parts as one string: `user` escapes people's text for the target format,
 * `own` adapts the bot's markup (identity for markdown, strip for plain text).
 */
export function renderRich(text: Rich, user: (s: string) => string, own: (s: string) => string = (s) => s): string {
  return text.map((s) => ("t" in s ? own(s.t) : user(s.u))).join("");
}

/** The text without any rendering: for tests and "does the body mention X" checks only. */
export function rawText(text: Rich): string {
  return text.map((s) => ("t" in s ? s.t : s.u)).join("");
}

export function isEmpty(text: Rich | undefined): boolean {
  return !text || rawText(text).trim() === "";
}

/**
 * Reads parts back from JSON (the outbox). Rows written before parts existed hold a string,
 * already masked at enqueue by the old code: kept as the bot's words so they still deliver.
 */
export function fromStored(value: unknown): Rich {
  if (typeof value === "string") return trusted(value);
  if (!Array.isArray(value)) return make([]);
  return make(
    value.flatMap((s): Span[] => {
      if (s && typeof s === "object" && typeof (s as { t?: unknown }).t === "string") return [{ t: (s as { t: string }).t }];
      if (s && typeof s === "object" && typeof (s as { u?: unknown }).u === "string") return [{ u: (s as { u: string }).u }];
      return [];
    }),
  );
}
