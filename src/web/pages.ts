// Server-rendered public pages in Simplified Chinese: small, no scripts beyond a double-tap guard.
import { html, layout, raw, type Raw } from "./html.ts";
import { LEVEL_LABEL } from "../domain/matter-text.ts";
import { isActive, RATING_LABEL, RESULT_LABEL, STATUS_LABEL, type RatingValue, type ResultClass, type Status } from "../domain/lifecycle.ts";
import type { CodeForm } from "../domain/code-abuse.ts";

export interface DeputyInfo {
  name: string;
  level: string;
  duties: string | null;
  bio: string | null;
  phone: string | null;
  reception: string | null;
  stations: { id: number; name: string; address: string | null; schedule: string | null; nextDay: string | null; publicDisclosure: boolean }[];
}

export interface PublicMatter {
  number: number;
  text: string;
  category: string;
  createdAt: string;
  closedAt: string | null;
  resultClass: ResultClass | null;
  rating: RatingValue | null;
}

const levelName = (level: string) => `${LEVEL_LABEL[level] ?? ""}人大代表`;

function identity(d: DeputyInfo): Raw {
  return html`<section class="card" aria-labelledby="who"><h1 id="who">${d.name} <span class="badge">${levelName(d.level)}</span></h1>
${d.duties ? html`<p>${d.duties}</p>` : ""}${d.bio ? html`<p class="muted">${d.bio}</p>` : ""}
${d.stations.map((s) => html`<p>所在联络站：${s.name}${s.address ? html`（${s.address}）` : ""}</p>${s.schedule ? html`<p>选民接待日：${s.schedule}${s.nextDay ? html`，下次 <strong>${s.nextDay}</strong>` : ""}</p>` : ""}`)}
${d.reception ? html`<p>接待时间：${d.reception}</p>` : ""}
${d.phone ? html`<p>联系电话：<a href="tel:${d.phone}">${d.phone}</a></p>` : ""}</section>`;
}

function matterList(items: PublicMatter[]): Raw {
  return html`<ul>${items.map(
    (m) =>
      html`<li><strong>#${m.number}</strong> ${m.category}：${m.text}<br><span class="muted">${m.createdAt} 受理${m.closedAt ? html` · ${m.closedAt} 办结` : ""}${m.resultClass ? html` · ${m.resultClass}类（${RESULT_LABEL[m.resultClass]}）` : ""}${m.rating ? html` · 群众评价：${RATING_LABEL[m.rating]}` : ""}</span></li>`,
  )}</ul>`;
}

const fieldError = (errors: Record<string, string>, k: string) => (errors[k] ? html`<p class="err" id="${k}-err" role="alert">${errors[k]!}</p>` : "");
const describedBy = (errors: Record<string, string>, k: string) => (errors[k] ? raw(` aria-invalid="true" aria-describedby="${k}-err"`) : "");

// The only scripts: inline, and allowed by hash in the Content-Security-Policy (respond.ts).
// Disables the button after the first tap so a slow connection does not send the form twice.
const GUARD_JS = `document.forms[0].addEventListener("submit",function(e){var b=e.target.querySelector("button");b.disabled=true;b.textContent="正在提交…"})`;
const PRINT_JS = `document.getElementById("print").addEventListener("click",function(){print()})`;
const GUARD = raw(`<script>${GUARD_JS}</script>`);
export const INLINE_SCRIPTS = [GUARD_JS, PRINT_JS];

export function deputyPage(p: {
  deputy: DeputyInfo;
  categories: string[];
  recent: PublicMatter[];
  action: string;
  errors?: Record<string, string>;
  values?: CodeForm;
  maxChars: number;
}): string {
  const errors = p.errors ?? {};
  const v = p.values ?? { text: "" };
  const body = html`<main>${identity(p.deputy)}
<section class="card" aria-labelledby="form-title"><h2 id="form-title">给代表留言（反映问题、提建议）</h2>
<p class="muted">全天可留言。提交后会得到编号和一个只有您知道的查询链接，可随时查看办理进度。</p>
${Object.keys(errors).length ? html`<p class="err" role="alert">提交未成功，请按提示修改。</p>` : ""}
<form method="post" action="${p.action}" accept-charset="utf-8">
<label for="text">反映的问题或建议（必填）</label>
<textarea id="text" name="text" required minlength="5" maxlength="${p.maxChars}"${describedBy(errors, "text")}>${v.text}</textarea>${fieldError(errors, "text")}
<label for="category">分类（可不选）</label>
<select id="category" name="category"${describedBy(errors, "category")}><option value="">不确定，由工作人员分类</option>${p.categories.map((c) => html`<option${c === v.category ? raw(" selected") : ""}>${c}</option>`)}</select>${fieldError(errors, "category")}
<label for="place">地点（可不填）</label>
<input id="place" name="place" maxlength="100" placeholder="如：幸福村村口" value="${v.place ?? ""}"${describedBy(errors, "place")}>${fieldError(errors, "place")}
<label for="phone">联系电话（可不填，仅工作人员可见）</label>
<input id="phone" name="phone" type="tel" inputmode="tel" maxlength="20" autocomplete="tel" value="${v.phone ?? ""}"${describedBy(errors, "phone")}>${fieldError(errors, "phone")}
<div class="hp" aria-hidden="true"><label for="website">请勿填写</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">提交</button></form></section>
${p.recent.length ? html`<section class="card" aria-labelledby="recent"><h2 id="recent">本站近期办结的事项</h2>${matterList(p.recent)}</section>` : ""}
<p class="muted">个人信访事项请向信访部门反映。请勿在留言中填写身份证号、银行卡号。</p></main>${GUARD}`;
  return layout(`${p.deputy.name} · 人大代表联络`, body);
}

export function submittedPage(p: { number: number; followUrl: string; category: string; dueDate: string; days: number; deputyName: string }): string {
  return layout(
    `已受理 #${p.number}`,
    html`<main><section class="card"><h1>已受理，编号 #${p.number}</h1>
<p>您的意见已转给 ${p.deputyName} 代表和所在联络站，分类：${p.category}，预计 ${p.dueDate} 前答复（${p.days} 个工作日）。</p>
<h2>请保存您的查询链接</h2><p>这是查看办理进度和评价的唯一方式，只有持有链接的人能看到。请收藏本页或复制链接保存：</p>
<p><a id="follow" href="${p.followUrl}">${p.followUrl}</a></p>
<a class="btn" href="${p.followUrl}">查看办理进度</a></section></main>`,
    { noindex: true },
  );
}

export function duplicatePage(p: { number: number; back: string }): string {
  return layout(
    `已提交过 #${p.number}`,
    html`<main><section class="card"><h1>您已提交过相同的内容</h1>
<p>刚才提交的内容已受理，编号 #${p.number}，无需重复提交。请使用第一次提交后页面上的查询链接查看进度。</p>
<a class="btn" href="${p.back}">返回代表页面</a></section></main>`,
    { noindex: true },
  );
}

/** What a bot that filled the honeypot sees: a plain thank-you with nothing to learn from. */
export function receivedPage(back: string): string {
  return layout("已收到", html`<main><section class="card"><h1>已收到，感谢您的反映</h1><a class="btn" href="${back}">返回</a></section></main>`, {
    noindex: true,
  });
}

export interface FollowView {
  number: number;
  text: string;
  category: string;
  status: Status;
  createdAt: string;
  dueDate: string | null;
  deputyName: string | null;
  unitName: string | null;
  replyText: string | null;
  resultClass: ResultClass | null;
  resultText: string | null;
  closeReason: string | null;
  rating: RatingValue | null;
  ratingComment: string | null;
  timeline: { at: string; label: string }[];
}

export function followPage(v: FollowView, opts: { action: string; notice?: string; error?: string; mergedFrom?: number }): string {
  const canRate = v.status === "CLOSED" && !opts.mergedFrom;
  const body = html`<main><section class="card"><h1>#${v.number} <span class="badge">${STATUS_LABEL[v.status]}</span></h1>
${opts.mergedFrom ? html`<p role="status" id="merged"><strong>您反映的 #${opts.mergedFrom} 与 #${v.number} 是同一问题，已合并办理。以下是 #${v.number} 的办理情况。</strong></p>` : ""}
${opts.notice ? html`<p role="status"><strong>${opts.notice}</strong></p>` : ""}
<p>${v.text}</p><p class="muted">${v.category} · ${v.createdAt} 受理${v.dueDate && isActive(v.status) ? html` · 预计 ${v.dueDate} 前答复` : ""}</p>
${v.deputyName ? html`<p>跟进代表：${v.deputyName}</p>` : ""}${v.unitName ? html`<p>承办单位：${v.unitName}</p>` : ""}</section>
${v.replyText ? html`<section class="card"><h2>答复</h2><p id="reply">${v.replyText}</p></section>` : ""}
${v.resultClass ? html`<section class="card"><h2>办理结果</h2><p>${v.resultClass}类（${RESULT_LABEL[v.resultClass]}）</p>${v.resultText ? html`<p id="result">${v.resultText}</p>` : ""}</section>` : ""}
${v.closeReason && ["TRANSFERRED", "REJECTED"].includes(v.status) ? html`<section class="card"><h2>说明</h2><p>${v.closeReason}</p></section>` : ""}
${v.rating ? html`<section class="card"><h2>您的评价</h2><p>${RATING_LABEL[v.rating]}${v.ratingComment ? html`：${v.ratingComment}` : ""}</p></section>` : ""}
${
  canRate
    ? html`<section class="card"><h2>请评价办理结果</h2>${opts.error ? html`<p class="err" role="alert">${opts.error}</p>` : ""}
<form method="post" action="${opts.action}"><fieldset style="border:0;padding:0"><legend>您对办理结果是否满意？</legend>
${(["SATISFIED", "BASICALLY", "DISSATISFIED"] as const).map((r) => html`<label style="font-weight:400;min-height:44px"><input type="radio" name="rating" value="${r}" required style="width:auto;min-height:0;margin-right:8px">${RATING_LABEL[r]}</label>`)}</fieldset>
<label for="comment">说明（可不填）</label><textarea id="comment" name="comment" maxlength="500" style="min-height:80px"></textarea>
<button type="submit">提交评价</button></form><p class="muted">选择“不满意”，事项将重新办理。</p></section>`
    : ""
}
<section class="card"><h2>办理进展</h2><ul class="tl">${v.timeline.map((e) => html`<li>${e.at} ${e.label}</li>`)}</ul></section>
<p class="muted">本页链接只有您持有，请勿转发给他人。</p></main>`;
  return layout(`#${v.number} 办理进度`, body, { noindex: true });
}

export function stationPage(p: { name: string; items: PublicMatter[] }): string {
  return layout(
    `${p.name} · 办理公示`,
    html`<main><section class="card"><h1>${p.name} 意见建议办理公示</h1>
<p class="muted">已办结事项（内容已隐去个人信息）。</p>${p.items.length ? matterList(p.items) : html`<p>暂无已办结事项。</p>`}</section></main>`,
  );
}

export function posterPage(p: { deputy: DeputyInfo; svg: string; url: string }): string {
  const d = p.deputy;
  // Fits one A5 sheet (128×190 mm inside the margins) with an 80 mm code: large enough to scan from a metre away.
  const css = `@page{size:A5;margin:10mm}body{background:#fff}.poster{max-width:128mm;margin:0 auto;padding:0;text-align:center}.poster h1{font-size:26pt;margin:3mm 0}.poster .qr svg{display:block;width:80mm;height:80mm;margin:3mm auto}.poster p{margin:1.5mm 0;font-size:12pt;line-height:1.4}@media print{.noprint{display:none}}`;
  const body = html`<main class="poster"><p style="font-size:16pt;color:#b71c1c;font-weight:700">人大代表 · 扫码联系我</p>
<h1>${d.name}</h1><p>${levelName(d.level)}${d.duties ? html` · ${d.duties}` : ""}</p>
${d.stations.map((s) => html`<p>${s.name}</p>${s.schedule ? html`<p>选民接待日：${s.schedule}</p>` : ""}`)}
${d.reception ? html`<p>接待时间：${d.reception}</p>` : ""}
<div class="qr" role="img" aria-label="代表码二维码">${raw(p.svg)}</div>
<p>微信或手机浏览器扫码，随时给代表留言，可查询办理进度</p><p class="muted">${p.url}</p>
<button class="noprint" id="print" type="button">打印</button></main>${raw(`<script>${PRINT_JS}</script>`)}`;
  return layout(`${d.name} 代表码海报`, body, { extraCss: css });
}

export function messagePage(title: string, message: string): string {
  return layout(title, html`<main><section class="card"><h1>${title}</h1><p>${message}</p></section></main>`, { noindex: true });
}

export const notFoundPage = () => messagePage("页面不存在", "没有找到这个页面，请核对链接或重新扫码。");
export const tooManyPage = (minutes: number) =>
  messagePage("提交太频繁", `您提交得太频繁了，请 ${minutes} 分钟后再试。如有急事，请在选民接待日到联络站当面反映。`);
