// Console entry: sign-in, navigation by #hash, one page at a time.
import { api, setCsrf, ApiError } from "./api.ts";
import { $, formSubmit, h, mount } from "./dom.ts";
import { ledgerPage } from "./page-ledger.ts";
import { detailPage } from "./page-detail.ts";
import { rosterPage } from "./page-roster.ts";
import { statsPage } from "./page-stats.ts";
import { jobsPage } from "./page-jobs.ts";
import { accountsPage, auditPage } from "./page-accounts.ts";

export interface Me {
  username: string;
  displayName: string;
  role: "admin" | "staff";
  stationIds: number[];
  csrfToken: string;
}
let me: Me | undefined;

const PAGES: { path: string; label: string; admin?: boolean }[] = [
  { path: "ledger", label: "台账" },
  { path: "roster", label: "名册" },
  { path: "stats", label: "统计" },
  { path: "jobs", label: "定时任务", admin: true },
  { path: "accounts", label: "账号", admin: true },
  { path: "audit", label: "操作日志", admin: true },
];

function loginPage() {
  $("#top").hidden = true;
  const error = h("p", { class: "error", id: "login-error" });
  const form = h(
    "form",
    { class: "card login", id: "login-form" },
    h("h1", {}, "人大代表联络助手 · 控制台"),
    h("label", { for: "username" }, "用户名"),
    h("input", { id: "username", name: "username", autocomplete: "username", required: true }),
    h("label", { for: "password" }, "密码"),
    h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    error,
    h("button", { type: "submit" }, "登录"),
  );
  formSubmit(form, error, async (fd) => {
    signedIn(await api<Me>("POST", "/api/auth/login", { username: fd.get("username"), password: fd.get("password") }));
    location.hash = "#/ledger";
  });
  mount(form);
}

function signedIn(m: Me) {
  me = m;
  setCsrf(m.csrfToken);
  $("#top").hidden = false;
  $("#who").textContent = `${m.displayName}（${m.role === "admin" ? "管理员" : "联络站"}）`;
}

async function route() {
  const [page = "ledger", arg] = location.hash.replace(/^#\/?/, "").split("?")[0].split("/");
  if (!me && page !== "login") {
    try {
      signedIn(await api<Me>("GET", "/api/auth/me"));
    } catch {
      location.hash = "#/login";
      return;
    }
  }
  if (page === "login" || !me) return loginPage();
  $("#nav").replaceChildren(
    ...PAGES.filter((p) => !p.admin || me!.role === "admin").map((p) =>
      h("a", { href: `#/${p.path}`, class: p.path === page || (page === "opinion" && p.path === "ledger") ? "on" : "" }, p.label),
    ),
  );
  try {
    switch (page) {
      case "opinion":
        return await detailPage(Number(arg));
      case "roster":
        return await rosterPage(me, arg);
      case "stats":
        return await statsPage();
      case "jobs":
        return await jobsPage();
      case "accounts":
        return await accountsPage();
      case "audit":
        return await auditPage();
      default:
        return await ledgerPage();
    }
  } catch (err) {
    mount(h("p", { class: "error" }, err instanceof ApiError ? err.message : `页面出错：${(err as Error).message}`));
  }
}

$("#logout").addEventListener("click", async () => {
  await api("POST", "/api/auth/logout").catch(() => undefined);
  me = undefined;
  location.hash = "#/login";
});
window.addEventListener("hashchange", route);
void route();
