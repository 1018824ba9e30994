// The docfleet dashboard: opens the coordinator's event stream and renders what it pushes.
// Events: "history" (queue-depth samples, once per connection), "snapshot" (workers, queues, cache,
// throughput, failures, both Redis's figures and keys by pattern; every few seconds) and "document"
// (one document state change, as it happens). The stream needs an API token (unless
// COORDINATOR_CONTENT_AUTH=false): open the page as /#token=<token>; the fragment never leaves the
// browser, and the stream gets it as ?access_token= (EventSource cannot send headers). The page
// reads nothing else.
"use strict";

(() => {
  const PALETTE = ["#4c7bd9", "#e8833a", "#2e9e6a", "#b84fc4", "#d94c63", "#7a8a1f", "#3aa6b8", "#8a5a2b"];
  const KNOWN = { ocr: 0, entities: 1, structured: 2 };
  const MAX_EVENTS = 30;
  const state = { samples: [], intervalMs: 5000, lastSnapshotAt: 0, colors: {}, events: 0 };

  const $ = (selector) => document.querySelector(selector);
  const field = (name) => $(`[data-field="${name}"]`);
  const number = (n) => Number(n).toLocaleString("en-US");
  const percent = (rate) => (rate * 100).toFixed(1) + "%";
  const seconds = (ms) => (ms / 1000).toFixed(1) + " s";
  const time = (ms) => new Date(ms).toLocaleTimeString();

  function color(type) {
    if (!(type in state.colors)) {
      const used = Object.keys(state.colors).length;
      state.colors[type] = PALETTE[(type in KNOWN ? KNOWN[type] : 3 + used) % PALETTE.length];
    }
    return state.colors[type];
  }

  function cell(row, text, col, className) {
    const td = document.createElement("td");
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    if (col) td.dataset.col = col;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function badge(text, kind) {
    const span = document.createElement("span");
    span.className = "badge " + (kind || text);
    span.textContent = text;
    return span;
  }

  function fill(table, items, columns, render) {
    const body = $(`[data-table="${table}"]`);
    const rows = items.map((item) => {
      const tr = document.createElement("tr");
      render(tr, item);
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      tr.className = "empty";
      cell(tr, "none").colSpan = columns;
      rows.push(tr);
    }
    body.replaceChildren(...rows);
  }

  function setConnection(kind, text) {
    const node = field("connection");
    node.dataset.state = kind;
    node.textContent = text;
  }

  function notice(text) {
    const node = field("notice");
    node.hidden = !text;
    node.textContent = text || "";
  }

  // ---- queue depths: the chart keeps the history's length of samples
  function addSample(at, queues) {
    const point = { at, queues: {} };
    for (const q of queues) point.queues[q.type] = { ready: q.ready, inFlight: q.inFlight, delayed: q.delayed };
    const last = state.samples[state.samples.length - 1];
    if (last && at <= last.at) state.samples[state.samples.length - 1] = point;
    else state.samples.push(point);
    const keep = Math.max(state.historyLength || 0, 12);
    if (state.samples.length > keep) state.samples.splice(0, state.samples.length - keep);
  }

  function drawDepths() {
    const types = new Set();
    for (const s of state.samples) for (const t of Object.keys(s.queues)) types.add(t);
    const series = [...types].sort().map((type) => ({
      name: type, color: color(type),
      points: state.samples.filter((s) => type in s.queues).map((s) => [s.at, s.queues[type].ready]),
    }));
    const from = state.samples.length ? state.samples[0].at : Date.now();
    const to = state.samples.length ? state.samples[state.samples.length - 1].at : from;
    Charts.lines($('[data-chart="depths"]'), series, from, to);
    const legend = field("depth-legend");
    legend.replaceChildren(...series.map((s) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = s.color;
      li.append(swatch, s.name);
      return li;
    }));
  }

  // ---- snapshot
  function render(snap) {
    const queues = snap.queues;
    const sum = (key) => queues.reduce((total, q) => total + q[key], 0);
    field("workers-count").textContent = number(snap.workers.count);
    field("workers-lost").textContent = number(snap.workers.lost);
    field("ready-total").textContent = number(sum("ready"));
    field("in-flight-total").textContent = number(sum("inFlight"));
    field("dead-total").textContent = number(sum("dead"));
    field("docs-per-minute").textContent = number(snap.documents.lastMinute);
    field("cache-hit-rate").textContent = snap.cache.enabled ? percent(snap.cache.total.hitRate) : "off";
    field("cache-enabled").textContent = snap.cache.enabled ? "all types" : "the cache is disabled";
    field("failed-recent").textContent = number(snap.recentFailures.length);
    field("updated").textContent = time(snap.at);
    field("updated").dateTime = new Date(snap.at).toISOString();

    fill("queues", queues, 7, (tr, q) => {
      tr.dataset.queue = q.type;
      cell(tr, q.type, "type");
      cell(tr, number(q.ready), "ready");
      cell(tr, number(q.inFlight), "inFlight");
      cell(tr, number(q.delayed), "delayed");
      cell(tr, number(q.dead), "dead", q.dead > 0 ? "bad" : "");
      cell(tr, q.oldestReadyAgeMs == null ? "–" : seconds(q.oldestReadyAgeMs), "oldestWait");
      cell(tr, q.paused ? badge("paused") : badge("active"), "state");
    });
    fill("workers", snap.workers.workers, 7, (tr, w) => {
      tr.dataset.worker = w.id;
      if (w.status === "lost") tr.className = "lost";
      cell(tr, w.id, "id");
      cell(tr, badge(w.status), "status");
      cell(tr, w.heartbeatAgeMs == null ? "lapsed" : seconds(w.heartbeatAgeMs) + " ago", "heartbeat");
      cell(tr, w.capabilities.join(", "), "types");
      cell(tr, number(w.inFlight), "inFlight");
      cell(tr, number(w.completed), "completed");
      cell(tr, number(w.failed), "failed");
    });
    const cacheRows = Object.entries(snap.cache.byType).map(([type, c]) => ({ type, ...c }));
    cacheRows.push({ type: "total", ...snap.cache.total });
    fill("cache", cacheRows, 4, (tr, c) => {
      tr.dataset.cache = c.type;
      cell(tr, c.type, "type");
      cell(tr, number(c.hits), "hits");
      cell(tr, number(c.misses), "misses");
      const rate = cell(tr, percent(c.hitRate), "hitRate");
      const bar = document.createElement("span");
      bar.className = "rate";
      bar.style.width = Math.round(c.hitRate * 80) + "px";
      rate.appendChild(bar);
    });
    fill("failures", snap.recentFailures, 4, (tr, f) => {
      tr.dataset.document = f.documentId;
      cell(tr, f.documentId, "document");
      cell(tr, f.stage, "stage");
      cell(tr, f.error || "", "error");
      cell(tr, time(f.at), "when");
    });
    fill("dead", snap.recentDeadLetters, 6, (tr, d) => {
      tr.dataset.task = d.taskId || "";
      cell(tr, d.type, "type");
      cell(tr, d.taskId || "(not a task)", "task");
      cell(tr, d.error, "error");
      cell(tr, number(d.attempts), "attempts");
      cell(tr, d.worker, "worker");
      cell(tr, time(d.failedAt), "when");
    });

    if (snap.redis) renderRedis(snap.redis);

    const perMinute = snap.documents.perMinute;
    Charts.bars($('[data-chart="throughput"]'), perMinute, `${perMinute.length} min ago`, "now");
    addSample(snap.at, queues);
    drawDepths();
    state.lastSnapshotAt = Date.now();
    document.body.dataset.snapshotAt = String(snap.at);
  }

  // ---- Redis: both servers' figures, and their keys by pattern
  const bytes = (n) => {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(n), unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return unit === 0 ? value + " B" : value.toFixed(1) + " " + units[unit];
  };
  const duration = (s) => s >= 86400 ? Math.floor(s / 86400) + "d " + Math.floor(s % 86400 / 3600) + "h"
    : s >= 3600 ? Math.floor(s / 3600) + "h " + Math.floor(s % 3600 / 60) + "m"
    : s >= 60 ? Math.floor(s / 60) + "m " + (s % 60) + "s" : s + "s";
  const FIGURES = [
    ["status", "status", (r) => r.status === "ok" ? badge("ok", "active") : badge(r.status, r.status === "disabled" ? "paused" : "failed")],
    ["uptime", "uptime", (r) => duration(r.uptimeSeconds)],
    ["memory", "memory used", (r) => bytes(r.memory.usedBytes) + (r.memory.maxBytes > 0 ? " of " + bytes(r.memory.maxBytes) + " (" + percent(r.memory.usedRatio) + ")" : " (no limit)")],
    ["peak", "memory peak", (r) => bytes(r.memory.peakBytes)],
    ["policy", "maxmemory-policy", (r) => r.maxmemoryPolicy],
    ["ops", "ops/s", (r) => number(r.opsPerSecond)],
    ["hitRate", "keyspace hit rate", (r) => r.keyspaceHitRate == null ? "–" : percent(r.keyspaceHitRate)],
    ["evicted", "evicted keys", (r) => number(r.evictedKeys)],
    ["clients", "clients", (r) => number(r.clients.connected) + " (" + number(r.clients.blocked) + " blocked)"],
    ["keys", "keys in the database", (r) => number(r.keys.total)],
  ];

  // A figure of a server that answered; the error (or "off") of one that did not.
  function figure(section, render) {
    if (section.status !== "ok") return section.status === "disabled" ? "off" : "–";
    return render(section);
  }

  function renderRedis(redis) {
    const shared = redis.cache.sharedWithQueue;
    field("cache-redis-note").textContent = shared ? "(the queue's)" : "";
    fill("redis", FIGURES, 3, (tr, [name, label, render]) => {
      tr.dataset.figure = name;
      cell(tr, label, "label");
      for (const [which, section] of [["queue", redis.queue], ["cache", redis.cache]]) {
        const td = cell(tr, name === "status" ? render(section) : figure(section, render));
        td.dataset.redis = which;
        if (name === "status" && section.error) td.title = section.error;
      }
    });
    const keys = redis.queue.keys;
    field("keys-counted").textContent = keys.countedAt ? time(Date.parse(keys.countedAt))
      + (keys.complete === false ? (keys.scaled ? " (cut short, scaled)" : " (cut short, at least)") : "") : "–";
    const cacheKeys = redis.cache.status === "ok" && !shared ? redis.cache.keys : null;
    const rows = new Map();
    for (const [column, counts] of [[0, keys], [1, cacheKeys]]) {
      if (!counts || !counts.byPattern) continue;
      for (const family of counts.byPattern) {
        if (!rows.has(family.name)) rows.set(family.name, { name: family.name, pattern: family.pattern, counts: [null, null] });
        rows.get(family.name).counts[column] = family.count;
      }
    }
    const shown = [...rows.values()].filter((r) => (r.counts[0] || 0) + (r.counts[1] || 0) > 0);
    if (keys.byPattern) shown.push({ name: "other", pattern: "(in no family)", counts: [keys.other, cacheKeys ? cacheKeys.other : null] });
    fill("keys", shown, 4, (tr, r) => {
      tr.dataset.family = r.name;
      cell(tr, r.name, "family");
      cell(tr, r.pattern, "pattern");
      cell(tr, r.counts[0] == null ? "–" : number(r.counts[0]), "queue");
      cell(tr, shared ? "(queue's)" : r.counts[1] == null ? "–" : number(r.counts[1]), "cache");
    });
  }

  // ---- document events
  function addEvent(event) {
    const list = $('[data-list="events"]');
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const li = document.createElement("li");
    li.dataset.document = event.documentId;
    const when = document.createElement("time");
    when.textContent = time(event.at);
    const what = document.createElement("span");
    what.textContent = `${event.documentId} · ${event.stage} · ${event.progress}%` + (event.error ? ` · ${event.error}` : "");
    li.append(when, badge(event.status), what);
    list.prepend(li);
    while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
    state.events++;
    document.body.dataset.events = String(state.events);
  }

  function parse(message) {
    try {
      return JSON.parse(message.data);
    } catch (e) {
      console.warn("dashboard: not JSON", message.data);
      return null;
    }
  }

  function connect() {
    const token = new URLSearchParams(location.hash.slice(1)).get("token");
    const url = "api/v1/events" + (token ? "?access_token=" + encodeURIComponent(token) : "");
    const source = new EventSource(url);
    source.onopen = () => { setConnection("live", "live"); notice(""); };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setConnection("closed", "disconnected");
        notice("The coordinator refused the event stream: it needs an API token (open this page as "
          + location.pathname + "#token=<an API token>, then reload), or all of its COORDINATOR_MAX_STREAMS"
          + " streams are open (reload later).");
      } else {
        setConnection("reconnecting", "reconnecting…");
      }
    };
    source.addEventListener("history", (m) => {
      const history = parse(m);
      if (!history) return;
      state.intervalMs = history.intervalMs;
      state.historyLength = history.capacity;
      state.samples = history.samples.map((s) => ({ at: s.at, queues: s.queues }));
      field("history-span").textContent = Math.round(state.historyLength * state.intervalMs / 60000) + " minutes";
      drawDepths();
    });
    source.addEventListener("snapshot", (m) => { const snap = parse(m); if (snap) render(snap); });
    source.addEventListener("document", (m) => { const event = parse(m); if (event) addEvent(event); });
  }

  // A stream that stays open but sends nothing (a stuck proxy) shows as stale.
  setInterval(() => {
    const node = field("connection");
    if (node.dataset.state === "live" && state.lastSnapshotAt && Date.now() - state.lastSnapshotAt > 3 * state.intervalMs) {
      setConnection("stale", "stale: no snapshot for " + seconds(Date.now() - state.lastSnapshotAt));
    } else if (node.dataset.state === "stale" && Date.now() - state.lastSnapshotAt <= 3 * state.intervalMs) {
      setConnection("live", "live");
    }
  }, 1000);

  connect();
})();
