// How people's text (the `u` parts of a Rich) is made inert in each outbound format.
//
// WeCom markdown (群机器人/智能机器人 "markdown类型": # headings, **bold**, *italic*, [link](url),
// `code`, > quote, <font color>, <@userid> mentions) and DingTalk markdown (message-type doc:
// # headings, > quote, **bold**, *italic*, [link](url), ![image](url), - / 1. lists, <font>)
// document no backslash escaping, and their clients are not CommonMark: a "\[" may or may not
// show the backslash. So markup characters are not escaped but neutralised: replaced by their
// full-width forms, which read the same to a person and mean nothing to either parser, and URL
// schemes and domains are broken with U+200B so no client turns them into a live link —
// including dtmd://dingtalkclient/sendMessage, which would send a command as whoever taps it.
// The mask's "*" (138****5678) becomes "＊" in markdown for the same reason (F12).
// Plain-text formats need no markup escaping: domain/plain-text.ts defuses only mentions.

const ZWSP = "\u200B";

const MARKDOWN_CHARS: Record<string, string> = {
  "*": "＊",
  _: "＿",
  "~": "～",
  "`": "｀",
  "[": "［",
  "]": "］",
  "<": "＜",
  ">": "＞",
  "#": "＃",
  "@": "＠",
  "&": "＆",
  "|": "｜",
  "\\": "＼",
};

/** People's text inside WeCom or DingTalk markdown: shown literally, never markup, link or mention. */
export function inertMarkdown(text: string): string {
  return (
    text
      // One line: a line break inside a bot's bold line or list item would end it (and DingTalk
      // makes every line a paragraph); people's text never starts a line of its own.
      .replace(/\s*[\r\n]+\s*/g, " ")
      .replace(/[*_~`[\]<>#@&|\\]/g, (c) => MARKDOWN_CHARS[c]!)
      // Schemes ("http://", "dtmd://", "javascript:") and domains ("evil.example.com") lose their shape for linkifiers.
      .replace(/:(?=\/)/g, `:${ZWSP}`)
      .replace(/\/\//g, `/${ZWSP}/`)
      .replace(/(?<=[A-Za-z0-9])\.(?=[A-Za-z])/g, `.${ZWSP}`)
      // Text that starts like a list item, setext underline or code block, were it at a line start.
      .replace(/^(?=[-+=\s]|\d+[.)])/, ZWSP)
  );
}
