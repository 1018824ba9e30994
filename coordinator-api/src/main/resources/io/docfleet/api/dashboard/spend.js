// The console's spend, from GET /api/v1/spend (the spend ledger): the overview's Spend panel (spent
// and saved today and this month, this month by provider, and the last 30 days' spend as bars) and
// the Spend page (#/spend?from=&to=&by=: any range of UTC days, grouped as asked). Both show the
// budgets in force (GET /api/v1/spend/budgets: the fleet's and each group's, what its UTC period has
// spent, reached or not) when one is set. Money is shown as the API sends it, an exact decimal
// string; only a bar's length is a float. The overview is drawn again on every snapshot: the panel
// reads the ledger and the budgets at most once a minute and is drawn from what it read; a failed
// budgets read is said in one line and leaves the spend figures drawn.
"use strict";

const Spend = (() => {
  const { h, link, get, query, number, percent, badge, id, table, facts, unavailable, failure } = Ops;
  const REFRESH_MS = 60000;
  const DAY_MS = 86400000;
  const DIMENSIONS = ["day", "provider", "operation", "model", "group", "document"];
  const FREE = "Local engines (Tesseract, the PDF text layer, the rule-based extractors) cost nothing and are not recorded; "
    + "Textract and OpenAI calls are, and so are the calls a cache hit avoided (saved).";

  const usd = (text) => text === undefined || text === null ? "–" : "$" + text;
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
  const unitText = (units) => Object.entries(units || {}).map(([name, n]) => name + " " + number(n)).join(", ") || "–";

  // ---- the budgets in force: a table when one is set, else nothing (the page: one muted line)
  const BUDGETS = "api/v1/spend/budgets";
  const SET_ONE = "No provider budget is set: the fleet's with PUT /" + BUDGETS + " (or PROVIDER_BUDGET_DAILY_USD / _MONTHLY_USD), "
    + "a group's with PUT /api/v1/groups/<group>.";

  /** The budgets' answer, or {error}: a failed read is drawn as a note, never thrown at the panel. */
  const readBudgets = () => get(BUDGETS).catch((error) => ({ error }));

  /** The share of its budget a period has spent: 1 for a budget of 0 that is reached. */
  const share = (use) => Number(use.budgetUsd) > 0 ? Number(use.spentUsd) / Number(use.budgetUsd) : use.reached ? 1 : 0;

  function usedCell(use) {
    const bar = h("span", { class: "rate" });
    bar.style.width = Math.round(Math.min(1, share(use)) * 80) + "px";
    return h("span", {}, percent(share(use)), bar, use.reached ? [" ", badge("reached")] : null);
  }

  /** The table of budgets, or a note why they are not shown; null when none is set and {@code quiet}. */
  function budgets(answer, quiet) {
    if (answer.error) {
      return answer.error instanceof Ops.ApiError && answer.error.unavailable
        ? unavailable("The budgets", "GET /" + BUDGETS) : failure(answer.error);
    }
    if (answer.uses.length === 0) return quiet ? null : h("p", { class: "muted", "data-note": "no-budget" }, SET_ONE);
    return table("budgets", [
      { key: "scope", label: "scope", render: (u) => u.scope === "group" ? id(u.group) : "the fleet" },
      { key: "period", label: "period" },
      { key: "budget", label: "budget", render: (u) => usd(u.budgetUsd), cls: "num" },
      { key: "spent", label: "spent", render: (u) => usd(u.spentUsd), cls: "num" },
      { key: "used", label: "used", render: usedCell },
    ], answer.uses, { rowAttrs: (u) => ({ "data-scope": u.scope, "data-group": u.group, "data-period": u.period, class: u.reached ? "reached" : null }) });
  }

  // ---- the overview's panel
  const read = { at: 0, loading: null, data: null, error: null };

  async function load() {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const first = today - 29 * DAY_MS;
    const [month, days, limits] = await Promise.all([
      get("api/v1/spend" + query({ by: "provider" })),
      get("api/v1/spend" + query({ from: isoDay(first), to: isoDay(today + DAY_MS), by: "day" })),
      readBudgets()]);
    return { month, days, limits, today: isoDay(today), first };
  }

  function refresh() {
    if (read.loading || Date.now() - read.at < REFRESH_MS) return;
    read.loading = load()
      .then((data) => { read.data = data; read.error = null; })
      .catch((error) => { read.error = error; })
      .finally(() => {
        read.at = Date.now();
        read.loading = null;
        for (const node of document.querySelectorAll("[data-panel=spend]")) node.replaceWith(panel());
      });
  }

  function daysChart(data) {
    const byDay = new Map(data.days.rows.map((r) => [r.day, Number(r.spentUsd)]));
    const values = [];
    for (let i = 0; i < 30; i++) values.push(byDay.get(isoDay(data.first + i * DAY_MS)) || 0);
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "chart");
    svg.setAttribute("data-chart", "spend-days");
    svg.setAttribute("viewBox", "0 0 440 120");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "spent a day, the last 30 days");
    Charts.bars(svg, values, isoDay(data.first).slice(5), "today", { money: true, what: "spent" });
    return svg;
  }

  function figures(data) {
    const today = data.days.rows.find((r) => r.day === data.today) || { spentUsd: "0.00", savedUsd: "0.00" };
    const month = data.month;
    const empty = month.calls === 0 && month.cachedCalls === 0;
    return [
      facts("spend", [
        ["spent today", usd(today.spentUsd), "spent-today"], ["saved today", usd(today.savedUsd), "saved-today"],
        ["spent this month", usd(month.spentUsd), "spent-month"], ["saved this month", usd(month.savedUsd), "saved-month"]]),
      [budgets(data.limits, true)].filter(Boolean).map((node) => [h("h3", {}, "Budgets"), node]),
      empty ? h("p", { class: "muted", "data-note": "no-spend" }, "No provider call recorded this month. " + FREE)
        : table("spend-providers", [
          { key: "provider", label: "provider" },
          { key: "spent", label: "spent", render: (r) => usd(r.spentUsd), cls: "num" },
          { key: "saved", label: "saved", render: (r) => usd(r.savedUsd), cls: "num" },
          { key: "calls", label: "calls", render: (r) => number(r.calls), cls: "num" },
          { key: "cachedCalls", label: "cache hits", render: (r) => number(r.cachedCalls), cls: "num" },
        ], month.rows, { rowAttrs: (r) => ({ "data-provider": r.provider }) }),
      h("h3", {}, "Spent a day, last 30 days"),
      daysChart(data)];
  }

  /** The overview's Spend panel, drawn from the last read (a new read starts when it is stale). */
  function panel() {
    refresh();
    let body;
    if (read.error) {
      body = read.error instanceof Ops.ApiError && read.error.unavailable
        ? unavailable("The spend ledger", "GET /api/v1/spend") : failure(read.error);
    } else {
      body = read.data ? figures(read.data) : h("p", { class: "muted" }, "Reading the spend ledger…");
    }
    return h("section", { class: "panel", "data-panel": "spend" },
      h("h2", {}, "Spend", h("small", {}, " USD, UTC days, from the spend ledger")), body,
      link("#/spend", "spend by day, provider, group →", { "data-link": "spend" }));
  }

  // ---- the page
  const figureColumns = [
    { key: "spent", label: "spent", render: (r) => usd(r.spentUsd), cls: "num" },
    { key: "saved", label: "saved", render: (r) => usd(r.savedUsd), cls: "num" },
    { key: "calls", label: "calls", render: (r) => number(r.calls), cls: "num" },
    { key: "cachedCalls", label: "cache hits", render: (r) => number(r.cachedCalls), cls: "num" },
    { key: "units", label: "units billed", render: (r) => unitText(r.units), cls: "text" },
    { key: "cachedUnits", label: "units saved", render: (r) => unitText(r.cachedUnits), cls: "text" },
  ];

  function form(params, by) {
    const day = (name, label) => h("label", {}, label + " ", h("input", { type: "date", name, value: params.get(name) || "", "aria-label": label }));
    const boxes = DIMENSIONS.map((d) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "by", value: d, checked: by.includes(d) }), " " + d));
    const node = h("form", { class: "search", "data-form": "spend" }, day("from", "from"), day("to", "to (excluded)"),
      h("span", {}, "by ", boxes), h("button", { type: "submit", "data-action": "show" }, "Show"));
    node.addEventListener("submit", (e) => {
      e.preventDefault();
      const values = new FormData(node);
      location.hash = "#/spend" + query({ from: values.get("from"), to: values.get("to"), by: values.getAll("by").join(",") || "none" });
    });
    return node;
  }

  function sheet(answer) {
    const key = (d) => (r) => r[d] === null ? h("span", { class: "muted" }, "none") : d === "document" ? Ops.link("#/documents/" + Ops.enc(r[d]), r[d], { class: "id", title: r[d] }) : r[d];
    const keyColumns = answer.by.map((d) => ({ key: d, label: d, render: key(d) }));
    return [
      facts("spend-totals", [
        ["range", answer.from + " to " + answer.to + " (UTC, the last day excluded)", "range"],
        ["spent", usd(answer.spentUsd), "spent"], ["saved", usd(answer.savedUsd), "saved"],
        ["calls", number(answer.calls), "calls"], ["cache hits", number(answer.cachedCalls), "cached-calls"],
        ["units billed", unitText(answer.units), "units"], ["units saved", unitText(answer.cachedUnits), "cached-units"]]),
      answer.calls === 0 && answer.cachedCalls === 0 ? h("p", { class: "muted", "data-note": "no-spend" }, "No provider call recorded in this range. " + FREE) : null,
      answer.truncated ? h("p", { class: "note", "data-note": "truncated" }, `The ${number(answer.rows.length)} costliest of ${number(answer.groups)} rows; the totals cover them all.`) : null,
      answer.by.length ? table("spend", [...keyColumns, ...figureColumns], answer.rows, { empty: "no provider call in this range" }) : null];
  }

  const page = {
    name: "spend",
    title: () => "spend",
    async render(ctx, _, params) {
      const asked = params.get("by");
      const by = asked === null ? ["day", "provider"] : asked === "none" ? [] : asked.split(",");
      const results = h("div", { "data-field": "results" }, h("p", { class: "muted" }, "Reading the spend ledger…"));
      const limits = h("div", { "data-field": "budgets" }, h("p", { class: "muted" }, "Reading the budgets…"));
      ctx.main.replaceChildren(Pages.parts.header("Spend"), Pages.parts.panel("Budgets", limits), Pages.parts.panel(null, form(params, by), results));
      const budgetsRead = readBudgets();
      let content;
      try {
        const answer = await Pages.parts.optional(() => get("api/v1/spend" + query({ from: params.get("from"), to: params.get("to"), by: by.join(",") })));
        content = answer ? sheet(answer) : [unavailable("The spend ledger", "GET /api/v1/spend")];
      } catch (error) {
        content = [failure(error)];
      }
      const limitsContent = budgets(await budgetsRead, false);
      if (!ctx.active()) return;
      limits.replaceChildren(limitsContent);
      results.replaceChildren(...content.filter(Boolean));
    },
  };

  return { panel, routes: [[/^\/spend$/, page]] };
})();
