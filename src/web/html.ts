// A tiny escaped templating helper: every interpolated value is HTML-escaped unless wrapped in raw().
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): Raw => new Raw(value);

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Value = string | number | Raw | null | undefined | false | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return v.map(render).join("");
  if (v instanceof Raw) return v.value;
  return escapeHtml(String(v));
}

/** html`<p>${text}</p>` → Raw with `text` escaped; arrays are joined, null/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return raw(out);
}

// Small inline stylesheet: no external assets, readable on a cheap phone and in WeChat's browser.
const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f5f5}
main{max-width:560px;margin:0 auto;padding:12px}h1{font-size:1.35em;margin:.4em 0}h2{font-size:1.1em;margin:1em 0 .4em}
.card{background:#fff;border-radius:8px;padding:12px 14px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.muted{color:#666;font-size:.9em}.badge{display:inline-block;background:#b71c1c;color:#fff;border-radius:4px;padding:0 6px;font-size:.85em}
label{display:block;margin:.8em 0 .2em;font-weight:600}input,select,textarea{width:100%;min-height:44px;font:inherit;padding:8px;border:1px solid #bbb;border-radius:6px;background:#fff}
textarea{min-height:120px}button,.btn{display:block;width:100%;min-height:48px;margin-top:1em;font:inherit;font-weight:600;color:#fff;background:#b71c1c;border:0;border-radius:6px;text-align:center;text-decoration:none;line-height:48px}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}ul{padding-left:1.2em}li{margin:.3em 0}.err{color:#b71c1c;font-weight:600}
a{color:#0b57d0}.tl li{list-style:none;border-left:3px solid #b71c1c;padding-left:8px;margin-left:-1.2em}`;

/** The page shell: lang zh-CN, phone viewport, inline CSS, an empty icon (saves a favicon round trip on 3G). */
export function layout(title: string, body: Raw, opts: { noindex?: boolean; extraCss?: string } = {}): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">${
    opts.noindex ? '<meta name="robots" content="noindex">' : ""
  }<title>${escapeHtml(title)}</title><style>${CSS}${opts.extraCss ?? ""}</style></head><body>${body.value}</body></html>`;
}
