// The docfleet console: hash routes (#/, #/queues/ocr, #/documents/<id> ...), the live feed and the
// overview. With a token the page first fetches GET api/v1/dashboard/snapshot (history and a
// snapshot, so its first render has figures), then opens the event stream GET api/v1/events
// ("snapshot" every COORDINATOR_DASHBOARD_INTERVAL, "document" per change). Without one (the
// snapshot answers 401) it stays read-only and polls the open read routes (queues, workers, cache
// metrics) every five seconds. A token given as /#token=<token> is kept for the tab and dropped
// from the address. Pages are in pages.js, shared parts in console.js.
"use strict";

const Live = (() => {
  const state = {
    mode: "connecting", snapshot: null, samples: [], intervalMs: 5000, capacity: 720, durationBounds: [],
    lastAt: 0, events: [], source: null, poller: null, snapshotListeners: new Set(), documentListeners: new Set(),
  };
  const MAX_EVENTS = 30;

  function sampleOf(snap) {
    const queues = {};
    for (const q of snap.queues) {
      const c = q.counters || {};
      queues[q.type] = { ready: q.ready, inFlight: q.inFlight, delayed: q.delayed, completed: c.completed || 0, failed: c.failed || 0 };
    }
    const cache = { ...(snap.cache.byType || {}) };
    if (snap.cache.total) cache.total = snap.cache.total;
    return { at: snap.at, queues, cache, durations: snap.durations || null };
  }

  function addSample(sample) {
    const last = state.samples[state.samples.length - 1];
    if (last && sample.at <= last.at) state.samples[state.samples.length - 1] = sample;
    else state.samples.push(sample);
    if (state.samples.length > state.capacity) state.samples.splice(0, state.samples.length - state.capacity);
  }

  function take(snap) {
    state.snapshot = snap;
    state.lastAt = Date.now();
    addSample(sampleOf(snap));
    document.body.dataset.snapshotAt = String(snap.at);
    setConnection();
    for (const listener of state.snapshotListeners) listener(snap);
  }

  function setConnection(kind, text) {
    if (kind) state.mode = kind;
    const node = document.querySelector("[data-field=connection]");
    const labels = { live: "live", polling: "read-only, polling", connecting: "connecting…", reconnecting: "reconnecting…", closed: "disconnected" };
    node.dataset.state = state.mode;
    node.textContent = text || labels[state.mode] || state.mode;
    const updated = document.querySelector("[data-field=updated]");
    if (state.lastAt) updated.replaceChildren("updated ", Ops.ago(state.lastAt));
  }

  function parse(message) {
    try { return JSON.parse(message.data); } catch (e) { return null; }
  }

  function openStream() {
    const source = new EventSource("api/v1/events?access_token=" + encodeURIComponent(Ops.token()));
    state.source = source;
    source.onopen = () => setConnection("live");
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setConnection("closed");
        notice("The coordinator closed the event stream (a token it no longer accepts, or all of its COORDINATOR_MAX_STREAMS streams are open); reload later.");
      } else {
        setConnection("reconnecting");
      }
    };
    source.addEventListener("history", (m) => { const history = parse(m); if (history) takeHistory(history); });
    source.addEventListener("snapshot", (m) => { const snap = parse(m); if (snap) take(snap); });
    source.addEventListener("document", (m) => { const event = parse(m); if (event) takeEvent(event); });
  }

  function takeHistory(history) {
    state.intervalMs = history.intervalMs;
    state.capacity = Math.max(history.capacity, 12);
    state.durationBounds = history.durationBounds || [];
    const known = state.samples.filter((s) => !history.samples.length || s.at > history.samples[history.samples.length - 1].at);
    state.samples = history.samples.concat(known);
  }

  function takeEvent(event) {
    state.events.unshift(event);
    if (state.events.length > MAX_EVENTS) state.events.pop();
    document.body.dataset.events = String(Number(document.body.dataset.events || 0) + 1);
    for (const listener of state.documentListeners) listener(event);
  }

  // Read-only: the open read routes, every five seconds, as a snapshot without documents or Redis.
  async function poll() {
    try {
      const [queues, workers, cache] = await Promise.all([
        Ops.get("api/v1/queues"), Ops.get("api/v1/workers"), Ops.get("api/v1/cache/metrics")]);
      take({ at: Date.now(), queues: queues.queues, workers, cache, documents: null, recentFailures: null, recentDeadLetters: null, redis: null });
      return true;
    } catch (error) {
      setConnection("closed", "refused: " + error.message);
      notice("The coordinator refused the read routes: " + error.message + ". Enter a token (the token button, top right), or open this page as " + location.pathname + "#token=<an API token>.");
      return false;
    }
  }

  function notice(text) {
    const node = document.querySelector("[data-field=notice]");
    node.hidden = !text;
    node.textContent = text || "";
  }

  /** Fetches the first frame, then opens the stream (or polls without a token). */
  async function start() {
    stop();
    notice("");
    try {
      const first = await Ops.get("api/v1/dashboard/snapshot");
      takeHistory(first.history);
      take(first.snapshot);
      openStream();
      return;
    } catch (error) {
      if (!(error instanceof Ops.ApiError) || error.status !== 401) {
        notice("The first snapshot failed: " + error.message + "; reading the open routes instead.");
      }
    }
    setConnection("polling");
    if (await poll()) {
      notice(Ops.token()
        ? "The token of this tab was not accepted: read-only until another is entered (the token button, top right)."
        : "Read-only: live document events, failures and charts of documents need a token (the token button, top right).");
    }
    state.poller = setInterval(poll, 5000);
  }

  function stop() {
    if (state.source) state.source.close();
    if (state.poller) clearInterval(state.poller);
    state.source = null;
    state.poller = null;
  }

  // A stream that stays open but sends nothing (a stuck proxy) shows as stale.
  setInterval(() => {
    if (state.mode !== "live" && state.mode !== "stale") return;
    const late = state.lastAt && Date.now() - state.lastAt > 3 * state.intervalMs;
    if (late) setConnection("stale", "stale: no snapshot for " + Ops.duration((Date.now() - state.lastAt) / 1000));
    else if (state.mode === "stale") setConnection("live");
  }, 1000);

  return { state, start, take, onSnapshot: state.snapshotListeners, onDocument: state.documentListeners };
})();

// ---- the router: a page per hash route; a page's live parts re-render on each snapshot
const Router = (() => {
  const routes = [];
  let current = null;

  function add(pattern, page) { routes.push([pattern, page]); }

  function parse() {
    const hash = location.hash.replace(/^#/, "") || "/";
    const [path, search] = hash.split("?");
    return { path: path || "/", params: new URLSearchParams(search || "") };
  }

  async function show() {
    if (current) current.close();
    const hash = location.hash;
    const { path, params } = parse();
    const main = document.querySelector("[data-field=page]");
    const section = path.split("/")[1] || "overview";
    for (const a of document.querySelectorAll("nav a[data-nav]")) a.classList.toggle("current", a.dataset.nav === section);
    document.querySelector("[data-field=answer]").hidden = true;
    const ctx = context(main, params);
    current = ctx;
    for (const [pattern, page] of routes) {
      const match = path.match(pattern);
      if (match) {
        document.body.dataset.page = page.name;
        document.title = "docfleet · " + page.title(match.slice(1).map(decodeURIComponent));
        try {
          await page.render(ctx, match.slice(1).map(decodeURIComponent), params);
        } catch (error) {
          if (ctx.active()) main.replaceChildren(Ops.failure(error));
        }
        if (ctx.active()) document.body.dataset.ready = hash;
        return;
      }
    }
    main.replaceChildren(Ops.h("h1", {}, "No such page"), Ops.h("p", {}, "There is no page at " + path + ". "), Ops.link("#/", "Back to the overview"));
  }

  /** What a page may do while it is the one shown; everything it registered ends when it is not. */
  function context(main, params) {
    let open = true;
    const cleanups = [];
    const self = {
      main, params,
      active: () => open && current === self,
      close() { open = false; cleanups.forEach((f) => f()); },
      /** Runs {@code load} now and again on every snapshot and action; stale answers are dropped. */
      live(load) {
        let running = false;
        const run = async () => {
          if (running || !self.active()) return;
          running = true;
          try { await load(); } catch (error) { console.warn("console: a refresh failed", error); } finally { running = false; }
        };
        const listener = () => run();
        Live.onSnapshot.add(listener);
        document.addEventListener("ops:acted", listener);
        cleanups.push(() => { Live.onSnapshot.delete(listener); document.removeEventListener("ops:acted", listener); });
        return load();
      },
      onDocument(listener) {
        Live.onDocument.add(listener);
        cleanups.push(() => Live.onDocument.delete(listener));
      },
    };
    return self;
  }

  return { add, show };
})();

// ---- the overview: tiles, charts over the history, and the tables that lead to every page
const Overview = (() => {
  const { h, link, number, percent, badge, ago, table, id } = Ops;

  function tile(name, label, value, sub, href) {
    return h("a", { class: "tile", href, "data-tile": name }, h("span", { class: "label" }, label),
      h("span", { class: "value", "data-field": name }, value), h("span", { class: "sub" }, sub));
  }

  function tiles(snap) {
    const sum = (key) => snap.queues.reduce((total, q) => total + q[key], 0);
    const docs = snap.documents;
    return h("section", { class: "tiles" },
      tile("workers-count", "workers", number(snap.workers.count), [h("span", { "data-field": "workers-lost" }, number(snap.workers.lost)), " lost"], "#/workers"),
      tile("ready-total", "ready tasks", number(sum("ready")), [h("span", { "data-field": "in-flight-total" }, number(sum("inFlight"))), " in flight"], "#/queues"),
      tile("docs-per-minute", "documents / min", docs ? number(docs.lastMinute) : "n/a", docs ? "completed in the last 60 s" : "needs a token", "#/documents"),
      tile("cache-hit-rate", "cache hit rate", snap.cache.enabled ? percent(snap.cache.total.hitRate) : "off", snap.cache.enabled ? "all types" : "the cache is disabled", "#/cache"),
      tile("dead-total", "dead letters", number(sum("dead")), snap.recentFailures ? ["failed documents seen: ", h("span", { "data-field": "failed-recent" }, number(snap.recentFailures.length))] : "in every queue", "#/queues"));
  }

  function queuesTable(snap) {
    return Pages.queueTable(snap.queues);
  }

  function workersTable(snap) {
    return table("workers", [
      { key: "id", label: "worker", render: (w) => link("#/workers/" + encodeURIComponent(w.id), w.id, { class: "id", title: w.id }) },
      { key: "status", label: "status", render: (w) => badge(w.status) },
      { key: "heartbeat", label: "heartbeat", render: (w) => w.lastHeartbeat ? ago(w.lastHeartbeat) : "lapsed" },
      { key: "types", label: "types", render: (w) => w.capabilities.join(", ") },
      { key: "inFlight", label: "in flight", render: (w) => number(w.inFlight), cls: "num" },
      { key: "completed", label: "done", render: (w) => number(w.completed), cls: "num" },
      { key: "failed", label: "failed", render: (w) => number(w.failed), cls: "num" },
    ], snap.workers.workers, { empty: "no workers registered", rowAttrs: (w) => ({ "data-worker": w.id, class: w.status === "lost" ? "lost" : null }) });
  }

  function deadTable(snap) {
    if (!snap.recentDeadLetters) return Ops.h("p", { class: "muted" }, "The newest dead letters come with the token; each queue's page lists its own.");
    return table("dead", [
      { key: "type", label: "type", render: (d) => link("#/queues/" + encodeURIComponent(d.type) + "?tab=dead", d.type) },
      { key: "task", label: "task", render: (d) => d.taskId ? link("#/tasks/" + encodeURIComponent(d.type) + "/" + encodeURIComponent(d.taskId), d.taskId, { class: "id", title: d.taskId }) : "(not a task)" },
      { key: "error", label: "error", render: (d) => d.error, cls: "text" },
      { key: "attempts", label: "attempts", render: (d) => number(d.attempts), cls: "num" },
      { key: "worker", label: "worker", render: (d) => id(d.worker) },
      { key: "when", label: "when", render: (d) => ago(d.failedAt) },
    ], snap.recentDeadLetters, { rowAttrs: (d) => ({ "data-task": d.taskId || "" }) });
  }

  function failuresTable(snap) {
    if (!snap.recentFailures) return Ops.h("p", { class: "muted" }, "Failed documents come with the token.");
    return table("failures", [
      { key: "document", label: "document", render: (f) => link("#/documents/" + encodeURIComponent(f.documentId), f.documentId, { class: "id", title: f.documentId }) },
      { key: "stage", label: "stage", render: (f) => f.stage },
      { key: "error", label: "error", render: (f) => f.error || "", cls: "text" },
      { key: "when", label: "when", render: (f) => ago(f.at) },
    ], snap.recentFailures, { rowAttrs: (f) => ({ "data-document": f.documentId }) });
  }

  function eventsList() {
    const events = Live.state.events;
    if (events.length === 0) return h("ol", { class: "events", "data-list": "events" }, h("li", { class: "empty" }, "waiting for events…"));
    return h("ol", { class: "events", "data-list": "events" }, events.map((e) =>
      h("li", { "data-document": e.documentId }, ago(e.at), badge(e.status),
        h("span", {}, link("#/documents/" + encodeURIComponent(e.documentId), e.documentId), ` · ${e.stage} · ${e.progress}%` + (e.error ? ` · ${e.error}` : "")))));
  }

  function panel(title, sub, ...content) {
    return h("section", { class: "panel" }, h("h2", {}, title, sub ? h("small", {}, " " + sub) : null), ...content);
  }

  function render(ctx) {
    const snap = Live.state.snapshot;
    if (!snap) {
      ctx.main.replaceChildren(h("p", { class: "muted" }, "Waiting for the coordinator…"));
      return;
    }
    const docs = snap.documents;
    ctx.main.replaceChildren(
      tiles(snap),
      h("section", { class: "charts" }, Charts2.panels(snap)),
      h("div", { class: "columns" },
        panel("Queues", "", queuesTable(snap), link("#/queues", "all queues →", { "data-link": "queues" })),
        panel("Workers", "", workersTable(snap), link("#/workers", "all workers →", { "data-link": "workers" })),
        Spend.panel(),
        panel("Newest dead letters", "", deadTable(snap)),
        panel("Recent failed documents", "seen by this coordinator", failuresTable(snap),
          link("#/documents?status=failed", "failed documents →", { "data-link": "documents" })),
        panel("Live document events", "", eventsList()),
        panel("More", "", h("ul", { class: "more" },
          h("li", {}, link("#/redis", "Redis: both servers, keys by pattern", { "data-link": "redis" })),
          h("li", {}, link("#/cache", "Provider cache: hit rates, top documents", { "data-link": "cache" })),
          h("li", {}, link("#/webhooks", "Webhooks: deliveries and failures per destination", { "data-link": "webhooks" })),
          h("li", {}, link("#/spend", "Spend: what the providers cost and the cache saved", { "data-link": "spend-more" })),
          h("li", {}, link("#/documents", "Documents: search and open", { "data-link": "documents-search" })),
          docs ? null : h("li", {}, "Documents per minute need a token")))));
  }

  return {
    name: "overview",
    title: () => "overview",
    render(ctx) {
      ctx.live(async () => render(ctx));
      ctx.onDocument(() => {
        const list = ctx.main.querySelector("[data-list=events]");
        if (list) list.replaceWith(eventsList());
      });
    },
  };
})();

// ---- the charts over the history: throughput, queue depth, hit rate (charts.js draws them)
const Charts2 = (() => {
  const PALETTE = ["#4c7bd9", "#e8833a", "#2e9e6a", "#b84fc4", "#d94c63", "#7a8a1f", "#3aa6b8", "#8a5a2b"];
  const KNOWN = { ocr: 0, entities: 1, structured: 2, total: 5 };
  const colors = {};
  const { h } = Ops;

  function color(type) {
    if (!(type in colors)) colors[type] = PALETTE[(type in KNOWN ? KNOWN[type] : 3 + Object.keys(colors).length) % PALETTE.length];
    return colors[type];
  }

  /** At most about 60 points over the history: a point a minute over an hour. */
  function thin(samples) {
    if (samples.length < 3) return samples;
    const span = samples[samples.length - 1].at - samples[0].at;
    const step = Math.max(Live.state.intervalMs, span / 60);
    const out = [samples[0]];
    for (const s of samples) if (s.at - out[out.length - 1].at >= step) out.push(s);
    return out;
  }

  function keysOf(samples, part) {
    const keys = new Set();
    for (const s of samples) for (const k of Object.keys(s[part] || {})) keys.add(k);
    return [...keys].sort();
  }

  function series(samples, part, value) {
    return keysOf(samples, part).map((name) => {
      const points = [];
      for (let i = 0; i < samples.length; i++) {
        const v = value(samples, i, name);
        if (v !== undefined) points.push([samples[i].at, v]);
      }
      return { name, color: color(name), points };
    });
  }

  const perMinute = (field) => (samples, i, type) => {
    if (i === 0) return undefined;
    const a = samples[i - 1], b = samples[i];
    if (!a.queues[type] || !b.queues[type] || b.at <= a.at) return undefined;
    return Math.max(0, b.queues[type][field] - a.queues[type][field]) * 60000 / (b.at - a.at);
  };
  const ready = (samples, i, type) => samples[i].queues[type] ? samples[i].queues[type].ready : undefined;
  const hitRate = (samples, i, type) => {
    if (i === 0) return undefined;
    const a = samples[i - 1].cache && samples[i - 1].cache[type], b = samples[i].cache && samples[i].cache[type];
    if (!a || !b) return undefined;
    const hits = b.hits - a.hits, lookups = hits + (b.misses - a.misses);
    return lookups > 0 ? 100 * hits / lookups : null;
  };

  /** The run time (ms) under which a share {@code q} of {@code total} runs fell, as Prometheus' histogram_quantile. */
  function quantile(q, bounds, cumulative, total) {
    const rank = q * total;
    let lower = 0, below = 0;
    for (let k = 0; k < bounds.length; k++) {
      if (cumulative[k] >= rank) {
        const inBucket = cumulative[k] - below;
        return 1000 * (lower + (bounds[k] - lower) * (inBucket > 0 ? (rank - below) / inBucket : 1));
      }
      lower = bounds[k];
      below = cumulative[k];
    }
    return 1000 * (bounds.length ? bounds[bounds.length - 1] : 0);
  }

  /** p50, p95 and p99 of the runs of every type (or of {@code only}) between each two samples. */
  function latencies(samples, only) {
    const bounds = Live.state.durationBounds;
    return [["p50", 0.5], ["p95", 0.95], ["p99", 0.99]].map(([name, q]) => {
      const points = [];
      for (let i = 1; i < samples.length; i++) {
        const a = samples[i - 1].durations, b = samples[i].durations;
        if (!a || !b || !bounds.length) continue;
        const deltas = bounds.map(() => 0);
        let total = 0;
        for (const [type, now] of Object.entries(b)) {
          if (only && type !== only) continue;
          const before = a[type] || { cumulative: [], count: 0 };
          bounds.forEach((_, k) => { deltas[k] += Math.max(0, now.cumulative[k] - (before.cumulative[k] || 0)); });
          total += Math.max(0, now.count - before.count);
        }
        points.push([samples[i].at, total > 0 ? quantile(q, bounds, deltas, total) : null]);
      }
      return { name, color: color(name), points };
    });
  }

  function chart(name, title, sub, draw, extra) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "chart");
    svg.setAttribute("data-chart", name);
    svg.setAttribute("viewBox", "0 0 440 160");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title);
    const legend = h("ul", { class: "legend", "data-legend": name });
    const panel = h("section", { class: "panel chart-panel", "data-panel": name }, h("h2", {}, title, h("small", {}, " " + sub)), extra || null, svg, legend);
    const shown = draw(svg);
    if (shown) legend.replaceChildren(...shown.map((s) => { const sw = h("span", { class: "swatch" }); sw.style.background = s.color; return h("li", {}, sw, s.name); }));
    return panel;
  }

  function span() {
    const s = Live.state.samples;
    return s.length > 1 ? Math.max(1, Math.round((s[s.length - 1].at - s[0].at) / 60000)) + " min" : "since now";
  }

  function lines(svg, list, options) {
    const all = list.flatMap((s) => s.points.map((p) => p[0]));
    const to = all.length ? Math.max(...all) : Date.now();
    // at least a minute wide, so a chart with one point yet still reads as time
    const from = Math.min(all.length ? Math.min(...all) : to, to - 60000);
    Charts.lines(svg, list, from, to, options);
    return list;
  }

  /** The type the run-times chart shows ("" for all), kept across redraws for this tab. */
  let latencyType = "";

  /** The run-times chart with its type selector: all types, or one. */
  function latencyChart(samples) {
    const types = keysOf(samples, "durations");
    if (latencyType && !types.includes(latencyType)) types.push(latencyType);
    const sub = () => "percentiles of task run times, " + (latencyType || "all types") + ", ms";
    const select = h("select", { "data-field": "latency-type", "aria-label": "task type of the run times" },
      h("option", { value: "" }, "all types"), types.map((t) => h("option", { value: t, selected: t === latencyType }, t)));
    const out = chart("latency", "Run times", sub(), (svg) => lines(svg, latencies(samples, latencyType), { unit: " ms" }), h("div", { class: "chart-tools" }, select));
    select.addEventListener("change", () => {
      latencyType = select.value;
      out.querySelector("h2 small").textContent = " " + sub();
      lines(out.querySelector("svg"), latencies(samples, latencyType), { unit: " ms" });
    });
    return out;
  }

  function panels(snap) {
    const samples = thin(Live.state.samples);
    const out = [
      chart("throughput", "Throughput", "tasks completed a minute, by type, last " + span(), (svg) => lines(svg, series(samples, "queues", perMinute("completed")))),
      chart("depths", "Queue depth", "ready tasks by type", (svg) => lines(svg, series(Live.state.samples, "queues", ready))),
      chart("hit-rate", "Cache hit rate", "% of lookups answered by the cache", (svg) => lines(svg, series(samples, "cache", hitRate), { max: 100, unit: "%" })),
      latencyChart(samples),
    ];
    if (snap.documents) {
      out.push(chart("documents", "Documents per minute", "completed", (svg) => {
        const values = snap.documents.perMinute;
        Charts.bars(svg, values, `${values.length} min ago`, "now");
        return null;
      }));
    }
    return out;
  }

  return { panels, lines, series, thin, hitRate, color, quantile, chart, latencies };
})();

(() => {
  // A token given in the address (/#token=...) is kept for the tab, then dropped from the address.
  function takeTokenFromAddress() {
    const fragment = new URLSearchParams(location.hash.replace(/^#\/?/, ""));
    if (!fragment.get("token")) return false;
    sessionStorage.setItem("docfleet.token", fragment.get("token").trim());
    history.replaceState(null, "", location.pathname + location.search + "#/");
    return true;
  }
  takeTokenFromAddress();

  Router.add(/^\/$/, Overview);
  for (const [pattern, page] of Pages.routes) Router.add(pattern, page);
  for (const [pattern, page] of WebhookPages.routes) Router.add(pattern, page);
  for (const [pattern, page] of Spend.routes) Router.add(pattern, page);

  const tokenButton = document.querySelector("[data-field=token]");
  const showToken = () => { tokenButton.textContent = Ops.token() ? "token: set" : "token"; tokenButton.dataset.set = Ops.token() ? "yes" : "no"; };
  tokenButton.addEventListener("click", () => Ops.askToken());
  document.addEventListener("ops:token", () => { showToken(); Live.start(); });
  showToken();

  window.addEventListener("hashchange", () => {
    if (takeTokenFromAddress()) {
      showToken();
      Live.start().then(() => Router.show());
    } else {
      Router.show();
    }
  });
  Live.start().then(() => Router.show());
})();
