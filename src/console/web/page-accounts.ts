// 账号 and 操作日志 (administrators), plus deputy binding codes.
import { api } from "./api.ts";
import { fmtTime, formSubmit, h, mount, select } from "./dom.ts";

export async function accountsPage() {
  const [{ accounts }, options] = await Promise.all([api("GET", "/api/accounts"), api("GET", "/api/options")]);
  const msg = h("p", { id: "account-msg" });
  const form = h(
    "form",
    { class: "card", id: "account-form" },
    h("h2", {}, "新建账号"),
    h(
      "div",
      { class: "filters" },
      h("div", {}, h("label", {}, "用户名"), h("input", { name: "username", required: true })),
      h("div", {}, h("label", {}, "姓名"), h("input", { name: "displayName" })),
      h("div", {}, h("label", {}, "初始密码（≥10 位，含字母和数字）"), h("input", { name: "password", type: "password", required: true })),
      h(
        "div",
        {},
        h("label", {}, "角色"),
        select(
          "role",
          [
            { value: "staff", label: "联络站工作人员" },
            { value: "admin", label: "常委会管理员" },
          ],
          "staff",
          "",
        ),
      ),
      h(
        "div",
        {},
        h("label", {}, "联络站（工作人员）"),
        h(
          "select",
          { name: "stationIds", multiple: true },
          options.stations.map((s: any) => h("option", { value: s.id }, s.name)),
        ),
      ),
    ),
    h("button", { type: "submit", style: "margin-top:.5rem" }, "创建"),
    msg,
  );
  formSubmit(form, msg, async (fd) => {
    await api("POST", "/api/accounts", {
      username: fd.get("username"),
      displayName: fd.get("displayName") || undefined,
      password: fd.get("password"),
      role: fd.get("role"),
      stationIds: fd.getAll("stationIds").map(Number),
    });
    await accountsPage();
  });
  const editMsg = h("p", { id: "edit-msg" });
  const edit = h(
    "form",
    { class: "card", id: "account-edit" },
    h("h2", {}, "修改账号"),
    h(
      "div",
      { class: "filters" },
      h(
        "div",
        {},
        h("label", {}, "账号"),
        select(
          "id",
          accounts.map((a: any) => ({ value: a.id, label: `${a.username}（${a.displayName}）` })),
          undefined,
          "",
        ),
      ),
      h("div", {}, h("label", {}, "新密码（不改则留空）"), h("input", { name: "password", type: "password", autocomplete: "new-password" })),
      h(
        "div",
        {},
        h("label", {}, "角色"),
        select(
          "role",
          [
            { value: "staff", label: "联络站工作人员" },
            { value: "admin", label: "常委会管理员" },
          ],
          undefined,
          "不变",
        ),
      ),
      h(
        "div",
        {},
        h("label", {}, "联络站（不选则不变）"),
        h(
          "select",
          { name: "stationIds", multiple: true },
          options.stations.map((s: any) => h("option", { value: s.id }, s.name)),
        ),
      ),
    ),
    h("button", { type: "submit", style: "margin-top:.5rem" }, "保存"),
    editMsg,
  );
  formSubmit(edit, editMsg, async (fd) => {
    const stationIds = fd.getAll("stationIds").map(Number);
    await api("PATCH", `/api/accounts/${fd.get("id")}`, {
      ...(fd.get("password") ? { password: fd.get("password") } : {}),
      ...(fd.get("role") ? { role: fd.get("role") } : {}),
      ...(stationIds.length ? { stationIds } : {}),
    });
    await accountsPage();
    const done = document.querySelector("#edit-msg")!;
    done.className = "ok";
    done.textContent = "已保存";
  });
  const station = (id: number) => options.stations.find((s: any) => s.id === id)?.name ?? `#${id}`;
  const codeBox = h("div", { id: "binding-code" });
  const deputyPick = select(
    "deputyId",
    options.deputies.map((d: any) => ({ value: d.id, label: d.name })),
    undefined,
    "选择代表",
  );
  mount(
    h("h1", {}, "账号"),
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
            h("th", {}, "用户名"),
            h("th", {}, "姓名"),
            h("th", {}, "角色"),
            h("th", {}, "联络站"),
            h("th", {}, "状态"),
            h("th", {}, "最近登录"),
            h("th", {}, ""),
          ),
        ),
        h(
          "tbody",
          {},
          accounts.map((a: any) =>
            h(
              "tr",
              {},
              h("td", {}, a.username),
              h("td", {}, a.displayName),
              h("td", {}, a.role === "admin" ? "管理员" : "联络站"),
              h("td", {}, a.stationIds.map(station).join("、") || "全部"),
              h("td", {}, a.active ? "启用" : "停用"),
              h("td", {}, fmtTime(a.lastLoginAt)),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    class: "link",
                    onclick: async () => {
                      await api("PATCH", `/api/accounts/${a.id}`, { active: !a.active });
                      await accountsPage();
                    },
                  },
                  a.active ? "停用" : "启用",
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    form,
    edit,
    h(
      "div",
      { class: "card" },
      h("h2", {}, "代表绑定码"),
      h("p", { class: "muted" }, "为代表生成一次性绑定码，代表在与机器人的单聊中发送「绑定 绑定码」即可关联其平台账号。"),
      h(
        "div",
        { class: "row" },
        h("div", {}, deputyPick),
        h(
          "button",
          {
            id: "make-code",
            onclick: async () => {
              if (!deputyPick.value) return;
              try {
                const r = await api("POST", "/api/binding-codes", { deputyId: Number(deputyPick.value) });
                codeBox.replaceChildren(h("p", {}, "绑定码：", h("b", { id: "code-value" }, r.code), `（${fmtTime(r.expiresAt)} 前有效，只能使用一次）`));
              } catch (err) {
                codeBox.replaceChildren(h("p", { class: "error" }, (err as Error).message));
              }
            },
          },
          "生成绑定码",
        ),
      ),
      codeBox,
    ),
  );
}

export async function auditPage() {
  const data = await api("GET", "/api/audit?pageSize=200");
  mount(
    h("h1", {}, "操作日志"),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", {}, "时间"), h("th", {}, "操作人"), h("th", {}, "操作"), h("th", {}, "对象"), h("th", {}, "详情"))),
        h(
          "tbody",
          {},
          data.entries.map((e: any) =>
            h(
              "tr",
              {},
              h("td", { class: "nowrap" }, fmtTime(e.createdAt)),
              h("td", {}, e.actor),
              h("td", {}, e.action),
              h("td", {}, e.target ?? ""),
              h("td", {}, e.detail ? JSON.stringify(e.detail) : ""),
            ),
          ),
        ),
      ),
    ),
  );
}
