// Two small SVG charts for the console, hand-written and drawn from scratch on every update (a few
// hundred points at most): a line chart of values over time (a null value leaves a gap) and a bar
// chart. No library, no network.
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function size(svg) {
    const box = svg.viewBox.baseVal;
    return { width: box.width, height: box.height };
  }

  // A rounded-up maximum whose quarters are whole, round numbers: the axis reads 0, 15, 30, 45, 60
  // rather than 0, 11.25, ...
  // With {@code fractional} (money) a small maximum keeps its scale: 0.006 reads 0, 0.0015, ... 0.006.
  function niceMax(value, fractional) {
    const step = value / 4;
    if (step <= 0 || (step <= 1 && !fractional)) return fractional ? 1 : 4;
    if (step <= 10 && !fractional) return 4 * Math.ceil(step);
    const power = Math.pow(10, Math.floor(Math.log10(step)));
    for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
      if (m * power >= step) return 4 * m * power;
    }
    return 40 * power;
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function yAxis(svg, pad, height, width, max, unit, prefix, digits) {
    for (let i = 0; i <= 4; i++) {
      const y = pad.top + (height - pad.top - pad.bottom) * (1 - i / 4);
      svg.appendChild(el("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: y, y2: y }));
      svg.appendChild(el("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end" },
        (prefix || "") + Number(max * i / 4).toLocaleString("en-US", { maximumFractionDigits: digits || 1 }) + (unit || "")));
    }
  }

  // series: [{name, color, points: [[timeMs, value or null], ...]}], drawn over [from, to];
  // options: {max} a fixed top of the axis (100 for percentages), {unit} after each axis number.
  function lines(svg, series, from, to, options) {
    const opts = options || {};
    svg.replaceChildren();
    const { width, height } = size(svg);
    const pad = { top: 10, right: 12, bottom: 22, left: opts.unit && opts.unit.length > 1 ? 64 : 44 };
    let max = 0;
    for (const s of series) for (const [, v] of s.points) if (v !== null) max = Math.max(max, v);
    max = opts.max || niceMax(max);
    yAxis(svg, pad, height, width, max, opts.unit);
    const span = Math.max(1, to - from);
    const x = (t) => pad.left + (width - pad.left - pad.right) * (t - from) / span;
    const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
    for (const [t, anchor] of [[from, "start"], [(from + to) / 2, "middle"], [to, "end"]]) {
      svg.appendChild(el("text", { x: x(t), y: height - 6, "text-anchor": anchor }, clock(t)));
    }
    for (const s of series) {
      const shown = s.points.filter(([, v]) => v !== null);
      if (shown.length === 0) continue;
      let gap = true;
      const d = s.points.map(([t, v]) => {
        if (v === null) { gap = true; return ""; }
        const step = (gap ? "M" : "L") + x(t).toFixed(1) + "," + y(v).toFixed(1);
        gap = false;
        return step;
      }).filter(Boolean).join(" ");
      svg.appendChild(el("path", { d, fill: "none", stroke: s.color, "stroke-width": 2, "data-series": s.name }));
      const [lt, lv] = shown[shown.length - 1];
      svg.appendChild(el("circle", { cx: x(lt), cy: y(lv), r: 3, fill: s.color }));
    }
  }

  // values: numbers, oldest first; labels: the text under the first and last bar; options:
  // {what} a bar's title after its value (default "documents"), {money} US dollars (a $ before
  // each number, fractions kept on the axis).
  function bars(svg, values, firstLabel, lastLabel, options) {
    const opts = options || {};
    svg.replaceChildren();
    const { width, height } = size(svg);
    const pad = { top: 10, right: 8, bottom: 22, left: opts.money ? 56 : 36 };
    const max = niceMax(Math.max(0, ...values), opts.money);
    yAxis(svg, pad, height, width, max, "", opts.money ? "$" : "", opts.money ? 4 : 1);
    const slot = (width - pad.left - pad.right) / Math.max(1, values.length);
    values.forEach((v, i) => {
      const h = (height - pad.top - pad.bottom) * v / max;
      const bar = el("rect", {
        class: "bar", x: pad.left + i * slot + 1, y: height - pad.bottom - h,
        width: Math.max(1, slot - 2), height: h,
      });
      bar.appendChild(el("title", {}, (opts.money ? "$" : "") + v + " " + (opts.what || "documents")));
      svg.appendChild(bar);
    });
    svg.appendChild(el("text", { x: pad.left, y: height - 6, "text-anchor": "start" }, firstLabel));
    svg.appendChild(el("text", { x: width - pad.right, y: height - 6, "text-anchor": "end" }, lastLabel));
  }

  return { lines, bars };
})();
