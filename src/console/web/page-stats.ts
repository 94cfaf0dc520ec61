// 统计: figures for a period, station and category; trend chart; by station/category; deputies' activity.
import { api, qs } from "./api.ts";
import { h, mount, select } from "./dom.ts";

const NS = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Grouped bars: received and closed per period. */
function trendChart(trend: { period: string; received: number; closed: number }[]): SVGElement {
  const W = Math.max(320, trend.length * 48 + 40),
    H = 200,
    top = 16,
    bottom = 36,
    left = 32;
  const max = Math.max(1, ...trend.flatMap((t) => [t.received, t.closed]));
  const root = svg("svg", {
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    style: "max-width:100%;height:auto",
    role: "img",
    "aria-label": "受理与办结趋势",
    class: "bars",
    id: "trend-chart",
  });
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  root.append(svg("line", { x1: left, x2: W, y1: H - bottom, y2: H - bottom, stroke: "#cbd2d9" }), svg("text", { x: 0, y: top + 4 }, String(max)));
  trend.forEach((t, i) => {
    const x = left + 8 + i * 48;
    root.append(
      svg("rect", { x, y: y(t.received), width: 16, height: H - bottom - y(t.received) }),
      svg("rect", { x: x + 18, y: y(t.closed), width: 16, height: H - bottom - y(t.closed), class: "b2" }),
      svg("text", { x, y: H - bottom + 14 }, t.period.slice(2, 7)),
      svg("text", { x, y: y(t.received) - 2 }, String(t.received)),
    );
  });
  return root;
}

/** Horizontal bars for one measure by key. */
function barList(rows: { label: string; value: number }[]): SVGElement {
  const W = 420,
    row = 22,
    H = Math.max(row, rows.length * row) + 4,
    max = Math.max(1, ...rows.map((r) => r.value));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, style: "max-width:100%;height:auto", class: "bars" });
  rows.forEach((r, i) => {
    const w = ((W - 170) * r.value) / max;
    root.append(
      svg("text", { x: 0, y: i * row + 15 }, r.label.slice(0, 10)),
      svg("rect", { x: 130, y: i * row + 4, width: Math.max(1, w), height: 14 }),
      svg("text", { x: 134 + w, y: i * row + 15 }, String(r.value)),
    );
  });
  return root;
}

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);

export async function statsPage() {
  const q = Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] ?? ""));
  const [options, s] = await Promise.all([api("GET", "/api/options"), api("GET", `/api/stats?${qs(q)}`)]);
  const form = h(
    "form",
    { class: "card row", id: "stats-filters" },
    h("div", {}, h("label", {}, "自"), h("input", { type: "date", name: "from", value: s.from })),
    h("div", {}, h("label", {}, "至"), h("input", { type: "date", name: "to", value: s.to })),
    h(
      "div",
      {},
      h("label", {}, "联络站"),
      select(
        "station",
        options.stations.map((x: any) => ({ value: x.id, label: x.name })),
        q.station,
      ),
    ),
    h(
      "div",
      {},
      h("label", {}, "分类"),
      select(
        "category",
        options.categories.map((c: string) => ({ value: c, label: c })),
        q.category,
      ),
    ),
    h(
      "div",
      {},
      h("label", {}, "按"),
      select(
        "period",
        [
          { value: "month", label: "月" },
          { value: "week", label: "周" },
        ],
        s.period,
        "",
      ),
    ),
    h("button", { type: "submit" }, "统计"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/stats?${qs(Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)])))}`;
  });
  const t = s.total;
  const stat = (label: string, v: string | number) => h("span", { class: "stat" }, h("b", {}, v), label);
  const table = (head: string[], rows: (string | number | null)[][]) =>
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            head.map((x) => h("th", {}, x)),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map((r) =>
            h(
              "tr",
              {},
              r.map((c) => h("td", {}, c ?? "—")),
            ),
          ),
        ),
      ),
    );
  const FIG = ["受理", "办结", "解决(A)", "按期办结率", "平均办理天数", "满意率", "超期"];
  const figs = (x: any) => [x.received, x.closed, x.solved, pct(x.onTimeRate), x.avgHandlingDays, pct(x.satisfaction), x.overdue];
  mount(
    h("h1", {}, "统计"),
    form,
    h(
      "div",
      { class: "card", id: "stats-totals" },
      stat("受理", t.received),
      stat("办结", t.closed),
      stat("解决（A类）", t.solved),
      stat("按期办结率", pct(t.onTimeRate)),
      stat("平均办理天数", t.avgHandlingDays ?? "—"),
      stat("满意率", pct(t.satisfaction)),
      stat("超期未办结", t.overdue),
    ),
    h(
      "div",
      { class: "grid2" },
      h(
        "div",
        { class: "card" },
        h("h2", {}, `受理与办结（按${s.period === "week" ? "周" : "月"}）`),
        h("p", { class: "muted" }, "深色：受理　浅色：办结"),
        trendChart(s.trend),
      ),
      h("div", { class: "card" }, h("h2", {}, "各分类受理"), barList(s.byCategory.map((c: any) => ({ label: c.category, value: c.received })))),
    ),
    h("h2", {}, "按联络站"),
    table(
      ["联络站", ...FIG],
      s.byStation.map((r: any) => [r.station, ...figs(r)]),
    ),
    h("h2", {}, "按分类"),
    table(
      ["分类", ...FIG],
      s.byCategory.map((r: any) => [r.category, ...figs(r)]),
    ),
    h("h2", {}, "代表履职"),
    table(
      ["代表", "跟进事项", "办结", "解决(A)", "办理操作", "满意率"],
      s.deputies.map((d: any) => [d.name, d.followed, d.closed, d.solved, d.actions, pct(d.satisfaction)]),
    ),
  );
}
