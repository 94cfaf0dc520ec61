// Text that came from people (citizens, deputies, staff, platform group names, imports): one
// opaque value, masked when it is made unless the call site says it may be shown in full.
// Outbound messages take it as a separate kind of part (domain/rich-text.ts), so every channel
// escapes it for its own format and it can never turn into markup, links or mentions.
import { maskPrivate } from "./mask.ts";

const graphemes = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** A masked number as maskPrivate writes it: digits (ASCII, full-width or Chinese numerals) around a run of "*". */
const MASKED_NUMBER = /[0-9０-９Xx〇一二三四五六七八九零幺]*\*+[0-9０-９Xx〇一二三四五六七八九零幺]*/g;

export class UserText {
  private constructor(
    /** The text as it may be shown: masked unless made with unmasked(). */
    readonly value: string,
  ) {}

  /** Phone, ID and card numbers hidden: for groups, public pages, anyone but the owner. */
  static masked(raw: string | null | undefined): UserText {
    return new UserText(maskPrivate(raw ?? ""));
  }

  /**
   * Shown in full: only where the reader may see everything (the submitter's or staff's own
   * direct chat, an official's own public contact card). Still escaped by every channel.
   */
  static unmasked(raw: string | null | undefined): UserText {
    return new UserText(raw ?? "");
  }

  get isEmpty(): boolean {
    return this.value.trim() === "";
  }

  /**
   * Whitespace flattened, then at most `max` characters (graphemes, so an emoji or a ZWJ family
   * stays whole) and "…". Works on the masked text only, and never cuts inside a masked number:
   * the cut moves before it, so no partial digits are left behind.
   */
  excerpt(max = 60): UserText {
    const flat = this.value.replace(/\s+/g, " ").trim();
    let cut = 0;
    let count = 0;
    for (const { segment } of graphemes.segment(flat)) {
      if (count === max) break;
      cut += segment.length;
      count++;
    }
    if (cut >= flat.length) return new UserText(flat);
    for (const m of flat.matchAll(MASKED_NUMBER)) {
      if (m.index < cut && cut < m.index + m[0].length) cut = m.index;
    }
    return new UserText(`${flat.slice(0, cut).trimEnd()}…`);
  }

  /** The showable text, for HTML pages (which escape it) and logs. */
  toString(): string {
    return this.value;
  }
}

/** Convenience for builders: the masked excerpt of a citizen's text. */
export function excerpt(raw: string | null | undefined, max = 60): UserText {
  return UserText.masked(raw).excerpt(max);
}
