// 名册: stations, deputies, staff, units, groups; Excel/CSV template, export and import.
import { api } from "./api.ts";
import { errorText, fmtTime, formSubmit, h, mount, select } from "./dom.ts";
import type { Me } from "./main.ts";

const KINDS: { kind: string; label: string; importable: boolean }[] = [
  { kind: "stations", label: "联络站", importable: true },
  { kind: "deputies", label: "代表", importable: true },
  { kind: "staff", label: "工作人员", importable: true },
  { kind: "units", label: "承办单位", importable: true },
  { kind: "groups", label: "群", importable: false },
];
const PLATFORM: Record<string, string> = { wecom: "企业微信", dingtalk: "钉钉", simulator: "模拟器" };
const ids = (x: any) => x.identities.map((i: any) => `${PLATFORM[i.platform] ?? i.platform}:${i.userId}`).join("、");

// 代表码: the deputy's public page, QR image and printable A5 poster (served by src/web).
const code = (d: any) => [
  h("a", { href: `/d/${d.slug}/qr.png`, target: "_blank", class: "code-qr" }, "二维码"),
  " ",
  h("a", { href: `/d/${d.slug}/poster`, target: "_blank", class: "code-poster" }, "海报"),
];
const COLUMNS: Record<string, [string, (x: any) => unknown][]> = {
  stations: [
    ["名称", (s) => s.name],
    ["乡镇", (s) => s.township],
    ["电话", (s) => s.phone],
    ["接待安排", (s) => s.receptionText],
    ["代表", (s) => s._count.deputies],
    ["群", (s) => s._count.groups],
    ["意见", (s) => s._count.opinions],
  ],
  deputies: [
    ["姓名", (d) => d.name],
    ["层级", (d) => d.levelLabel],
    ["联络站", (d) => d.stationNames.join("、")],
    ["职务", (d) => d.duties],
    ["电话", (d) => d.phone],
    ["公开电话", (d) => (d.phonePublic ? "是" : "否")],
    ["平台账号", ids],
    ["代表码", code],
  ],
  staff: [
    ["姓名", (s) => s.name],
    ["角色", (s) => (s.role === "ADMIN" ? "管理员" : "联络站")],
    ["联络站", (s) => s.stationNames.join("、")],
    ["职务", (s) => s.title],
    ["平台账号", ids],
  ],
  units: [
    ["名称", (u) => u.name],
    ["联系人", (u) => u.contact],
    ["电话", (u) => u.phone],
    ["启用", (u) => (u.active ? "是" : "否")],
  ],
  groups: [
    ["群名称", (g) => g.name],
    ["平台", (g) => PLATFORM[g.platform] ?? g.platform],
    ["片区", (g) => g.area],
    ["联络站", (g) => g.stationName ?? "未绑定"],
    ["推送地址", (g) => g.webhook ?? "未设置"],
    ["绑定时间", (g) => fmtTime(g.boundAt)],
  ],
};

export async function rosterPage(me: Me, kindArg?: string) {
  const kind = KINDS.find((k) => k.kind === kindArg) ?? KINDS[0];
  const data = await api("GET", `/api/roster/${kind.kind}`);
  const report = h("div", { id: "import-report" });
  const file = h("input", { type: "file", id: "import-file", accept: ".xlsx,.csv" });
  const importBox =
    me.role === "admin" && kind.importable
      ? h(
          "div",
          { class: "row" },
          h("div", {}, h("label", {}, `导入${kind.label}（.xlsx 或 .csv；有任何一行出错则全部不导入）`), file),
          h(
            "button",
            {
              id: "import-button",
              onclick: async () => {
                const f = file.files?.[0];
                if (!f) return void (report.textContent = "请先选择文件");
                try {
                  const r = await api("POST", `/api/roster/${kind.kind}/import`, f, true);
                  await rosterPage(me, kind.kind);
                  document.querySelector("#import-report")!.replaceChildren(h("p", { class: "ok" }, `导入成功：新增 ${r.created} 条，更新 ${r.updated} 条。`));
                } catch (err: any) {
                  report.replaceChildren(
                    h("p", { class: "error" }, err.message),
                    err.body?.rows
                      ? h(
                          "table",
                          { id: "import-errors" },
                          h("thead", {}, h("tr", {}, h("th", {}, "行"), h("th", {}, "问题"))),
                          h(
                            "tbody",
                            {},
                            err.body.rows.map((r: any) => h("tr", {}, h("td", {}, `第 ${r.row} 行`), h("td", {}, r.errors.join("；")))),
                          ),
                        )
                      : "",
                  );
                }
              },
            },
            "导入",
          ),
        )
      : null;
  const cols = COLUMNS[kind.kind];
  const schedule =
    me.role === "admin" && kind.kind === "stations" ? scheduleForm(me, data.items) : kind.kind === "groups" ? await groupForm(me, data.items) : null;
  mount(
    h("h1", {}, "名册"),
    h(
      "div",
      { class: "tabs" },
      KINDS.map((k) => h("button", { class: k.kind === kind.kind ? "on" : "", onclick: () => (location.hash = `#/roster/${k.kind}`) }, k.label)),
    ),
    h(
      "div",
      { class: "card" },
      h(
        "div",
        { class: "row" },
        kind.importable ? h("a", { href: `/api/roster/${kind.kind}/template.xlsx`, download: "" }, "下载导入模板") : null,
        h("a", { href: `/api/roster/${kind.kind}/export.xlsx`, download: "", id: "export-roster" }, "导出 Excel"),
        h("a", { href: `/api/roster/${kind.kind}/export.csv`, download: "" }, "导出 CSV"),
      ),
      importBox,
      report,
    ),
    schedule,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "roster" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "编号"),
            cols.map(([label]) => h("th", {}, label)),
          ),
        ),
        h(
          "tbody",
          {},
          data.items.map((x: any) =>
            h(
              "tr",
              {},
              h("td", {}, x.id),
              cols.map(([, get]) => h("td", {}, (get(x) as string) ?? "—")),
            ),
          ),
        ),
      ),
    ),
  );
}

/** 接待日安排 for one station (PUT /api/stations/:id/reception-schedule). */
function scheduleForm(me: Me, stations: any[]): HTMLElement {
  const msg = h("p", { id: "schedule-msg" });
  const form = h(
    "form",
    { class: "card", id: "schedule-form" },
    h("h2", {}, "设置接待日"),
    h(
      "div",
      { class: "filters" },
      h(
        "div",
        {},
        h("label", {}, "联络站"),
        select(
          "stationId",
          stations.map((s) => ({ value: s.id, label: s.name })),
          undefined,
          "",
        ),
      ),
      h(
        "div",
        {},
        h("label", {}, "周期"),
        select(
          "kind",
          [
            { value: "monthly", label: "每月" },
            { value: "weekly", label: "每周" },
          ],
          "monthly",
          "",
        ),
      ),
      h("div", {}, h("label", {}, "每月几号 / 周几（1–7）"), h("input", { name: "day", type: "number", min: 1, max: 31, value: 10 })),
      h("div", {}, h("label", {}, "时间"), h("input", { name: "time", value: "09:00-11:30" })),
      h("div", {}, h("label", {}, "地点"), h("input", { name: "place" })),
      h(
        "div",
        {},
        h("label", {}, "遇节假日"),
        select(
          "holidayRule",
          [
            { value: "next-workday", label: "顺延到下一个工作日" },
            { value: "keep", label: "照常" },
          ],
          "next-workday",
          "",
        ),
      ),
    ),
    h("button", { type: "submit", style: "margin-top:.5rem" }, "保存"),
    msg,
  );
  formSubmit(
    form,
    msg,
    async (fd) => {
      const n = Number(fd.get("day"));
      const body = {
        ...(fd.get("kind") === "weekly" ? { kind: "weekly", weekday: n } : { kind: "monthly", day: n }),
        time: fd.get("time"),
        place: fd.get("place"),
        holidayRule: fd.get("holidayRule"),
        deputyIds: [],
      };
      const r = await api("PUT", `/api/stations/${fd.get("stationId")}/reception-schedule`, body);
      await rosterPage(me, "stations");
      document.querySelector("#import-report")!.replaceChildren(h("p", { class: "ok" }, `已保存接待日：${r.description}`));
    },
    errorText,
  );
  return form;
}

/** 绑定群: a group's station and area. */
async function groupForm(me: Me, groups: any[]): Promise<HTMLElement> {
  const { stations } = await api("GET", "/api/options");
  const msg = h("p", { id: "group-msg" });
  const form = h(
    "form",
    { class: "card", id: "group-form" },
    h("h2", {}, "绑定群"),
    h(
      "div",
      { class: "filters" },
      h(
        "div",
        {},
        h("label", {}, "群"),
        select(
          "groupId",
          groups.map((g) => ({ value: g.id, label: `${g.name ?? g.chatId}（${g.stationName ?? "未绑定"}）` })),
          undefined,
          "",
        ),
      ),
      h(
        "div",
        {},
        h("label", {}, "联络站"),
        select(
          "stationId",
          stations.map((s: any) => ({ value: s.id, label: s.name })),
          undefined,
          "不变",
        ),
      ),
      h("div", {}, h("label", {}, "片区（村、社区或网格）"), h("input", { name: "area" })),
    ),
    h("button", { type: "submit", style: "margin-top:.5rem" }, "保存"),
    msg,
  );
  formSubmit(form, msg, async (fd) => {
    await api("PATCH", `/api/roster/groups/${fd.get("groupId")}`, {
      ...(fd.get("stationId") ? { stationId: Number(fd.get("stationId")) } : {}),
      ...(fd.get("area") ? { area: String(fd.get("area")) } : {}),
    });
    await rosterPage(me, "groups");
  });
  return form;
}
