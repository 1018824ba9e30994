// The console's shared parts: API calls (with the tab's token), the token and confirm dialogs, the
// answer banner, formats, relative times that tick, tables, and the "not available" note. Pages
// (pages.js) and the overview (dashboard.js) build on these. No library, no network but the
// coordinator's own API.
"use strict";

const Ops = (() => {
  const TOKEN_KEY = "docfleet.token";

  // ---- the token: asked once, kept for this tab only (sessionStorage), sent as a bearer token
  const token = () => sessionStorage.getItem(TOKEN_KEY) || "";
  function setToken(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
    document.dispatchEvent(new CustomEvent("ops:token"));
  }

  /** An API answer that is not 2xx: status and the API's {"error", "field"}. */
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || "HTTP " + status);
      this.status = status;
      this.field = body && body.field;
    }
    /** The coordinator has no such route (yet): an older coordinator than the console. */
    get unavailable() {
      return (this.status === 404 && this.field === "path") || (this.status === 405 && this.field === "method");
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const answer = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await answer.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text.slice(0, 200) }; }
    if (!answer.ok) throw new ApiError(answer.status, data);
    return data;
  }
  const get = (path) => api("GET", path);
  const query = (params) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, value);
    const text = search.toString();
    return text ? "?" + text : "";
  };
  const enc = encodeURIComponent;

  // ---- DOM
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  const link = (href, text, attrs) => h("a", { href, ...(attrs || {}) }, text);

  // ---- formats
  const number = (n) => n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US");
  const percent = (rate) => rate === null || rate === undefined ? "–" : (rate * 100).toFixed(1) + "%";
  const bytes = (n) => {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(n), unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return unit === 0 ? value + " B" : value.toFixed(1) + " " + units[unit];
  };
  const duration = (s) => {
    s = Math.max(0, Math.floor(s));
    return s >= 86400 ? Math.floor(s / 86400) + "d " + Math.floor(s % 86400 / 3600) + "h"
      : s >= 3600 ? Math.floor(s / 3600) + "h " + Math.floor(s % 3600 / 60) + "m"
      : s >= 60 ? Math.floor(s / 60) + "m " + (s % 60) + "s" : s + "s";
  };
  const millis = (at) => typeof at === "number" ? at : Date.parse(at);

  // ---- relative times: <time data-at="ms"> elements, re-read every second
  function relative(ms) {
    const seconds = Math.round((Date.now() - ms) / 1000);
    if (Math.abs(seconds) < 2) return "just now";
    return seconds > 0 ? duration(seconds) + " ago" : "in " + duration(-seconds);
  }
  function ago(at) {
    if (at === null || at === undefined || at === "") return h("span", { class: "muted" }, "–");
    const ms = millis(at);
    return h("time", { "data-at": String(ms), datetime: new Date(ms).toISOString(), title: new Date(ms).toLocaleString() }, relative(ms));
  }
  function tick() {
    for (const node of document.querySelectorAll("time[data-at]")) {
      const text = relative(Number(node.dataset.at));
      if (node.textContent !== text) node.textContent = text;
    }
  }
  setInterval(tick, 1000);

  function badge(text, kind) {
    return h("span", { class: "badge " + (kind || text) }, text);
  }
  const id = (text) => h("span", { class: "id", title: text }, text);

  // ---- tables: columns [{key, label, render(row) -> text | Node, cls}], scrolled sideways on a phone
  function table(name, columns, rows, options) {
    const opts = options || {};
    const body = h("tbody", { "data-table": name });
    for (const row of rows) {
      const tr = h("tr", opts.rowAttrs ? opts.rowAttrs(row) : {});
      for (const column of columns) {
        const value = column.render ? column.render(row) : row[column.key];
        tr.append(h("td", { "data-col": column.key, class: column.cls }, value === undefined || value === null ? "" : value));
      }
      body.append(tr);
    }
    if (rows.length === 0) {
      body.append(h("tr", { class: "empty" }, h("td", { colspan: String(columns.length) }, opts.empty || "none")));
    }
    const head = opts.head === false ? null : h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.cls }, c.label))));
    return h("div", { class: "table-scroll" }, h("table", { class: opts.head === false ? "facts" : null }, head, body));
  }

  /** Two columns: a field and its value. */
  function facts(name, pairs) {
    return table(name, [{ key: "label", label: "", cls: "label" }, { key: "value", label: "" }],
      pairs.filter(([, value]) => value !== undefined).map(([label, value, key]) => ({ label, value, key: key || label })),
      { head: false, rowAttrs: (row) => ({ "data-fact": row.key }) });
  }

  function unavailable(what, route) {
    return h("p", { class: "note", "data-note": "unavailable" },
      what + " is not available on this coordinator (" + route + " answered 404): it needs a newer coordinator.");
  }

  function failure(error) {
    if (error instanceof ApiError && error.status === 401) {
      return h("p", { class: "note bad", "data-note": "refused" }, "Refused: " + error.message + ". ",
        h("button", { type: "button", class: "linkish", onclick: () => askToken() }, "Enter a token"));
    }
    return h("p", { class: "note bad", "data-note": "error" }, error.message || String(error));
  }

  // ---- the answer banner: what an action did, or why it was refused
  function answer(text, ok, withTokenButton) {
    const node = document.querySelector("[data-field=answer]");
    node.hidden = false;
    node.className = "answer " + (ok ? "ok" : "bad");
    node.replaceChildren(h("span", { "data-field": "answer-text" }, text));
    if (withTokenButton) node.append(" ", h("button", { type: "button", class: "linkish", onclick: () => askToken() }, "Enter a token"));
    node.append(h("button", { type: "button", class: "close", title: "dismiss", onclick: () => { node.hidden = true; } }, "×"));
  }

  // ---- in-page dialogs (not window.confirm, so a test can drive them)
  function modal(name, title, content, buttons) {
    return new Promise((resolve) => {
      const shade = h("div", { class: "shade", "data-modal": name });
      const close = (value) => { shade.remove(); resolve(value); };
      const box = h("div", { class: "modal", role: "dialog", "aria-modal": "true", "aria-label": title },
        h("h2", {}, title), content,
        h("div", { class: "buttons" }, buttons.map(([label, action, value, cls]) =>
          h("button", { type: "button", "data-action": action, class: cls, onclick: () => close(typeof value === "function" ? value() : value) }, label))));
      shade.append(box);
      shade.addEventListener("keydown", (e) => { if (e.key === "Escape") close(null); });
      document.body.append(shade);
      const focus = box.querySelector("input") || box.querySelector("[data-action=cancel]");
      if (focus) focus.focus();
    });
  }

  function confirmDialog(title, text, confirmLabel) {
    return modal("confirm", title, h("p", {}, text),
      [["Cancel", "cancel", false], [confirmLabel || "Confirm", "confirm", true, "danger"]]);
  }

  async function askToken() {
    const input = h("input", { type: "password", "data-field": "token-input", autocomplete: "off", placeholder: "an API token (COORDINATOR_API_TOKENS)" });
    const value = await modal("token", "API token",
      h("div", {}, h("p", {}, "Actions need a token; it is kept for this tab only (sessionStorage) and sent as Authorization: Bearer."), input),
      [["Cancel", "cancel", null], ["Forget", "forget", ""], ["Save", "save", () => input.value]]);
    if (value === null) return false;
    setToken(value);
    return Boolean(value);
  }

  /**
   * Runs an action: asks first when {@code confirm} ([title, text, button]) is given, then shows
   * what it did ({@code done(answer)}) or why not. Returns the answer, or null.
   */
  async function act(confirm, call, done) {
    if (confirm && !(await confirmDialog(...confirm))) return null;
    try {
      const result = await call();
      answer(done(result), true);
      document.dispatchEvent(new CustomEvent("ops:acted"));
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        answer("Refused: " + error.message + (token() ? " (the token of this tab was not accepted)" : " (this tab has no token)"), false, true);
      } else {
        answer("Failed: " + error.message, false);
      }
      return null;
    }
  }

  return {
    ApiError, api, get, query, enc, token, setToken, h, link, number, percent, bytes, duration, millis,
    ago, relative, tick, badge, id, table, facts, unavailable, failure, answer, confirmDialog, askToken, act,
  };
})();
