// Tiny DOM helpers: the console has no framework.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector(sel) as T;

export function mount(...nodes: Child[]): HTMLElement {
  const main = $("#main");
  main.replaceChildren(...(nodes.filter(Boolean) as (Node | string)[]));
  return main;
}

export function select(name: string, options: { value: string | number; label: string }[], current: string | undefined, blank = "全部"): HTMLSelectElement {
  return h(
    "select",
    { name, id: `f-${name}` },
    blank ? h("option", { value: "" }, blank) : null,
    options.map((o) => h("option", { value: String(o.value), selected: String(o.value) === current }, o.label)),
  );
}

/** The server's BOT_TIMEZONE, written into the page: dates read as in the chats and exports, wherever the browser is. */
const timeZone = $<HTMLMetaElement>('meta[name="time-zone"]').content;

export const fmtDate = (s: string | null | undefined) => (s ? new Date(s).toLocaleDateString("zh-CN", { timeZone }) : "—");
export const fmtTime = (s: string | null | undefined) => (s ? new Date(s).toLocaleString("zh-CN", { timeZone, hour12: false }) : "—");

/** An API error as the form shows it: the fields' reasons when the server gave them. */
export function errorText(err: any): string {
  const fields = err.body?.fields ? Object.values(err.body.fields).join("；") : "";
  return fields ? `输入有误：${fields}` : err.message;
}

/** On submit, `send` gets the form's data; a failure shows in `msg` as an error. */
export function formSubmit(
  form: HTMLFormElement,
  msg: HTMLElement,
  send: (fd: FormData) => Promise<void>,
  describe: (err: any) => string = (err) => err.message,
): void {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await send(new FormData(form));
    } catch (err) {
      msg.className = "error";
      msg.textContent = describe(err);
    }
  });
}
