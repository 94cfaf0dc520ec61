// The shape of one chat command and the argument parsers commands share. Pure: no database, no I/O.
import type { RatingValue } from "../../domain/lifecycle.ts";
import type { CommandEnv } from "../env.ts";

/** A known command used wrongly: answered with this hint instead of being taken as an opinion. */
export class Usage {
  constructor(readonly message: string) {}
}
export const usage = (message: string) => new Usage(message);

/** Which help section lists a command, and so which roles see it there. */
export type Audience = "citizen" | "deputy" | "staff";

/**
 * One chat command. `parse` gets the text after the verb and returns the arguments, a Usage, or
 * undefined when the text only looks like this command (the next command, or intake, gets it).
 */
export interface CommandDef<A> {
  verbs: readonly string[];
  /** Everyday words used as synonyms: they count only with a number after them ("同意 27", not "同意楼上"). */
  soft?: readonly string[];
  parse?: (rest: string, verb: string) => A | Usage | undefined;
  help?: { for: Audience; line: string };
  run(env: CommandEnv, args: A): Promise<void> | void;
}

export const defineCommand = <A extends object>(def: CommandDef<A>): CommandDef<A> => def;

/** Number argument: 27, #27 (＃ is normalised to #), 27号. */
export const NUM = String.raw`#?\s*(\d{1,9})\s*号?`;

export function numbered<A>(verb: string, example: string, build: (n: number, rest: string) => A | Usage | undefined): (rest: string) => A | Usage {
  return (rest) => {
    const m = new RegExp(`^${NUM}(?:[\\s,，:：]+|$)([\\s\\S]*)$`).exec(rest);
    if (!m) return usage(`请在「${verb}」后写编号，例如：${example}`);
    return build(Number(m[1]), m[2].trim()) ?? usage(`格式不对，例如：${example}`);
  };
}

/** A command that takes no argument: with anything after it, the text is something else. */
export const exact = (rest: string): {} | undefined => (rest === "" ? {} : undefined);

const RATINGS: [RegExp, RatingValue][] = [
  [/^(不满意|很不满意|非常不满意|差评|不好)/, "DISSATISFIED"],
  [/^(基本满意|一般|还行|还可以|比较满意)/, "BASICALLY"],
  [/^(非常满意|很满意|满意|好评)/, "SATISFIED"],
];

export function parseRating(text: string): { rating: RatingValue; rest: string } | undefined {
  for (const [re, rating] of RATINGS) {
    const m = re.exec(text);
    if (m)
      return {
        rating,
        rest: text
          .slice(m[0].length)
          .replace(/^[\s,，:：。.]+/, "")
          .trim(),
      };
  }
  return undefined;
}
