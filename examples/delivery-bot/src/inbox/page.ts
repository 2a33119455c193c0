// The operator inbox page, served at /dashboard/inbox: one self-contained document (no build step),
// talking to /api/inbox with the operator's token in a header — never in a URL. The live list
// comes from GET /api/inbox/events read as a stream (EventSource cannot send a header): no polling.

const STYLE = `
body{font:15px system-ui,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
header{background:#0b5;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center}
header h1{font-size:1.1rem;margin:0;flex:1}
main{display:grid;grid-template-columns:minmax(14rem,20rem) 1fr minmax(14rem,22rem);gap:.6rem;padding:.6rem}
section{background:#fff;border-radius:.5rem;padding:.6rem;min-width:0}
@media (max-width:60rem){main{grid-template-columns:1fr}}
nav button{margin-right:.3rem}
button{cursor:pointer;border:1px solid #0b5;background:#fff;color:#075;border-radius:.3rem;padding:.3rem .6rem}
button.on,button.primary{background:#0b5;color:#fff}
ul{list-style:none;padding:0;margin:0}
li.conv{padding:.4rem;border-bottom:1px solid #eee;cursor:pointer}
li.conv[data-owner=waiting]{border-left:4px solid #e80}
.line{margin:.3rem 0;padding:.35rem .5rem;border-radius:.4rem;max-width:85%;white-space:pre-wrap;word-break:break-word}
.line.customer{background:#eef}
.line.operator{background:#dfd;margin-left:auto}
.line.note{background:#ffd;font-style:italic}
.line.bot{background:#eee;font-size:.85em}
#thread{display:flex;flex-direction:column;max-height:55vh;overflow:auto}
textarea{width:100%;box-sizing:border-box;min-height:4rem}
.error{color:#b00}
small{color:#667}
`;

const SCRIPT = `
const $ = (s) => document.querySelector(s);
// A link's token rides in the fragment (never sent to a server): keep it for the tab, clear the address bar.
const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
if (fromLink) { sessionStorage.setItem("inboxToken", fromLink); history.replaceState(null, "", location.pathname + location.search); }
let token = fromLink || sessionStorage.getItem("inboxToken") || "";
let state = "waiting", current = null, waitingCount = 0, stream = null;
const api = async (path, init = {}) => {
  const res = await fetch("/api/inbox" + path, { ...init, headers: { authorization: "Bearer " + token, "content-type": "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) { const e = new Error(body.message || res.statusText); e.status = res.status; e.body = body; throw e; }
  return body;
};
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const time = (ms) => new Date(ms).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
function beep() {
  try {
    const ctx = new AudioContext(); const o = ctx.createOscillator(); o.frequency.value = 880; o.connect(ctx.destination);
    o.start(); o.stop(ctx.currentTime + 0.2);
  } catch {}
  document.body.dataset.beeps = String(Number(document.body.dataset.beeps || 0) + 1);
}
function badge() { document.title = (waitingCount > 0 ? "(" + waitingCount + ") " : "") + "Inbox TokTok"; $("#badge").textContent = String(waitingCount); }
async function loadList() {
  const { conversations } = await api("/conversations?state=" + state);
  if (state === "waiting") { waitingCount = conversations.length; badge(); }
  $("#list").innerHTML = conversations.map((c) =>
    '<li class="conv" data-testid="conversation" data-wa="' + esc(c.waId) + '" data-owner="' + esc(c.owner.split(":")[0]) + '">' +
    "<b>" + esc(c.name || c.waId) + "</b> <small>" + esc(c.owner) + (c.trigger ? " · " + esc(c.trigger) : "") + "</small><br><small>" + esc(c.preview || "") + "</small></li>").join("") || "<li><small>Aucune conversation</small></li>";
  for (const li of document.querySelectorAll("li.conv")) li.onclick = () => open(li.dataset.wa);
}
async function loadFigures() {
  const f = await api("/figures");
  $("#figures").textContent = "Transferts : " + Object.entries(f.handoffsByTrigger).map(([k, v]) => k + " " + v).join(", ") +
    " · escalades " + f.escalations + " · " + f.operators.map((o) => o.operatorId + " : 1re réponse " + (o.firstResponseSeconds ?? "–") + " s, résolution " + (o.resolutionSeconds ?? "–") + " s").join(" ; ");
}
async function open(waId) {
  current = waId;
  const d = await api("/conversations/" + waId);
  const c = d.conversation;
  $("#chat").hidden = false;
  $("#who").textContent = (c.name || c.waId) + " — " + c.owner;
  $("#chat").dataset.owner = c.owner;
  $("#thread").innerHTML = d.messages.map((m) => {
    const cls = m.note ? "note" : m.author.startsWith("operator:") ? "operator" : m.author;
    return '<div class="line ' + cls + '" data-testid="line" data-author="' + esc(m.author) + '" data-kind="' + esc(m.kind) + '">' +
      "<small>" + time(m.at) + " · " + esc(m.author) + " · " + esc(m.kind) + "</small><br>" + esc(m.text || m.media || (m.location ? m.location.latitude + "," + m.location.longitude : "")) + "</div>";
  }).join("");
  $("#thread").scrollTop = 1e9;
  $("#window").textContent = d.windowOpen ? "" : "Fenêtre de 24 h fermée : le texte libre n'arrivera pas. Envoyez un modèle approuvé.";
  $("#text").disabled = !d.windowOpen; $("#send").disabled = !d.windowOpen;
  $("#template").innerHTML = d.templates.map((t) => '<option value="' + esc(t.name + "|" + t.language) + '">' + esc(t.name + " (" + t.language + ")") + "</option>").join("");
  const k = d.case;
  $("#case").innerHTML = !k ? "<small>Aucune mission ni commande</small>" :
    "<h3 data-testid=case-ref>" + esc(k.reference) + "</h3><p>" + esc(k.type) + " · <b data-testid=case-status>" + esc(k.status) + "</b> · <span data-testid=case-amount>" + esc(k.amountXaf.toLocaleString("fr-FR")) + " FCFA</span></p>" +
    "<ol>" + k.timeline.map((t) => "<li>" + esc(t.status) + " <small>" + esc(t.at) + "</small></li>").join("") + "</ol>" +
    (k.driver ? "<p data-testid=case-driver>🛵 " + esc(k.driver.name) + " · " + esc(k.driver.phone) + (k.driver.lastPosition ? " · 📍 " + k.driver.lastPosition.latitude.toFixed(4) + ", " + k.driver.lastPosition.longitude.toFixed(4) : "") + "</p>" : "") +
    (k.merchant ? "<p data-testid=case-merchant>🏪 " + esc(k.merchant.name) + " · " + esc(k.merchant.phone) + "</p>" : "");
}
async function act(fn) {
  $("#error").textContent = "";
  try { await fn(); } catch (e) { $("#error").textContent = e.message; }
  if (current) await open(current).catch(() => {});
  await loadList().catch(() => {});
}
async function listen() {
  stream?.abort(); stream = new AbortController();
  try {
    const res = await fetch("/api/inbox/events", { headers: { authorization: "Bearer " + token }, signal: stream.signal });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    $("body").dataset.live = "1";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf("\\n\\n")) >= 0) {
        const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        const data = block.split("\\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const event = JSON.parse(data.slice(6));
        if (event.type === "waiting") beep();
        await loadList().catch(() => {});
        loadFigures().catch(() => {});
        if (current === event.waId) await open(current).catch(() => {});
      }
    }
  } catch {}
  if (!stream.signal.aborted) setTimeout(listen, 2000);
}
async function start() {
  try { await api("/figures"); } catch (e) { $("#signin-error").textContent = e.status === 403 ? "Ce jeton n'a pas le rôle opérateur." : "Jeton refusé."; return; }
  sessionStorage.setItem("inboxToken", token);
  $("#signin").hidden = true; $("#app").hidden = false;
  const { replies } = await api("/canned");
  $("#canned").innerHTML = '<option value="">Réponses rapides…</option>' + replies.map((r, i) => '<option value="' + i + '">' + esc(r.title) + "</option>").join("");
  $("#canned").onchange = () => { const r = replies[Number($("#canned").value)]; if (r) $("#text").value = r.text; };
  await loadList(); await loadFigures(); listen();
}
$("#signin").onsubmit = (e) => { e.preventDefault(); token = $("#token").value.trim(); start(); };
for (const b of document.querySelectorAll("nav button")) b.onclick = () => {
  state = b.dataset.state; for (const x of document.querySelectorAll("nav button")) x.classList.toggle("on", x === b); loadList();
};
$("#take").onclick = () => act(() => api("/conversations/" + current + "/take", { method: "POST", body: "{}" }));
$("#release").onclick = () => act(() => api("/conversations/" + current + "/release", { method: "POST" }));
$("#send").onclick = () => act(async () => { await api("/conversations/" + current + "/messages", { method: "POST", body: JSON.stringify({ text: $("#text").value }) }); $("#text").value = ""; });
$("#note").onclick = () => act(async () => { await api("/conversations/" + current + "/messages", { method: "POST", body: JSON.stringify({ note: $("#text").value }) }); $("#text").value = ""; });
$("#send-template").onclick = () => act(() => { const [name, language] = $("#template").value.split("|"); return api("/conversations/" + current + "/messages", { method: "POST", body: JSON.stringify({ template: { name, language } }) }); });
$("#send-media").onclick = () => act(() => { const link = $("#media").value.trim(); const kind = /\\.(pdf|docx?|xlsx?)$/i.test(link) ? "document" : "image"; return api("/conversations/" + current + "/messages", { method: "POST", body: JSON.stringify({ [kind]: { link } }) }); });
$("#to-driver").onclick = () => act(() => api("/conversations/" + current + "/contact", { method: "POST", body: JSON.stringify({ to: "driver", text: $("#text").value }) }));
$("#to-merchant").onclick = () => act(() => api("/conversations/" + current + "/contact", { method: "POST", body: JSON.stringify({ to: "merchant", text: $("#text").value }) }));
if (token) start();
`;

/** The inbox page's HTML. */
export const INBOX_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Inbox TokTok</title><style>${STYLE}</style></head>
<body>
<header><h1>📥 Inbox opérateurs</h1><span>En attente : <b id="badge" data-testid="badge">0</b></span></header>
<form id="signin"><section><h2>Connexion opérateur</h2><label>Jeton <input id="token" autocomplete="off"></label>
<button class="primary" type="submit">Entrer</button> <span id="signin-error" class="error" role="alert"></span></section></form>
<div id="app" hidden>
<main>
<section><nav><button data-state="waiting" class="on">En attente</button><button data-state="mine">Les miennes</button><button data-state="all">Toutes</button></nav>
<ul id="list" data-testid="list"></ul><p><small id="figures" data-testid="figures"></small></p></section>
<section id="chat" hidden><h2 id="who"></h2>
<button id="take" class="primary" data-testid="take">Prendre la main</button> <button id="release" data-testid="release">Rendre au robot</button>
<div id="thread" data-testid="thread"></div>
<p id="window" class="error" data-testid="window"></p>
<select id="canned" data-testid="canned"></select>
<textarea id="text" data-testid="text" placeholder="Votre réponse"></textarea>
<button id="send" class="primary" data-testid="send">Envoyer</button> <button id="note" data-testid="note">Note interne</button>
<p><input id="media" placeholder="https://… image ou document" size="30"> <button id="send-media">Envoyer le fichier</button></p>
<p><select id="template" data-testid="template"></select> <button id="send-template" data-testid="send-template">Envoyer le modèle</button></p>
<p id="error" class="error" role="alert" data-testid="error"></p></section>
<section><h2>Dossier</h2><div id="case" data-testid="case"></div>
<button id="to-driver">Écrire au livreur</button> <button id="to-merchant">Écrire au commerçant</button></section>
</main></div>
<script>${SCRIPT}</script>
</body></html>`;
