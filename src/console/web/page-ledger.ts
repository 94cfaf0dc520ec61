// 台账: filters (kept in the hash), counts by state, a sortable paged table, Excel export.
import { api, qs } from "./api.ts";
import { fmtDate, h, mount, select } from "./dom.ts";

const FILTERS = ["station", "group", "category", "status", "result", "overdue", "deputy", "unit", "from", "to", "q", "sort", "order", "page"] as const;

function currentQuery(): Record<string, string> {
  const s = location.hash.split("?")[1] ?? "";
  return Object.fromEntries(new URLSearchParams(s));
}

export async function ledgerPage() {
  const q = currentQuery();
  const [options, data] = await Promise.all([api("GET", "/api/options"), api("GET", `/api/ledger?${qs({ ...q, pageSize: 50 })}`)]);
  const go = (next: Record<string, string | undefined>) => {
    location.hash = `#/ledger?${qs(Object.fromEntries(FILTERS.map((k) => [k, k in next ? next[k] : q[k]])))}`;
  };
  const name = (list: { id: number; name: string }[]) => list.map((x) => ({ value: x.id, label: x.name }));
  const form = h(
    "form",
    { class: "card", id: "ledger-filters" },
    h(
      "div",
      { class: "filters" },
      h("div", {}, h("label", {}, "搜索"), h("input", { name: "q", id: "f-q", value: q.q ?? "", placeholder: "编号、内容或反映人" })),
      h("div", {}, h("label", {}, "联络站"), select("station", name(options.stations), q.station)),
      h("div", {}, h("label", {}, "群"), select("group", name(options.groups), q.group)),
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
      h("div", {}, h("label", {}, "状态"), select("status", options.statuses, q.status)),
      h(
        "div",
        {},
        h("label", {}, "结果类别"),
        select(
          "result",
          options.resultClasses.map((r: any) => ({ value: r.value, label: `${r.value} ${r.label}` })),
          q.result,
        ),
      ),
      h(
        "div",
        {},
        h("label", {}, "超期"),
        select(
          "overdue",
          [
            { value: "true", label: "已超期" },
            { value: "false", label: "未超期" },
          ],
          q.overdue,
        ),
      ),
      h("div", {}, h("label", {}, "代表"), select("deputy", name(options.deputies), q.deputy)),
      h("div", {}, h("label", {}, "承办单位"), select("unit", name(options.units), q.unit)),
      h("div", {}, h("label", {}, "受理日期自"), h("input", { type: "date", name: "from", value: q.from ?? "" })),
      h("div", {}, h("label", {}, "至"), h("input", { type: "date", name: "to", value: q.to ?? "" })),
    ),
    h(
      "div",
      { class: "row", style: "margin-top:.6rem" },
      h("button", { type: "submit", id: "apply-filters" }, "筛选"),
      h("button", { type: "button", class: "secondary", onclick: () => (location.hash = "#/ledger") }, "清空"),
      h("a", { href: `/api/ledger/export.xlsx?${qs({ ...q, page: undefined })}`, id: "export-ledger", download: "" }, "导出 Excel（当前筛选）"),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    go({ ...Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])), page: undefined });
  });
  const chips = h(
    "div",
    { class: "chips", id: "counts" },
    h(
      "span",
      { class: "chip", onclick: () => go({ status: undefined, page: undefined }) },
      "合计 ",
      h(
        "b",
        {},
        Object.values(data.counts as Record<string, number>).reduce((a, b) => a + b, 0),
      ),
    ),
    options.statuses.map((s: any) =>
      h("span", { class: "chip", onclick: () => go({ status: s.value, page: undefined }) }, `${s.label} `, h("b", {}, data.counts[s.value] ?? 0)),
    ),
  );
  const sortBy = (key: string) => () => go({ sort: key, order: q.sort === key && q.order !== "asc" ? "asc" : "desc", page: undefined });
  const th = (label: string, key?: string, cls?: string) =>
    h(
      "th",
      { class: [key ? "sortable" : "", cls ?? ""].join(" ").trim() || undefined, onclick: key ? sortBy(key) : undefined },
      label,
      key && (q.sort ?? "number") === key ? ((q.order ?? "desc") === "asc" ? " ↑" : " ↓") : "",
    );
  const rows = data.opinions.map((o: any) =>
    h(
      "tr",
      { "data-number": o.number },
      h("td", { class: "nowrap" }, h("a", { href: `#/opinion/${o.number}` }, `#${o.number}`)),
      h("td", { class: "nowrap hide-sm" }, fmtDate(o.createdAt)),
      h("td", { class: "hide-sm" }, o.group?.name ?? "—"),
      h("td", { class: "nowrap" }, o.category),
      h("td", {}, o.excerpt),
      h("td", { class: "nowrap" }, o.statusLabel),
      h("td", { class: o.overdue ? "nowrap late" : "nowrap" }, o.dueDate ?? "—", o.overdue ? "（超期）" : ""),
      h("td", { class: "hide-sm" }, o.deputy?.name ?? "—"),
      h("td", { class: "hide-sm" }, o.unit?.name ?? "—"),
    ),
  );
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  mount(
    h("h1", {}, "意见建议台账"),
    form,
    chips,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "ledger" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            th("编号", "number"),
            th("受理日期", "createdAt", "hide-sm"),
            th("群", undefined, "hide-sm"),
            th("分类", "category"),
            th("内容"),
            th("状态", "status"),
            th("办理时限", "dueDate"),
            th("代表", undefined, "hide-sm"),
            th("承办单位", undefined, "hide-sm"),
          ),
        ),
        h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 9, class: "muted" }, "没有符合条件的事项"))),
      ),
    ),
    h(
      "div",
      { class: "pager" },
      h("button", { class: "secondary", disabled: data.page <= 1, onclick: () => go({ page: String(data.page - 1) }) }, "上一页"),
      h("span", {}, `第 ${data.page} / ${pages} 页，共 ${data.total} 件`),
      h("button", { class: "secondary", disabled: data.page >= pages, onclick: () => go({ page: String(data.page + 1) }) }, "下一页"),
    ),
  );
}
