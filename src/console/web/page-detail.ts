// One matter: full text, people, timeline, and the handling actions with a preview of the group message.
import { api } from "./api.ts";
import { errorText, fmtTime, h, mount, select } from "./dom.ts";

const ACTION_LABEL: Record<string, string> = {
  assignDeputy: "指定代表",
  assignUnit: "转办承办单位",
  extend: "延期",
  reply: "答复",
  close: "办结",
  merge: "合并",
  transfer: "转信访",
  reject: "不予受理",
  reopen: "重新办理",
};

function fieldsFor(action: string, options: any, o: any): HTMLElement[] {
  const f = (label: string, el: HTMLElement) => h("div", {}, h("label", {}, label), el);
  switch (action) {
    case "assignDeputy":
      return [
        f(
          "代表",
          select(
            "deputyId",
            options.deputies.filter((d: any) => !o.station || d.stationIds.includes(o.station.id)).map((d: any) => ({ value: d.id, label: d.name })),
            undefined,
            "",
          ),
        ),
      ];
    case "assignUnit":
      return [
        f(
          "承办单位",
          select(
            "unitId",
            options.units.map((u: any) => ({ value: u.id, label: u.name })),
            undefined,
            "",
          ),
        ),
        f("办理时限（工作日，可空）", h("input", { name: "days", type: "number", min: 1, max: 180 })),
      ];
    case "extend":
      return [f("延长工作日", h("input", { name: "days", type: "number", min: 1, max: 180, value: 5 })), f("延期理由", h("textarea", { name: "reason" }))];
    case "reply":
      return [f("答复内容", h("textarea", { name: "text" }))];
    case "close":
      return [
        f(
          "结果类别",
          select(
            "resultClass",
            options.resultClasses.map((r: any) => ({ value: r.value, label: `${r.value} ${r.label}` })),
            "A",
            "",
          ),
        ),
        f("办理结果", h("textarea", { name: "text" })),
      ];
    case "merge":
      return [f("合并到编号", h("input", { name: "into", type: "number", min: 1 }))];
    case "transfer":
      return [f("说明（可空）", h("textarea", { name: "note" }))];
    case "reject":
    case "reopen":
      return [f("理由", h("textarea", { name: "reason" }))];
    default:
      return [];
  }
}

function actionBody(form: HTMLFormElement): Record<string, unknown> {
  const fd = new FormData(form);
  const body: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k === "notify" || v === "") continue;
    body[k] = ["deputyId", "unitId", "days", "into"].includes(k) ? Number(v) : String(v);
  }
  body.notify = fd.get("notify") === "on";
  return body;
}

/** 公示: whether the public pages list this matter, and the switch (recorded in 办理过程). */
function publicCard(number: number, o: any): HTMLElement {
  const d = o.publicDisplay;
  const status = h("p", { id: "public-status" }, `${d.shown ? "办结后在公示页显示（内容打码）" : "不在公示页显示"}（${d.reason}）`);
  const set = async (hidden: boolean | null) => {
    try {
      const r = await api("PUT", `/api/ledger/${number}/public`, { hidden });
      await detailPage(number, r.message);
    } catch (err: any) {
      status.replaceChildren(h("span", { class: "error" }, err.message));
    }
  };
  const button = (id: string, label: string, hidden: boolean | null) =>
    h("button", { type: "button", class: "secondary", id, onclick: () => void set(hidden) }, label);
  return h(
    "div",
    { class: "card", id: "public-card" },
    h("h2", {}, "公示"),
    status,
    h(
      "div",
      { class: "row" },
      d.shown ? button("public-hide", "在公示中隐藏", true) : button("public-show", "在公示中显示", false),
      d.decision !== null ? button("public-default", "恢复默认", null) : null,
    ),
    h(
      "p",
      { class: "muted" },
      "公示页和代表页只列已办结的事项。代表码和工作人员登记的事项、个人事项分类默认不公示；无论如何设置，代表码事项的内容都不会发到群里。",
    ),
  );
}

export async function detailPage(number: number, flash?: string) {
  const [o, options] = await Promise.all([api("GET", `/api/ledger/${number}`), api("GET", "/api/options")]);
  const kv = (pairs: [string, unknown][]) =>
    h(
      "dl",
      { class: "kv" },
      pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v === null || v === undefined || v === "" ? "—" : String(v))]),
    );
  const result = h("div", { id: "action-result" });
  const fields = h("div", { id: "action-fields" });
  const chooser = select(
    "action",
    o.actions.map((a: string) => ({ value: a, label: ACTION_LABEL[a] ?? a })),
    undefined,
    "请选择操作",
  );
  chooser.addEventListener("change", () => fields.replaceChildren(...fieldsFor(chooser.value, options, o)));
  const form = h(
    "form",
    { id: "action-form" },
    h("label", {}, "操作"),
    chooser,
    fields,
    h(
      "label",
      { style: "display:flex;gap:.4rem;align-items:center" },
      h("input", { type: "checkbox", name: "notify", checked: true, style: "width:auto" }),
      "同时在原群发布办理反馈",
    ),
    h(
      "div",
      { class: "row", style: "margin-top:.5rem" },
      h("button", { type: "button", class: "secondary", id: "preview-action" }, "预览群消息"),
      h("button", { type: "submit", id: "submit-action" }, "提交"),
    ),
    result,
  );
  const send = async (preview: boolean) => {
    if (!chooser.value) return void (result.textContent = "请先选择操作");
    const body = { action: chooser.value, ...actionBody(form) };
    try {
      const r = await api("POST", `/api/ledger/${number}/actions${preview ? "/preview" : ""}`, body);
      if (preview)
        result.replaceChildren(h("p", { class: "muted" }, "群里将收到："), h("div", { class: "preview" }, r.feedback.join("\n\n") || "（不发群消息）"));
      else {
        await detailPage(number, `${r.message}${r.posted ? "（已发送到原群）" : ""}`);
      }
    } catch (err) {
      result.replaceChildren(h("p", { class: "error" }, errorText(err)));
    }
  };
  form.querySelector("#preview-action")!.addEventListener("click", () => send(true));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void send(false);
  });

  mount(
    h("p", {}, h("a", { href: "#/ledger" }, "← 返回台账")),
    h(
      "h1",
      {},
      `#${o.number} `,
      h("span", { id: "opinion-status" }, o.statusLabel),
      o.overdueDays ? h("span", { class: "late" }, `（超期 ${o.overdueDays} 个工作日）`) : "",
    ),
    flash ? h("p", { class: "ok", id: "action-done" }, flash) : null,
    h(
      "div",
      { class: "grid2" },
      h(
        "div",
        {},
        h(
          "div",
          { class: "card" },
          h("div", { class: "fulltext", id: "opinion-text" }, o.text),
          kv([
            ["分类", o.category],
            ["联络站", o.station?.name],
            ["群", o.group?.name],
            ["受理时间", fmtTime(o.createdAt)],
            ["办理时限", o.dueDate],
            ["跟进代表", o.deputy?.name],
            ["承办单位", o.unit?.name],
            ["答复", o.replyText],
            ["办理结果", o.resultClass ? `${o.resultClass}类：${o.resultText ?? ""}` : null],
            ["评价", o.rating ? options.ratings.find((r: any) => r.value === o.rating)?.label + (o.ratingComment ? `：${o.ratingComment}` : "") : null],
            ["说明", o.closeReason],
            ["合并到", o.mergedInto ? `#${o.mergedInto}` : null],
            ["合并入", o.mergedFrom.map((n: number) => `#${n}`).join("、")],
            ["重办次数", o.reopenCount],
          ]),
        ),
        h(
          "div",
          { class: "card" },
          h("h2", {}, "反映人与附议"),
          kv([
            ["反映人", o.submitter.name],
            ["电话", o.submitter.contactPhone ?? o.submitter.phone],
            ["平台账号", o.submitter.platformUserId],
            ["附议", o.cosigners.map((c: any) => c.name ?? "群众").join("、") || "无"],
          ]),
        ),
        o.duplicates.length
          ? h(
              "div",
              { class: "card" },
              h("h2", {}, "疑似重复"),
              h(
                "ul",
                {},
                o.duplicates.map((d: any) =>
                  h(
                    "li",
                    {},
                    h("a", { href: `#/opinion/${d.number}` }, `#${d.number}`),
                    ` ${d.statusLabel} ${d.excerpt}（相似度 ${Math.round(d.score * 100)}%）`,
                  ),
                ),
              ),
            )
          : null,
        h(
          "div",
          { class: "card" },
          h("h2", {}, "办理过程"),
          h(
            "ol",
            { class: "timeline", id: "timeline" },
            o.timeline.map((e: any) =>
              h("li", {}, h("b", {}, e.label), ` ${fmtTime(e.at)} · ${e.actorName ?? e.actorRole}`, e.note ? h("div", { class: "muted" }, e.note) : null),
            ),
          ),
        ),
      ),
      h(
        "div",
        {},
        h("div", { class: "card" }, h("h2", {}, "办理"), o.actions.length ? form : h("p", { class: "muted" }, "当前状态下没有可进行的操作。")),
        publicCard(number, o),
      ),
    ),
  );
}
