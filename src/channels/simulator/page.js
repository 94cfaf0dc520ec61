// The simulator page. Names, group IDs and chat lines are typed by whoever uses the simulator: they
// reach the page only as textContent and property values, never as HTML (the CSP allows no inline script).
const $ = (id) => document.getElementById(id);
let people = [],
  lastId = 0,
  chatId = "";

function option(value, label, data = {}) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  Object.assign(o.dataset, data);
  return o;
}

async function loadRoster() {
  const r = await (await fetch("/api/simulator/roster")).json();
  people = r.people;
  $("who").replaceChildren(...people.map((p, i) => option(String(i), `${p.name}（${p.role}）`)));
  const chats = r.chats.length ? r.chats : [{ chatId: "demo-village", name: "演示村民群" }];
  $("chat").replaceChildren(
    ...chats.map((c) => option(c.chatId, `${c.name || c.chatId}${c.station ? "" : "（未绑定）"}`, { name: c.name || "" })),
    option("__direct", "和助手私聊"),
  );
  chatId = $("chat").value;
}

function currentChat() {
  const p = people[$("who").value];
  if ($("chat").value === "__direct") return { chatId: "direct-" + p.senderId, chatType: "direct" };
  const name = $("chat").selectedOptions[0].dataset.name;
  return { chatId: $("chat").value, chatType: "group", ...(name ? { chatName: name } : {}) };
}

function hint(text) {
  const p = document.createElement("p");
  p.className = "hint";
  p.textContent = text;
  $("log").appendChild(p);
}

function render(m) {
  const div = document.createElement("div");
  div.className = "msg " + (m.direction === "in" ? "in" : "bot");
  const who = document.createElement("div");
  who.className = "who";
  who.textContent = m.direction === "in" ? m.senderName || m.senderId : "人大代表联络助手";
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  bubble.textContent = m.text.replace(/\n\[[^\n]*\]$/, "");
  if ((m.buttons || []).length) bubble.appendChild(document.createElement("br"));
  for (const b of m.buttons || []) {
    const btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = b.label;
    btn.addEventListener("click", () => send(b.command, true));
    bubble.appendChild(btn);
  }
  div.append(who, bubble);
  $("log").appendChild(div);
  $("log").scrollTop = $("log").scrollHeight;
}

async function poll() {
  const c = currentChat();
  if (c.chatId !== chatId) {
    chatId = c.chatId;
    lastId = 0;
    $("log").replaceChildren();
  }
  const r = await (await fetch(`/api/simulator/chats/${encodeURIComponent(chatId)}/messages?after=${lastId}`)).json();
  for (const m of r.messages) {
    render(m);
    lastId = m.id;
  }
}

async function send(text, mention) {
  const p = people[$("who").value];
  const res = await fetch("/api/simulator/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...currentChat(), senderId: p.senderId, senderName: p.name, text, mentionsBot: mention }),
  });
  if (!res.ok) hint((await res.json().catch(() => ({}))).error || "发送失败");
  await poll();
}

$("send").addEventListener("submit", (e) => {
  e.preventDefault();
  const t = $("text").value.trim();
  if (!t) return;
  $("text").value = "";
  send(t, $("mention").checked);
});
$("text").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    $("send").requestSubmit();
  }
});
$("chat").addEventListener("change", () => poll());
$("who").addEventListener("change", () => poll());
loadRoster().then(() => {
  poll();
  setInterval(poll, 1500);
});
