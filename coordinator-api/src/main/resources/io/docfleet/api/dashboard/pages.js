// The console's pages besides the overview, one per hash route: queues, a queue (ready, in flight,
// delayed and dead lists, paged, with its actions), a task, documents (search), a document, workers,
// a worker, Redis and the provider cache. Each reads the API routes named beside it; a route this
// coordinator does not have yet shows a "not available" note instead of breaking the page.
"use strict";

const Pages = (() => {
  const { h, link, get, api, query, enc, number, percent, bytes, badge, ago, id, table, facts, act, unavailable, failure } = Ops;
  const PAGE_SIZE = 20;

  const header = (title, ...rest) => h("div", { class: "page-head" }, h("h1", {}, title), ...rest);
  const panel = (title, ...content) => h("section", { class: "panel" }, title ? h("h2", {}, title) : null, ...content);
  const button = (label, name, onclick, cls) => h("button", { type: "button", "data-action": name, class: cls, onclick }, label);
  const typeHref = (type, tab, lane, group) => "#/queues/" + enc(type) + (tab ? "?tab=" + tab : "") + (lane ? "&lane=" + lane : "") + (group ? "&group=" + enc(group) : "");
  const taskHref = (type, taskId) => "#/tasks/" + enc(type) + "/" + enc(taskId);
  const docHref = (docId) => "#/documents/" + enc(docId);
  const workerHref = (workerId) => "#/workers/" + enc(workerId);

  /** {@code load()}'s answer, or null when the coordinator has no such route. */
  async function optional(load) {
    try {
      return await load();
    } catch (error) {
      if (error instanceof Ops.ApiError && error.unavailable) return null;
      throw error;
    }
  }

  function pager(ctx, total, offset, base) {
    const at = (o) => base + (base.includes("?") ? "&" : "?") + "offset=" + o;
    return h("div", { class: "pager", "data-field": "pager" },
      offset > 0 ? link(at(Math.max(0, offset - PAGE_SIZE)), "← newer", { "data-page": "prev" }) : h("span", { class: "muted" }, "← newer"),
      h("span", {}, total === 0 ? "none" : `${number(offset + 1)}–${number(Math.min(total, offset + PAGE_SIZE))} of ${number(total)}`),
      offset + PAGE_SIZE < total ? link(at(offset + PAGE_SIZE), "older →", { "data-page": "next" }) : h("span", { class: "muted" }, "older →"));
  }

  // ---- queues: ready tasks wait in three priority lanes (GET answers lanes and pausedLanes)
  const LANES = ["high", "normal", "low"];
  /** "3 high · 10 · 1 low" when a high or low lane has tasks, else "" (an older coordinator has no lanes). */
  const laneFigure = (q) => q.lanes && (q.lanes.high > 0 || q.lanes.low > 0)
    ? `${number(q.lanes.high)} high · ${number(q.lanes.normal)} · ${number(q.lanes.low)} low` : "";
  const pausedLanes = (q) => (q.pausedLanes || []).map((lane) => [" ", badge(lane + " paused", "paused")]);

  function queueTable(queues) {
    return table("queues", [
      { key: "type", label: "type", render: (q) => link(typeHref(q.type), q.type) },
      { key: "ready", label: "ready", render: (q) => number(q.ready), cls: "num" },
      { key: "lanes", label: "lanes", render: (q) => h("span", { class: "muted" }, laneFigure(q)) },
      { key: "groups", label: "groups", render: (q) => q.groupCount ? number(q.groupCount) : "–", cls: "num" },
      { key: "inFlight", label: "in flight", render: (q) => number(q.inFlight), cls: "num" },
      { key: "delayed", label: "delayed", render: (q) => number(q.delayed), cls: "num" },
      { key: "dead", label: "dead", render: (q) => q.dead > 0 ? link(typeHref(q.type, "dead"), number(q.dead), { class: "bad" }) : "0", cls: "num" },
      { key: "oldestWait", label: "oldest wait", render: (q) => q.oldestReadyAgeMs == null ? "–" : Ops.duration(q.oldestReadyAgeMs / 1000) },
      { key: "state", label: "state", render: (q) => [q.paused ? badge("paused") : badge("active"), pausedLanes(q)] },
    ], queues, { empty: "no queues yet", rowAttrs: (q) => ({ "data-queue": q.type }) });
  }

  const queues = {
    name: "queues",
    title: () => "queues",
    async render(ctx) {
      const body = h("div");
      ctx.main.replaceChildren(header("Queues"), panel(null, body));
      await ctx.live(async () => {
        const answer = await get("api/v1/queues");
        if (ctx.active()) body.replaceChildren(queueTable(answer.queues));
      });
    },
  };

  const TABS = [["ready", "ready"], ["inflight", "in flight"], ["delayed", "delayed"], ["dead", "dead"]];

  /** GET /api/v1/queues/{type} when the coordinator has it, else the type's row of the list. */
  async function queueView(type) {
    const own = await optional(() => get("api/v1/queues/" + enc(type)));
    if (own) return own;
    const list = await get("api/v1/queues");
    const found = list.queues.find((q) => q.type === type);
    if (!found) throw new Error("no queue '" + type + "' on this coordinator; known: " + list.queues.map((q) => q.type).join(", "));
    return found;
  }

  function queueHead(type, view) {
    const pauseOrResume = view.paused
      ? button("Resume", "resume", () => act(null, () => api("POST", "api/v1/queues/" + enc(type) + "/resume"),
        (a) => `${a.type} resumed` + (a.changed ? "" : " (it was not paused)")))
      : button("Pause", "pause", () => act(["Pause " + type + "?", "Workers stop starting " + type + " tasks until it is resumed; running ones finish.", "Pause"],
        () => api("POST", "api/v1/queues/" + enc(type) + "/pause"), (a) => `${a.type} paused` + (a.changed ? "" : " (it already was)")));
    const purge = button("Purge ready", "purge-ready", () => act(["Purge the ready tasks of " + type + "?", "Every task of " + type + " not yet started is removed for good.", "Purge"],
      () => api("DELETE", "api/v1/queues/" + enc(type) + "/ready"), (a) => `purged ${number(a.purged)} ready tasks of ${a.type}`), "danger");
    const counters = Object.entries(view.counters || {}).map(([name, value]) => [name, number(value), "counter-" + name]);
    return h("div", {},
      header(type, view.paused ? badge("paused") : badge("active"), pausedLanes(view), h("span", { class: "actions" }, pauseOrResume, purge)),
      h("section", { class: "tiles" },
        ["ready", "inFlight", "delayed", "dead"].map((k) => h("a", { class: "tile", href: typeHref(type, k === "inFlight" ? "inflight" : k), "data-tile": k },
          h("span", { class: "label" }, k === "inFlight" ? "in flight" : k), h("span", { class: "value", "data-field": "queue-" + k }, number(view[k]))))),
      view.lanes ? lanePanel(type, view) : null,
      view.groups ? groupPanel(type, view.groups) : null,
      view.workers ? panel("Workers serving " + type, h("p", { "data-list": "serving" }, view.workers.length ? view.workers.map((w) => [link(workerHref(w), w), " "]) : "none")) : null,
      h("details", { class: "panel" }, h("summary", {}, "Counters"), facts("counters", counters)));
  }

  /** Each priority lane's ready tasks (linked to its ready list), paused or not, and its pause / resume. */
  function lanePanel(type, view) {
    const path = (lane, verb) => "api/v1/queues/" + enc(type) + "/" + verb + "?lane=" + lane;
    const toggle = (lane) => (view.pausedLanes || []).includes(lane)
      ? button("Resume", "resume-lane", () => act(null, () => api("POST", path(lane, "resume")),
        (a) => `${a.type} ${a.lane} lane resumed` + (a.changed ? "" : " (it was not paused)")))
      : button("Pause", "pause-lane", () => act(["Pause the " + lane + " lane of " + type + "?",
        "Workers stop starting " + type + " tasks of the " + lane + " lane until it is resumed; they go on with the other lanes, and running ones finish.", "Pause"],
        () => api("POST", path(lane, "pause")), (a) => `${a.type} ${a.lane} lane paused` + (a.changed ? "" : " (it already was)")));
    return panel("Priority lanes", table("lanes", [
      { key: "lane", label: "lane" },
      { key: "ready", label: "ready", render: (l) => link(typeHref(type, "ready", l.lane), number(l.ready)), cls: "num" },
      { key: "state", label: "state", render: (l) => l.paused ? badge("paused") : badge("active") },
      { key: "actions", label: "", render: (l) => h("span", { class: "row-actions" }, toggle(l.lane)) },
    ], LANES.map((lane) => ({ lane, ready: view.lanes[lane], paused: (view.pausedLanes || []).includes(lane) })),
    { rowAttrs: (l) => ({ "data-lane": l.lane }) }));
  }

  /**
   * The type's groups (GET /api/v1/queues/{type} answers them, largest backlog first): ready per lane, each
   * linked to the group's own list of that lane, running, and the limit on its tasks in flight at once.
   */
  function groupPanel(type, groups) {
    const ready = (lane) => (g) => g.ready[lane] > 0 ? link(typeHref(type, "ready", lane, g.group), number(g.ready[lane])) : "0";
    return panel("Groups", h("p", { class: "muted" }, "Grouped tasks take turns in their lane, one group after another; a group never has more in flight than its limit."),
      table("groups", [
        { key: "group", label: "group", render: (g) => link(typeHref(type, "ready", LANES.find((l) => g.ready[l] > 0) || "normal", g.group), g.group) },
        ...LANES.map((lane) => ({ key: "ready-" + lane, label: lane, render: ready(lane), cls: "num" })),
        { key: "running", label: "running", render: (g) => number(g.running), cls: "num" },
        { key: "limit", label: "limit", render: (g) => g.limit == null ? "–" : number(g.limit), cls: "num" },
      ], groups, { empty: "no group has tasks ready or running", rowAttrs: (g) => ({ "data-group": g.group }) }));
  }

  /** The ready tab's lane choice: a link a lane, so it is bookmarkable and the back button returns. */
  function laneChoice(type, view, lane, group) {
    return h("nav", { class: "lanes", "data-field": "lane-choice", "aria-label": "priority lane" }, "lane",
      LANES.map((l) => link(typeHref(type, "ready", l, group), [l, " ", h("span", { class: "count" }, view.lanes ? number(view.lanes[l]) : "")],
        { "data-lane": l, class: l === lane ? "current" : null, "aria-current": l === lane ? "true" : null })));
  }

  // a lane's ready list holds a turn of the groups for each grouped task: the claim that takes it takes the next group's task
  const taskCell = (type) => (e) => e.turn ? h("span", { class: "muted" }, "a turn of the groups")
    : e.id ? link(taskHref(type, e.id), e.id, { class: "id", title: e.id }) : "(no id)";
  const taskJson = (e) => e.turn ? h("span", { class: "muted" }, "the next group in turn runs one of its " + e.turn + " tasks here")
    : h("code", { class: "json" }, JSON.stringify(e.task || e.raw || {}).slice(0, 160));

  async function tabList(type, tab, offset, lane, group) {
    const ready = tab === "ready";
    const base = "api/v1/queues/" + enc(type) + "/" + tab + query({ lane: ready ? lane : undefined, group: ready ? group : undefined, offset, limit: PAGE_SIZE });
    if (tab !== "dead") {
      const answer = await optional(() => get(base));
      if (!answer) return [null, unavailable("The " + tab + " list", "GET /api/v1/queues/{type}/" + tab)];
      const columns = { ready: [], inflight: [
        { key: "worker", label: "worker", render: (e) => e.worker ? link(workerHref(e.worker), e.worker, { class: "id", title: e.worker }) : "–" },
        { key: "startedAt", label: "started", render: (e) => ago(e.startedAt) },
        { key: "attempts", label: "attempts", render: (e) => number(e.attempts), cls: "num" }],
      delayed: [{ key: "dueAt", label: "due", render: (e) => ago(e.dueAt) }] }[tab];
      return [answer.total, table(tab, [{ key: "id", label: "task", render: taskCell(type) }, ...columns, { key: "task", label: "task JSON", render: taskJson }],
        answer.entries, { rowAttrs: (e) => e.turn ? { "data-turn": e.turn } : { "data-task": e.id || "" } })];
    }
    const answer = await get(base);
    const retry = (ids) => act(null, () => api("POST", "api/v1/queues/" + enc(type) + "/dead/retry", ids ? { ids } : {}),
      (a) => `retried ${number(a.retried)}, skipped ${number(a.skipped)}`);
    const remove = (taskId) => act(["Delete dead letter " + taskId + "?", "The task is dropped for good; it will not run again.", "Delete"],
      () => api("DELETE", "api/v1/queues/" + enc(type) + "/dead/" + enc(taskId)), (a) => `deleted ${number(a.deleted)} dead letter ${a.id}`);
    const rows = table("dead", [
      { key: "id", label: "task", render: taskCell(type) },
      { key: "error", label: "error", render: (e) => e.error, cls: "text" },
      { key: "attempts", label: "attempts", render: (e) => number(e.attempts), cls: "num" },
      { key: "worker", label: "worker", render: (e) => id(e.worker) },
      { key: "failedAt", label: "failed", render: (e) => ago(e.failedAt) },
      { key: "actions", label: "", render: (e) => e.id ? h("span", { class: "row-actions" },
        button("Retry", "retry", () => retry([e.id])), button("Delete", "delete", () => remove(e.id), "danger")) : "" },
    ], answer.entries, { empty: "no dead letters", rowAttrs: (e) => ({ "data-task": e.id || "" }) });
    const tools = h("div", { class: "toolbar" },
      button("Retry all", "retry-all", () => act(["Retry every dead letter of " + type + "?", "Up to 1,000 dead tasks go back to the ready list and run again from their first attempt.", "Retry all"], () =>
        api("POST", "api/v1/queues/" + enc(type) + "/dead/retry", {}), (a) => `retried ${number(a.retried)}, skipped ${number(a.skipped)}`)),
      button("Purge dead", "purge-dead", () => act(["Purge every dead letter of " + type + "?", "They are dropped for good.", "Purge"], () =>
        api("DELETE", "api/v1/queues/" + enc(type) + "/dead"), (a) => `purged ${number(a.purged)} dead letters of ${a.type}`), "danger"));
    return [answer.total, h("div", {}, tools, rows)];
  }

  const queue = {
    name: "queue",
    title: ([type]) => "queue " + type,
    async render(ctx, [type], params) {
      const tab = TABS.some(([t]) => t === params.get("tab")) ? params.get("tab") : "ready";
      const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
      const lane = tab === "ready" && LANES.includes(params.get("lane")) ? params.get("lane") : null;
      const group = tab === "ready" && params.get("group") ? params.get("group") : null;
      const head = h("div"), choice = h("div"), list = h("div", { "data-field": "tab-body" }), paging = h("div");
      const tabs = h("nav", { class: "tabs" }, TABS.map(([t, label]) => link(typeHref(type, t), label, { "data-tab": t, class: t === tab ? "current" : null })));
      ctx.main.replaceChildren(head, tabs, panel(null, choice, list, paging));
      await ctx.live(async () => {
        const [view, [total, content]] = await Promise.all([queueView(type), tabList(type, tab, offset, lane, group)]);
        if (!ctx.active()) return;
        head.replaceChildren(queueHead(type, view));
        choice.replaceChildren(tab === "ready" && view.lanes ? laneChoice(type, view, lane || "normal", group) : "",
          group ? h("p", { "data-field": "group-choice" }, "group ", h("strong", {}, group), "'s own list · ", link(typeHref(type, "ready", lane), "the whole lane")) : "");
        list.replaceChildren(content);
        paging.replaceChildren(total === null ? "" : pager(ctx, total, offset, typeHref(type, tab, lane, group)));
      });
    },
  };

  // ---- a task
  const task = {
    name: "task",
    title: ([type, taskId]) => "task " + type + "/" + taskId,
    async render(ctx, [type, taskId]) {
      const body = h("div");
      ctx.main.replaceChildren(header("Task " + taskId, h("span", { class: "muted" }, "of ", link(typeHref(type), type))), body);
      await ctx.live(async () => {
        const t = await optional(() => get("api/v1/tasks/" + enc(type) + "/" + enc(taskId)));
        if (!ctx.active()) return;
        if (!t) {
          body.replaceChildren(unavailable("The task page", "GET /api/v1/tasks/{type}/{id}"),
            h("p", {}, "Its dead letter, if it has one, is on ", link(typeHref(type, "dead"), "the queue's dead list"), "."));
          return;
        }
        const actions = t.location === "dead" ? h("div", { class: "toolbar" },
          button("Retry", "retry", () => act(null, () => api("POST", "api/v1/queues/" + enc(type) + "/dead/retry", { ids: [taskId] }),
            (a) => `retried ${number(a.retried)}, skipped ${number(a.skipped)}`))) : null;
        body.replaceChildren(
          panel("State", facts("task", [["status", badge(t.status)], ["location", t.location], ["worker", t.worker ? link(workerHref(t.worker), t.worker) : undefined],
            ["due", t.dueAt ? ago(t.dueAt) : undefined], ["note", t.note], ["error", t.dead ? t.dead.error : undefined], ["failed", t.dead ? ago(t.dead.failedAt) : undefined],
            ["attempts", t.dead ? number(t.dead.attempts) : undefined]]), actions),
          panel("Timeline", table("timeline", [{ key: "at", label: "when", render: (e) => ago(e.at) }, { key: "event", label: "event" }, { key: "detail", label: "detail", cls: "text" }],
            t.timeline || [], { empty: "no events recorded" })),
          t.record && t.record.error_trace ? panel("Stack summary", h("p", { class: "muted" }, "where the handler threw, its last failed attempt: the exception, its top frames and causes"),
            h("pre", { class: "trace", "data-field": "error-trace" }, t.record.error_trace)) : null,
          panel("Record", t.record ? facts("record", Object.entries(t.record).filter(([k]) => k !== "error_trace").map(([k, v]) => [k, recordValue(k, v)])) : h("p", { class: "muted" }, "no record")),
          panel("Task", h("pre", { class: "json" }, JSON.stringify(t.task, null, 2))));
      });
    },
  };

  /** A record's field: its times (epoch ms, names ending in "at") as relative times. */
  function recordValue(key, value) {
    if (/(^|_)at$|At$/.test(key) && /^\d{12,}$/.test(String(value))) return ago(Number(value));
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  }

  // ---- documents: search (GET /api/v1/documents when the coordinator has it, else open by id)
  const STATUSES = ["", "queued", "processing", "completed", "failed"];
  const docColumns = [
    { key: "id", label: "document", render: (d) => link(docHref(d.id), d.id, { class: "id", title: d.id }) },
    { key: "name", label: "name", render: (d) => d.name, cls: "text" },
    { key: "status", label: "status", render: (d) => badge(d.status) },
    { key: "stage", label: "stage", render: (d) => d.stage },
    { key: "sizeBytes", label: "size", render: (d) => bytes(d.sizeBytes), cls: "num" },
    { key: "attempts", label: "attempts", render: (d) => number(d.attempts), cls: "num" },
    { key: "createdAt", label: "created", render: (d) => ago(d.createdAt) },
    { key: "error", label: "error", render: (d) => d.error || "", cls: "text" },
  ];

  const documents = {
    name: "documents",
    title: () => "documents",
    async render(ctx, _, params) {
      const field = (name, attrs) => h("input", { name, value: params.get(name) || "", ...attrs });
      const status = h("select", { name: "status" }, STATUSES.map((s) => h("option", { value: s, selected: s === (params.get("status") || "") }, s || "any status")));
      const form = h("form", { class: "search", "data-form": "documents" },
        field("q", { placeholder: "id or name", "aria-label": "id or name", type: "search" }), status,
        field("source", { placeholder: "source", "aria-label": "source" }),
        field("from", { placeholder: "from (ISO)", "aria-label": "created from" }), field("to", { placeholder: "to (ISO)", "aria-label": "created to" }),
        h("button", { type: "submit", "data-action": "search" }, "Search"));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const values = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v));
        location.hash = "#/documents" + query(values);
      });
      const results = h("div", { "data-field": "results" });
      ctx.main.replaceChildren(header("Documents"), panel(null, form, results));
      const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
      const filters = Object.fromEntries(["q", "status", "source", "from", "to"].map((k) => [k, params.get(k)]));
      await ctx.live(async () => {
        let content;
        try {
          const answer = await optional(() => get("api/v1/documents" + query({ ...filters, offset, limit: PAGE_SIZE })));
          content = answer ? [table("documents", docColumns, answer.entries, { empty: "no document matches", rowAttrs: (d) => ({ "data-document": d.id }) }),
            pager(ctx, answer.total, offset, "#/documents" + query(filters))] : await byId(filters.q);
        } catch (error) {
          content = [failure(error)];
        }
        if (ctx.active()) results.replaceChildren(...content);
      });
    },
  };

  /** Without the search route: the document whose id is {@code q}, if there is one. */
  async function byId(q) {
    const note = unavailable("Searching documents", "GET /api/v1/documents");
    if (!q) return [note, h("p", {}, "Type a document's id to open it.")];
    try {
      const d = await get("api/v1/documents/" + enc(q));
      return [note, table("documents", docColumns, [d], { rowAttrs: (r) => ({ "data-document": r.id }) })];
    } catch (error) {
      return [note, error.status === 404 ? h("p", {}, "No document has the id " + q + ".") : failure(error)];
    }
  }

  // ---- a document
  /** A stage's run time: its duration, or how long it has run so far, or "–". */
  function stageTime(s) {
    const ms = s.durationMs;
    if (ms != null) return ms < 1000 ? number(ms) + " ms" : ms < 60000 ? (ms / 1000).toFixed(1) + " s" : Ops.duration(ms / 1000);
    return s.startedAt && !s.endedAt ? h("span", {}, "running for ", ago(s.startedAt)) : "–";
  }

  const stageColumns = [
    { key: "stage", label: "stage" },
    { key: "status", label: "status", render: (s) => badge(s.status, s.status === "done" ? "completed" : s.status) },
    { key: "engine", label: "engine", render: (s) => s.engine ? h("span", { title: "settings " + (s.settingsVersion || "–") }, s.engine + (s.engineVersion ? " " + s.engineVersion : "")) : "–" },
    { key: "startedAt", label: "started", render: (s) => ago(s.startedAt) },
    { key: "endedAt", label: "ended", render: (s) => ago(s.endedAt) },
    { key: "duration", label: "took", render: stageTime, cls: "num" },
    { key: "error", label: "error", render: (s) => s.error || "", cls: "text" },
  ];
  /** With why a waiting stage waits (a spent budget, a rate limit, a provider's job), as text. */
  const waitingColumn = { key: "waitingFor", label: "waiting for", render: (s) => s.waitingFor || "", cls: "text" };
  const stageColumnsFor = (stages) => stages.some((s) => s.waitingFor)
    ? [...stageColumns.slice(0, 2), waitingColumn, ...stageColumns.slice(2)] : stageColumns;

  /** A JSON value as nested definition lists: objects by key, lists by position, scalars as text. */
  function definitions(value) {
    if (value === null || value === undefined) return h("span", { class: "muted" }, "none");
    if (Array.isArray(value)) {
      if (value.length === 0) return h("span", { class: "muted" }, "none");
      if (value.every((v) => v === null || typeof v !== "object")) return value.map(String).join(", ");
      return h("ol", { class: "values" }, value.map((v) => h("li", {}, definitions(v))));
    }
    if (typeof value === "object") {
      const entries = Object.entries(value);
      if (entries.length === 0) return h("span", { class: "muted" }, "none");
      return h("dl", { class: "definitions" }, entries.map(([k, v]) => [h("dt", { "data-key": k }, k.replace(/_/g, " ")), h("dd", { "data-key": k }, definitions(v))]));
    }
    return String(value);
  }

  const entityColumns = [
    { key: "type", label: "type", render: (e) => e.type.replace(/_/g, " ") },
    { key: "text", label: "text", cls: "text" },
    { key: "start", label: "start", render: (e) => number(e.start), cls: "num" },
    { key: "end", label: "end", render: (e) => number(e.end), cls: "num" },
    { key: "extractor", label: "extractor" },
  ];

  /** The entities and structured results of GET .../result (which needs the token), or why not. */
  async function resultPanels(path, box) {
    if (!Ops.token()) {
      box.replaceChildren(h("p", { class: "note", "data-note": "needs-token" },
        "The entities and the structured result are the document's content: GET " + path.replace(/^api/, "/api") + "/result needs a token, and this tab has none. ",
        h("button", { type: "button", class: "linkish", onclick: () => Ops.askToken() }, "Enter a token")));
      return;
    }
    let r;
    try {
      r = await get(path + "/result");
    } catch (error) {
      box.replaceChildren(failure(error));
      return;
    }
    const structured = (r.structured || []).map((s) => h("section", { class: "structured", "data-structured": s.extractor },
      h("h3", {}, s.extractor, h("small", { class: "muted" }, " schema v" + s.schemaVersion)), definitions(s.result)));
    box.replaceChildren(
      panel("Entities" + (r.complete ? "" : " (so far)"), table("entities", entityColumns, r.entities || [],
        { empty: "no entities found", rowAttrs: (e) => ({ "data-entity": e.type }) })),
      panel("Structured result", structured.length ? structured : h("p", { class: "muted" }, "no structured result yet"),
        h("details", { class: "raw", "data-field": "raw-result" }, h("summary", { "data-action": "raw-json" }, "raw JSON"),
          h("pre", { class: "json" }, JSON.stringify(r, null, 2)))));
  }

  const document_ = {
    name: "document",
    title: ([docId]) => "document " + docId,
    async render(ctx, [docId]) {
      const body = h("div"), resultBox = h("div", { "data-field": "result" });
      const path = "api/v1/documents/" + enc(docId);
      const actions = h("span", { class: "actions" },
        button("Reprocess", "reprocess", () => act(["Reprocess " + docId + "?", "It runs every stage again; the provider cache may answer them.", "Reprocess"],
          () => api("POST", path + "/reprocess", {}), (a) => `queued again as task ${a.taskId}`)),
        button("Reprocess, drop cache", "reprocess-fresh", () => act(["Reprocess " + docId + " without its cache?", "Its cache entries are dropped first, so every provider is called again (and billed).", "Reprocess"],
          () => api("POST", path + "/reprocess", { invalidateCache: true }), (a) => `queued again as task ${a.taskId}; ${number(a.cacheKeysRemoved)} cache keys removed`), "danger"),
        button("Drop cache", "drop-cache", () => act(["Drop the cache of " + docId + "?", "Its provider results are removed from the cache; the next run calls the providers again.", "Drop"],
          () => api("DELETE", path + "/cache"), (a) => `removed ${number(a.keysRemoved)} keys (${number(a.cacheKeysRemoved)} cache entries)`), "danger"));
      ctx.main.replaceChildren(header("Document " + docId, actions), body, resultBox);
      let resultFor = null;
      const load = async () => {
        const d = await get(path);
        if (!ctx.active()) return;
        const stages = Object.entries(d.stages || {}).map(([stage, s]) => ({ stage, ...s }));
        const tasks = d.tasks || null;
        body.replaceChildren(
          panel("State", facts("document", [["name", d.name], ["status", badge(d.status)], ["stage", d.stage], ["progress", d.progress + "%"],
            ["attempts", number(d.attempts)], ["error", d.error || undefined], ["source", d.source], ["media type", d.mediaType], ["size", bytes(d.sizeBytes)],
            ["sha256", id(d.sha256 || "")], ["created", ago(d.createdAt)], ["updated", ago(d.updatedAt)], ["completed", d.completedAt ? ago(d.completedAt) : "–"],
            ["provider calls", number(d.providerCalls)], ["cache hits", number(d.cacheHits)]].map(([l, v]) => [l, v, l.replace(/ /g, "-")]))),
          panel("Stages", table("stages", stageColumnsFor(stages), stages, { empty: "no stage has run yet", rowAttrs: (s) => ({ "data-stage": s.stage }) })),
          panel("Tasks", tasks ? table("tasks", [{ key: "type", label: "type" }, { key: "id", label: "task", render: (t) => link(taskHref(t.type, t.id), t.id, { class: "id", title: t.id }) }], tasks)
            : h("p", { class: "muted" }, "This coordinator does not list a document's tasks.")));
        // the result is read again only when the document's state moved on (or a token came)
        const key = d.status + "@" + d.updatedAt + "@" + Boolean(Ops.token());
        if (key !== resultFor) {
          resultFor = key;
          await resultPanels(path, resultBox);
        }
        document.body.dataset.documentStatus = d.status + "@" + (d.completedAt || d.updatedAt);
      };
      ctx.onDocument((event) => { if (event.documentId === docId) load(); });
      await ctx.live(load);
    },
  };

  // ---- workers
  const workerColumns = [
    { key: "id", label: "worker", render: (w) => link(workerHref(w.id), w.id, { class: "id", title: w.id }) },
    { key: "status", label: "status", render: (w) => badge(w.status) },
    { key: "host", label: "host", render: (w) => id(w.host || "") },
    { key: "types", label: "types", render: (w) => w.capabilities.join(", ") },
    { key: "concurrency", label: "concurrency", render: (w) => w.concurrency },
    { key: "inFlight", label: "in flight", render: (w) => number(w.inFlight), cls: "num" },
    { key: "completed", label: "done", render: (w) => number(w.completed), cls: "num" },
    { key: "failed", label: "failed", render: (w) => number(w.failed), cls: "num" },
    { key: "heartbeat", label: "heartbeat", render: (w) => w.lastHeartbeat ? ago(w.lastHeartbeat) : "lapsed" },
    { key: "started", label: "started", render: (w) => ago(w.startedAt) },
    { key: "version", label: "version", render: (w) => w.version || "older" },
    { key: "protocol", label: "protocol", render: (w) => String(w.protocol), cls: "num" },
  ];

  const workers = {
    name: "workers",
    title: () => "workers",
    async render(ctx) {
      const body = h("div");
      ctx.main.replaceChildren(header("Workers"), panel(null, body));
      await ctx.live(async () => {
        const answer = await get("api/v1/workers");
        if (ctx.active()) body.replaceChildren(table("workers", workerColumns, answer.workers, { empty: "no workers registered", rowAttrs: (w) => ({ "data-worker": w.id, class: w.status === "lost" ? "lost" : null }) }));
      });
    },
  };

  /**
   * A worker's tasks completed a minute over the feed's history, from the completed count its
   * heartbeat publishes, sampled into each history point ({@code workers}).
   */
  function throughputPanel(workerId) {
    const samples = Charts2.thin(Live.state.samples.filter((x) => x.workers && x.workers[workerId] !== undefined));
    const points = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1], b = samples[i];
      if (b.at > a.at) points.push([b.at, Math.max(0, b.workers[workerId] - a.workers[workerId]) * 60000 / (b.at - a.at)]);
    }
    const done = samples.length > 1 ? Math.max(0, samples[samples.length - 1].workers[workerId] - samples[0].workers[workerId]) : null;
    const minutes = samples.length > 1 ? Math.max(1, Math.round((samples[samples.length - 1].at - samples[0].at) / 60000)) : 0;
    return Charts2.chart("worker-throughput", "Throughput", "tasks this worker completed a minute" + (minutes ? ", last " + minutes + " min" : ""), (svg) => {
      Charts2.lines(svg, [{ name: "completed", color: Charts2.color("ocr"), points }]);
      return null;
    }, h("p", { class: "muted", "data-field": "worker-completed-window" },
      done === null ? "no samples of this worker yet: the chart fills as the feed samples it" : number(done) + " tasks completed over the last " + minutes + " min"));
  }

  const worker = {
    name: "worker",
    title: ([workerId]) => "worker " + workerId,
    async render(ctx, [workerId]) {
      const body = h("div");
      ctx.main.replaceChildren(header("Worker " + workerId), body);
      await ctx.live(async () => {
        const own = await optional(() => get("api/v1/workers/" + enc(workerId)));
        const w = own || (await get("api/v1/workers")).workers.find((x) => x.id === workerId);
        if (!ctx.active()) return;
        if (!w) { body.replaceChildren(h("p", {}, "No worker " + workerId + " is registered.")); return; }
        body.replaceChildren(
          panel("Registration", facts("worker", [["status", badge(w.status)], ["host", w.host], ["pid", String(w.pid)], ["types", w.capabilities.join(", ")],
            ["concurrency", w.concurrency], ["started", ago(w.startedAt)], ["heartbeat", w.lastHeartbeat ? ago(w.lastHeartbeat) : "lapsed"],
            ["in flight", number(Array.isArray(w.inFlight) ? w.inFlightCount : w.inFlight)], ["completed", number(w.completed)], ["failed", number(w.failed)], ["version", w.version || "older than the version field"], ["protocol", String(w.protocol)],
            ["http port", w.httpPort == null ? undefined : String(w.httpPort)]])),
          h("section", { class: "charts" }, throughputPanel(workerId),
          panel("Running now", own ? table("inflight", [{ key: "type", label: "type", render: (t) => link(typeHref(t.type), t.type) },
            { key: "id", label: "task", render: (t) => link(taskHref(t.type, t.id), t.id, { class: "id", title: t.id }) },
            { key: "startedAt", label: "started", render: (t) => ago(t.startedAt) }, { key: "attempts", label: "attempts", render: (t) => number(t.attempts), cls: "num" }],
          own.inFlight || [], { empty: "nothing in flight" }) : unavailable("A worker's in-flight tasks", "GET /api/v1/workers/{id}"))));
      });
    },
  };

  // ---- Redis: both servers' figures and keys by pattern, as GET /api/v1/health has them
  const FIGURES = [
    ["status", "status", (r) => r.status === "ok" ? badge("ok", "active") : badge(r.status, r.status === "disabled" ? "paused" : "failed")],
    ["uptime", "uptime", (r) => Ops.duration(r.uptimeSeconds)],
    ["memory", "memory used", (r) => bytes(r.memory.usedBytes) + (r.memory.maxBytes > 0 ? " of " + bytes(r.memory.maxBytes) + " (" + percent(r.memory.usedRatio) + ")" : " (no limit)")],
    ["peak", "memory peak", (r) => bytes(r.memory.peakBytes)],
    ["policy", "maxmemory-policy", (r) => r.maxmemoryPolicy],
    ["ops", "ops/s", (r) => number(r.opsPerSecond)],
    ["hitRate", "keyspace hit rate", (r) => r.keyspaceHitRate == null ? "–" : percent(r.keyspaceHitRate)],
    ["evicted", "evicted keys", (r) => number(r.evictedKeys)],
    ["clients", "clients", (r) => number(r.clients.connected) + " (" + number(r.clients.blocked) + " blocked)"],
    ["keys", "keys in the database", (r) => number(r.keys.total)],
  ];

  function redisPanels(health) {
    const queueRedis = health.redis, cacheRedis = health.cache, shared = cacheRedis.sharedWithQueue;
    const figure = (section, render, name) => name === "status" ? render(section)
      : section.status !== "ok" ? (section.status === "disabled" ? "off" : "–") : render(section);
    const figures = FIGURES.map(([name, label, render]) => ({ name, label, render }));
    const servers = table("redis", [{ key: "label", label: "", render: (f) => f.label, cls: "label" },
      { key: "queue", label: "queue", render: (f) => figure(queueRedis, f.render, f.name) },
      { key: "cache", label: shared ? "cache (the queue's)" : "cache", render: (f) => figure(cacheRedis, f.render, f.name) }],
    figures, { rowAttrs: (f) => ({ "data-figure": f.name }) });
    for (const td of servers.querySelectorAll("td[data-col=queue]")) td.dataset.redis = "queue";
    for (const td of servers.querySelectorAll("td[data-col=cache]")) td.dataset.redis = "cache";
    const keys = queueRedis.keys || {};
    const cacheKeys = cacheRedis.status === "ok" && !shared ? cacheRedis.keys : null;
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
    const families = table("keys", [{ key: "family", label: "family", render: (r) => r.name }, { key: "pattern", label: "pattern", render: (r) => h("code", {}, r.pattern) },
      { key: "queue", label: "queue", render: (r) => r.counts[0] == null ? "–" : number(r.counts[0]), cls: "num" },
      { key: "cache", label: "cache", render: (r) => shared ? "(queue's)" : r.counts[1] == null ? "–" : number(r.counts[1]), cls: "num" }],
    shown, { empty: "not counted yet", rowAttrs: (r) => ({ "data-family": r.name }) });
    const counted = keys.countedAt ? [ago(keys.countedAt), keys.complete === false ? (keys.scaled ? " (cut short, scaled)" : " (cut short, at least)") : ""] : "–";
    return [panel("Servers", servers), panel("Keys by pattern", h("p", { class: "muted" }, "counted with SCAN ", h("span", { "data-field": "keys-counted" }, counted)), families)];
  }

  const redis = {
    name: "redis",
    title: () => "Redis",
    async render(ctx) {
      const body = h("div");
      ctx.main.replaceChildren(header("Redis", h("span", { class: "muted" }, "the queue's and the cache's servers · ", link("redis", "raw JSON"))), body);
      await ctx.live(async () => {
        const health = await get("api/v1/health");
        if (ctx.active()) body.replaceChildren(...redisPanels(health));
      });
    },
  };

  // ---- the provider cache
  const cache = {
    name: "cache",
    title: () => "cache",
    async render(ctx) {
      const body = h("div");
      const docInput = h("input", { name: "documentId", placeholder: "document id", "aria-label": "document id" });
      const invalidate = h("form", { class: "search", "data-form": "invalidate" }, docInput, h("button", { type: "submit", "data-action": "invalidate", class: "danger" }, "Invalidate"));
      invalidate.addEventListener("submit", (e) => {
        e.preventDefault();
        const docId = docInput.value.trim();
        if (!docId) return;
        act(["Invalidate the cache of " + docId + "?", "Its provider results are removed; its next run calls the providers again.", "Invalidate"],
          () => api("POST", "api/v1/cache/invalidate", { documentId: docId }), (a) => `removed ${number(a.keysRemoved)} keys of ${a.documentId}`);
      });
      ctx.main.replaceChildren(header("Provider cache"), body, panel("Invalidate a document's entries", invalidate));
      await ctx.live(async () => {
        const [metrics, top] = await Promise.all([get("api/v1/cache/metrics"), optional(() => get("api/v1/cache/documents?limit=20"))]);
        if (!ctx.active()) return;
        const rows = Object.entries(metrics.byType).map(([type, c]) => ({ type, ...c }));
        rows.push({ type: "total", ...metrics.total });
        const rateCell = (c) => { const bar = h("span", { class: "rate" }); bar.style.width = Math.round(c.hitRate * 80) + "px"; return h("span", {}, percent(c.hitRate), bar); };
        const chartPanel = Charts2.panels({ documents: null })[2];
        body.replaceChildren(
          metrics.enabled ? "" : h("p", { class: "note" }, "The cache is disabled on this coordinator."),
          panel("By type", table("cache", [{ key: "type", label: "type" }, { key: "hits", label: "hits", render: (c) => number(c.hits), cls: "num" },
            { key: "misses", label: "misses", render: (c) => number(c.misses), cls: "num" }, { key: "errors", label: "errors", render: (c) => number(c.errors), cls: "num" },
            { key: "timeouts", label: "timeouts", render: (c) => number(c.timeouts), cls: "num" }, { key: "hitRate", label: "hit rate", render: rateCell }],
          rows, { rowAttrs: (c) => ({ "data-cache": c.type }) })),
          chartPanel,
          panel("Documents that avoided the most provider calls", top ? [table("top", [
            { key: "id", label: "document", render: (d) => link(docHref(d.id), d.id, { class: "id", title: d.id }) }, { key: "name", label: "name", cls: "text" },
            { key: "cacheHits", label: "cache hits", render: (d) => number(d.cacheHits), cls: "num" }, { key: "providerCalls", label: "provider calls", render: (d) => number(d.providerCalls), cls: "num" }],
          top.entries, { empty: "none yet" }), h("p", { class: "muted" }, "among the " + number(top.among) + " most recent completed documents")]
            : unavailable("The top documents", "GET /api/v1/cache/documents")));
      });
    },
  };

  const routes = [
    [/^\/queues$/, queues], [/^\/queues\/([^/]+)$/, queue], [/^\/tasks\/([^/]+)\/([^/]+)$/, task],
    [/^\/documents$/, documents], [/^\/documents\/([^/]+)$/, document_], [/^\/workers$/, workers],
    [/^\/workers\/([^/]+)$/, worker], [/^\/redis$/, redis], [/^\/cache$/, cache],
  ];

  return { routes, queueTable, parts: { header, panel, optional } };
})();
