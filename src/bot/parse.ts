// Chat text → command. Pure: tolerant of full-width characters, extra spaces, a leading
// @-mention and synonyms, because villagers type on phones. The commands are bot/commands/catalog.ts.
import { normalizeText } from "../domain/text.ts";
import { COMMANDS, type Command, type CommandName } from "./commands/catalog.ts";
import { NUM, Usage } from "./commands/define.ts";

export type { Command } from "./commands/catalog.ts";

const INTAKE_TAG = new RegExp(`#(${COMMANDS.opinion.verbs.join("|")})#?`);
// No quantifier inside the repeated group: "[…]+" there made "......x" backtrack exponentially (a chat message could freeze the bot).
const GREETING =
  /^(你好|您好|大家好|在吗|在不在|有人吗|哈喽|hello|hi|嗨|谢谢|多谢|感谢|谢谢你|谢啦|好的|收到|嗯|哦|ok|早|早上好|晚上好|下午好|再见|拜拜|[?？!！。.，,~～])+$/i;
const MIN_OPINION_CHARS = 5;

/** Removes leading @-mentions that survived the platform layer ("@人大代表助手 查询 27"). */
export function stripMentions(text: string): string {
  return text.replace(/^(@\S+\s*)+/, "").trim();
}

type Rule = { verb: string; name: CommandName; parse: (rest: string, verb: string) => object | Usage | undefined };

const soft =
  (parse: Rule["parse"]): Rule["parse"] =>
  (rest, verb) =>
    new RegExp(`^${NUM}`).test(rest) ? parse(rest, verb) : undefined;

/** Every verb, a longer one before the shorter ones it starts with (绑定本群 before 绑定, 查询 before 查). */
const RULES: Rule[] = Object.entries(COMMANDS)
  .flatMap(([name, def]): Rule[] => {
    const parse = (def.parse ?? (() => undefined)) as Rule["parse"];
    return [
      ...def.verbs.map((verb) => ({ verb, name: name as CommandName, parse })),
      ...(def.soft ?? []).map((verb) => ({ verb, name: name as CommandName, parse: soft(parse) })),
    ];
  })
  .sort((a, b) => b.verb.length - a.verb.length);

function matchVerb(text: string, verb: string): string | undefined {
  if (!text.toLowerCase().startsWith(verb.toLowerCase())) return undefined;
  const rest = text.slice(verb.length);
  // An ASCII verb must end at a word boundary ("help", not "helpful").
  if (/^[a-z]/i.test(verb) && /^[a-z]/i.test(rest)) return undefined;
  return rest.replace(/^[\s:：,，、]+/, "").trim();
}

/**
 * Parses an addressed message (or a tagged one). Returns undefined for a message that is not
 * addressed to the bot and carries no intake tag: it is not ours to store.
 */
export function parseCommand(raw: string, addressed: boolean): Command | undefined {
  const text = stripMentions(normalizeText(raw));
  if (INTAKE_TAG.test(text)) return { name: "opinion", text: cleanOpinionText(text), tagged: true };
  if (!addressed) return undefined;

  for (const rule of RULES) {
    const rest = matchVerb(text, rule.verb);
    const args = rest === undefined ? undefined : rule.parse(rest, rule.verb);
    if (args instanceof Usage) return { name: "usage", message: args.message };
    if (args) return { name: rule.name, ...args } as Command;
  }
  const content = text.replace(/[\s\p{P}\p{S}]/gu, "");
  if (GREETING.test(text.replace(/\s+/g, "")) || content.length < MIN_OPINION_CHARS) return { name: "smallTalk" };
  return { name: "opinion", text, tagged: false };
}

/** The opinion text without the intake tag itself. */
function cleanOpinionText(text: string): string {
  return text
    .replace(new RegExp(INTAKE_TAG.source, "g"), " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s:：,，]+/, "")
    .trim();
}
