// 定时任务: next run, last runs and a run-now button (served by the jobs module when it is enabled).
import { api, ApiError } from "./api.ts";
import { fmtTime, h, mount } from "./dom.ts";

const STATUS: Record<string, string> = { done: "成功", failed: "失败", skipped: "跳过", running: "运行中" };

export async function jobsPage() {
  let data: any;
  try {
    data = await api("GET", "/api/jobs");
  } catch (err) {
    if (err instanceof ApiError && err.status === 404)
      return void mount(h("h1", {}, "定时任务"), h("p", { class: "muted", id: "jobs-disabled" }, "定时任务尚未启用"));
    throw err;
  }
  const note = h("p", { id: "jobs-note" });
  mount(
    h("h1", {}, "定时任务"),
    note,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "jobs" },
        h("thead", {}, h("tr", {}, h("th", {}, "任务"), h("th", {}, "计划"), h("th", {}, "下次运行"), h("th", {}, "最近运行"), h("th", {}, ""))),
        h(
          "tbody",
          {},
          data.jobs.map((j: any) =>
            h(
              "tr",
              {},
              h("td", {}, j.title ?? j.name),
              h("td", {}, j.schedule),
              h("td", {}, fmtTime(j.nextRunAt)),
              h(
                "td",
                {},
                (j.lastRuns ?? [])
                  .slice(0, 3)
                  .map((r: any) =>
                    h(
                      "div",
                      { class: r.status === "failed" ? "error" : "" },
                      `${fmtTime(r.startedAt)} ${STATUS[r.status] ?? r.status}${r.detail ? `：${r.detail}` : ""}`,
                    ),
                  ),
              ),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    class: "secondary",
                    onclick: async () => {
                      try {
                        const r = await api("POST", `/api/jobs/${encodeURIComponent(j.name)}/run`, {});
                        note.className = "ok";
                        note.textContent = `「${j.title ?? j.name}」已运行：成功 ${r.ran}，跳过 ${r.skipped}，失败 ${r.failed}`;
                      } catch (e) {
                        note.className = "error";
                        note.textContent = (e as Error).message;
                      }
                    },
                  },
                  "立即运行",
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
