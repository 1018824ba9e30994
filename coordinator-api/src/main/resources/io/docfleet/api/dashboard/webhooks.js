// The console's Webhooks page (#/webhooks): the webhook deliveries per destination, the callback
// URLs' origins (scheme://host[:port], never a path or query), most failed attempts first, from
// GET /api/v1/webhooks/destinations, re-read on every snapshot. An older coordinator without the
// route shows the "not available" note.
"use strict";

const WebhookPages = (() => {
  const { h, get, number, badge, ago, table, unavailable } = Ops;
  const { header, panel, optional } = Pages.parts;

  const columns = [
    { key: "destination", label: "destination", render: (d) => h("span", { class: "id destination", title: d.destination }, d.destination) },
    { key: "delivered", label: "delivered", render: (d) => number(d.delivered), cls: "num" },
    { key: "failed", label: "failed", render: (d) => number(d.failed), cls: "num" },
    { key: "deadLettered", label: "dead-lettered", render: (d) => number(d.deadLettered), cls: "num" },
    { key: "lastError", label: "last error", render: (d) => d.lastError ? h("span", {}, badge(d.lastError, "failed"), " ", ago(d.lastErrorAt)) : h("span", { class: "muted" }, "none") },
    { key: "lastDelivered", label: "last delivered", render: (d) => d.lastDeliveredAt ? ago(d.lastDeliveredAt) : h("span", { class: "muted" }, "never") },
    { key: "latency", label: "last latency", render: (d) => d.lastLatencyMs === null || d.lastLatencyMs === undefined ? "–" : number(d.lastLatencyMs) + " ms", cls: "num" },
  ];

  const webhooks = {
    name: "webhooks",
    title: () => "webhooks",
    async render(ctx) {
      const body = h("div");
      ctx.main.replaceChildren(header("Webhooks"), panel("Deliveries by destination", body,
        h("p", { class: "muted" }, "A destination is a callback URL's origin (scheme://host:port); its path and query are never kept. "
          + "Failed counts attempts; a delivery is dead-lettered once its attempts run out (scripts/docfleet dead list webhook).")));
      await ctx.live(async () => {
        const answer = await optional(() => get("api/v1/webhooks/destinations"));
        if (!ctx.active()) return;
        body.replaceChildren(answer
          ? table("webhooks", columns, answer.destinations, {
            empty: "no webhook delivered or attempted in the last 30 days",
            rowAttrs: (d) => ({ "data-destination": d.destination, class: d.deadLettered > 0 ? "lost" : null }),
          })
          : unavailable("The webhook deliveries", "GET /api/v1/webhooks/destinations"));
      });
    },
  };

  return { routes: [[/^\/webhooks$/, webhooks]] };
})();
