// Descent Lab's persistent Plotly chart (Streamlit components v2).
//
// The element is kept across reruns and updated with Plotly.react, so a slider
// move repaints only what changed; zoom, pan and the 3-D camera survive through
// layout.uirevision. Big traces that do not change (contour, surface, click
// grid) are sent once, stored with this chart by hash, and later referenced as
// {$ref}. When only some traces changed (a slider moved a path), those are
// moved first and the full Plotly.react follows after the browser has painted
// them. ui/chart.py puts plot_info.js, controls.js and batch.js before this
// file.
//
// Data keys (ui/chart.py): figure, signature, src, height, click_anywhere,
// click_cells, defer, config, texts {step, play, pause, speed}, fit, speed,
// store_limit, name (the chart's key), follow (the key of the chart whose
// frames this one shows; batch.js).
//
// All state lives on the chart's own element (root.__descentLab); the
// function Streamlit calls returns a cleanup that frees it all.

const MIN_HEIGHT = 300;
const FIT_MARGIN = 8; // px left free under the play bar
const LIVE = new Set(); // the roots of the charts on the page

// The module is evaluated once per page (Streamlit imports it from one blob
// URL), so charts share one load of plotly.js; a failed load is forgotten, so
// the next attempt fetches it again.
let plotlyLoading = null;

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        plotlyLoading = null;
        script.remove();
        reject(new Error("plotly.js did not load from " + src));
      };
      document.head.appendChild(script);
    });
  }
  return plotlyLoading;
}

// The chart's store of big traces, first in first out, at most ``limit``:
// ui/chart.py (SentTraces) keeps the same list by the same rule, so what it
// references is here. A trace stored again moves to the end, as there.
function keep(store, hash, trace, limit) {
  store.delete(hash);
  store.set(hash, trace);
  while (store.size > limit) store.delete(store.keys().next().value);
}

// Every stored trace is kept, even from a message that is not drawn (an
// unchanged figure): Python counted it as sent.
function resolveTraces(store, traces, limit) {
  const missing = [];
  const out = traces.map((t) => {
    if (t && t.$store) {
      keep(store, t.$store, t.trace, limit);
      return t.trace;
    }
    if (t && t.$ref) {
      const kept = store.get(t.$ref);
      if (!kept) missing.push(t.$ref);
      return kept;
    }
    return t;
  });
  return { out, missing };
}

// Pixels to data on a linear or log axis (p: px from the axis's start).
function toData(axis, p, flip) {
  const [a, b] = axis.range;
  const share = flip ? 1 - p / axis.length : p / axis.length;
  const v = a + share * (b - a);
  return axis.log ? Math.pow(10, v) : v;
}

// A click anywhere in the plotting area, converted from pixels to data
// coordinates (plotly_click only reports the nearest data point).
function clickPosition(plot, event) {
  const info = plotInfo(plot);
  if (!info || !info.x || !info.y) return null;
  const box = plot.getBoundingClientRect();
  const px = event.clientX - box.left - info.x.offset;
  const py = event.clientY - box.top - info.y.offset;
  if (px < 0 || py < 0 || px > info.x.length || py > info.y.length) return null;
  return { x: toData(info.x, px, false), y: toData(info.y, py, true) };
}

function listen(plot, state) {
  if (plot.__descentLabListening) return;
  plot.__descentLabListening = true;
  // Plotly.purge drops plotly's listeners (plot.on), not this DOM one.
  if (plot.__descentLabClick) plot.removeEventListener("click", plot.__descentLabClick);
  plot.__descentLabClick = (event) => {
    const api = state.api;
    if (!api || !api.data.click_anywhere) return;
    if (!event.target.closest || !event.target.closest(".nsewdrag")) return;
    const at = clickPosition(plot, event);
    if (at) api.setTriggerValue("click", at);
  };
  plot.addEventListener("click", plot.__descentLabClick);
  plot.on("plotly_click", (event) => {
    const api = state.api;
    const point = event && event.points && event.points[0];
    if (!api || !point || !api.data.click_cells) return;
    if (point.data.type !== "heatmap") return;
    api.setTriggerValue("cell", { x: point.x, y: point.y, index: point.pointIndex });
  });
}

// Background traces (meta "background": the contour map) go on a layer of
// their own, drawn only when they change; everything else is drawn on a
// transparent layer above it, so a slider move redraws only the paths.
function splitLayers(traces, layout) {
  const background = traces.filter((t) => t && t.meta === TAGS.background);
  if (!background.length || !layout.xaxis) return null;
  // The layer behind keeps its axes' ranges and domain but draws none of them.
  const axis = (a) => ({ ...a, visible: false });
  const behind = {
    ...layout,
    xaxis: axis(layout.xaxis),
    yaxis: axis(layout.yaxis || {}),
    showlegend: false,
  };
  const front = {
    ...layout,
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    xaxis: { ...layout.xaxis, showgrid: false, zeroline: false },
    yaxis: { ...(layout.yaxis || {}), showgrid: false, zeroline: false },
    // Legend rows above the map may need more room than the figure
    // reserved: the front layer grows its top margin, and the layer behind
    // is given the same. A legend column has its room already.
    margin: {
      ...(layout.margin || {}),
      autoexpand: (layout.legend || {}).orientation !== "v",
    },
  };
  const rest = traces.filter((t) => !(t && t.meta === TAGS.background));
  return { background, behind, rest, front };
}

// Frames name their traces by index in the whole figure; on the front layer
// the background traces are gone, so the indices shift.
function frontFrames(frames, traces) {
  const index = [];
  let kept = 0;
  traces.forEach((t, i) => {
    index[i] = t && t.meta === TAGS.background ? -1 : kept++;
  });
  return frames.map((f) => ({
    ...f,
    traces: (f.traces || []).map((i) => index[i]),
  }));
}

function layers(Plotly, root, split) {
  let front = root.querySelector(":scope > .descent-lab-front");
  let back = root.querySelector(":scope > .descent-lab-back");
  if (split && !front) {
    Plotly.purge(root);
    root.innerHTML = "";
    front = document.createElement("div");
    front.className = "descent-lab-front";
    back = document.createElement("div");
    back.className = "descent-lab-back";
    root.append(front, back);
  }
  if (!split && front) {
    root.innerHTML = "";
    front = back = null;
  }
  return { front, back };
}

// The plotting areas of both layers, in pixels of margin.
function sizeOf(plot) {
  const info = plotInfo(plot);
  return info ? info.size : null;
}

function sameSize(a, b) {
  return a && b && ["l", "r", "t", "b"].every((k) => Math.abs(a[k] - b[k]) < 0.5);
}

// Zoom and pan on the front layer are mirrored on the layer behind it.
function mirrorAxes(Plotly, front, back) {
  if (front.__descentLabMirrored) return;
  front.__descentLabMirrored = true;
  front.on("plotly_relayout", (event) => {
    const update = {};
    for (const [k, v] of Object.entries(event || {})) {
      if (/^[xy]axis\.(range|autorange)/.test(k)) update[k] = v;
    }
    if (Object.keys(update).length) Plotly.relayout(back, update);
  });
}

// The layer behind gets the margins the front layer ended up with.
function alignBack(Plotly, front, back) {
  const want = sizeOf(front);
  if (!want || sameSize(want, sizeOf(back))) return Promise.resolve();
  return Plotly.relayout(back, { margin: { ...want, autoexpand: false } });
}

// The map keeps equal scales (scaleanchor + constrain "domain"), so it may
// be narrower than the plotting area: its colour bar follows its right edge.
const COLORBAR_GAP = TAGS.colorbarGap; // px between the map and its colour bar

function predictedColorbarX(layout, width, size) {
  const xa = layout.xaxis || {};
  const ya = layout.yaxis || {};
  const m = size || layout.margin || {};
  const w = width - (m.l || 0) - (m.r || 0);
  const h = (layout.height || 0) - (m.t || 0) - (m.b || 0);
  if (ya.scaleanchor !== "x" || xa.constrain !== "domain" || !xa.range || !ya.range)
    return null;
  if (w <= 0 || h <= 0) return null;
  const ratio = Math.abs(xa.range[1] - xa.range[0]) / Math.abs(ya.range[1] - ya.range[0]);
  const share = Math.min(1, (ratio * h * (ya.scaleratio || 1)) / w);
  return share + COLORBAR_GAP / w;
}

function actualColorbarX(front) {
  const info = plotInfo(front);
  const constrained = ((front.layout || {}).xaxis || {}).constrain === "domain";
  if (!info || !info.x || !constrained) return null;
  return info.x.domain[1] + COLORBAR_GAP / info.size.w;
}

function withColorbarX(trace, x) {
  if (x == null || !trace || !trace.colorbar) return trace;
  return { ...trace, colorbar: { ...trace.colorbar, x, xanchor: "left" } };
}

function placeColorbar(Plotly, front, back) {
  const x = actualColorbarX(front);
  if (x == null || Math.abs(x - (back.__descentLabColorbarX ?? -1)) < 0.002) {
    return Promise.resolve();
  }
  back.__descentLabColorbarX = x;
  return Plotly.restyle(back, { "colorbar.x": x, "colorbar.xanchor": "left" }, [0]);
}

// The map's legend: in rows above it (the figure's own choice), or in a
// column right of its colour bar when that leaves the map larger (a wide
// chart, a short window, many runs). Measured with the legend's own font.
const LEGEND_SYMBOL = 46; // px of an entry besides its text (symbol, gaps)
const LEGEND_PAD = 12;

function textWidth(text, font) {
  const canvas = (textWidth.canvas = textWidth.canvas || document.createElement("canvas"));
  const context = canvas.getContext("2d");
  context.font = font;
  return context.measureText(text).width;
}

function legendNames(traces) {
  return traces
    .filter((t) => t && t.showlegend !== false && t.name && t.meta !== TAGS.background)
    .map((t) => String(t.name));
}

function planLegend(layout, traces, width) {
  const xa = layout.xaxis || {};
  const ya = layout.yaxis || {};
  const legend = layout.legend || {};
  const m = layout.margin || {};
  if (ya.scaleanchor !== "x" || !xa.range || !ya.range || legend.orientation !== "h")
    return layout;
  const names = legendNames(traces);
  if (!names.length || !width) return layout;
  const size = (legend.font || {}).size || (layout.font || {}).size || 15;
  const family = (layout.font || {}).family || '"Open Sans", verdana, arial, sans-serif';
  const font = `${size}px ${family}`;
  const entries = names.map((n) => textWidth(n, font) + LEGEND_SYMBOL);
  const row = Math.round(size * 1.3 + 6);
  const height = layout.height;
  const ratio = Math.abs(xa.range[1] - xa.range[0]) / Math.abs(ya.range[1] - ya.range[0]);
  const mapHeight = (t, r) =>
    Math.min(height - t - m.b, (width - m.l - r) / ratio);
  // Rows above the map.
  const across = width - m.l - m.r;
  let rows = 1;
  let used = 0;
  for (const w of entries) {
    if (used && used + w > across) {
      rows += 1;
      used = 0;
    }
    used += w;
  }
  const topT = rows * row + LEGEND_PAD;
  // A column right of the colour bar.
  const column = Math.max(...entries) + LEGEND_PAD;
  const columnHeight = names.length * row + LEGEND_PAD;
  const sideT = Math.ceil(size * 0.7) + 2; // room for the top tick label
  const sideR = m.r + column;
  const sideW = Math.max(1, width - m.l - sideR);
  const share = Math.min(1, (ratio * (height - sideT - m.b)) / sideW);
  const top = mapHeight(Math.max(topT, m.t || 0), m.r);
  const side = columnHeight <= height - sideT ? mapHeight(sideT, sideR) : -1;
  // A map narrower than tall room leaves no blank band above and below it.
  const snug = (t, map) => Math.max(MIN_HEIGHT, Math.min(height, Math.ceil(t + map + m.b)));
  if (side <= top + 8) {
    const t = Math.max(topT, m.t || 0);
    return { ...layout, height: snug(t, top), margin: { ...m, t } };
  }
  return {
    ...layout,
    height: Math.max(snug(sideT, side), Math.min(height, Math.ceil(columnHeight))),
    margin: { ...m, t: sideT, r: sideR },
    legend: {
      ...legend,
      orientation: "v",
      // Measured against the whole figure, not the plot: never scrolled.
      yref: "container",
      maxheight: 1,
      yanchor: "top",
      y: 1,
      xanchor: "left",
      // Beside the colour bar, which follows the map's right edge.
      x: share + m.r / sideW,
    },
    __legendColumn: m.r,
  };
}

// A legend column follows the map's right edge, past its colour bar.
function placeLegend(Plotly, front, columnOffset) {
  const info = plotInfo(front);
  const legend = info && info.legend;
  if (!columnOffset || !legend || legend.orientation !== "v" || !info.x) {
    return Promise.resolve();
  }
  const x = info.x.domain[1] + columnOffset / info.size.w;
  if (Math.abs(x - legend.x) < 0.002) return Promise.resolve();
  return Plotly.relayout(front, { "legend.x": x });
}

// The element's distance from the top of the page, whatever container scrolls.
function pageTop(el) {
  let top = el.getBoundingClientRect().top;
  for (let a = el.parentElement; a; a = a.parentElement) top += a.scrollTop || 0;
  return top;
}

// Fit: the plot, its legend and the play bar inside the browser's window.
function fittedHeight(root, state) {
  const tall = state.figureHeight;
  if (!state.fit) return tall;
  const bar = barOf(root);
  const style = bar ? getComputedStyle(bar) : null;
  const barHeight = bar
    ? bar.offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom)
    : state.animated
      ? 48
      : 0;
  const room = window.innerHeight - pageTop(root) - barHeight - FIT_MARGIN;
  return Math.round(Math.max(MIN_HEIGHT, Math.min(tall, room)));
}

// A new height (fit) or width (window resized): the figure is drawn again
// (the legend may move, the colour bar follows the map).
function refit(Plotly, root, state) {
  if (!state.last) return Promise.resolve();
  const height = state.fit ? fittedHeight(root, state) : state.height;
  const width = root.clientWidth;
  if (height === state.height && width === state.width) return Promise.resolve();
  state.height = height;
  root.style.height = height + "px";
  const { spec, traces, config } = state.last;
  return draw(Plotly, root, spec, traces, config, state).catch(() => {});
}

// After plotly's own resize (responsive, debounced) has run.
const RESIZE_DELAY = 200;

function watchResize(root, state) {
  if (state.onResize) return;
  state.onResize = () => {
    clearTimeout(state.resizeTimer);
    state.resizeTimer = setTimeout(() => {
      if (!window.Plotly || !root.isConnected) return;
      // The column changed without a window resize (the sidebar folded):
      // plotly's own responsive resize only listens to the window.
      root.querySelectorAll(".js-plotly-plot").forEach((el) => {
        if (plotInfo(el)) window.Plotly.Plots.resize(el);
      });
      serial(state, () => refit(window.Plotly, root, state));
    }, RESIZE_DELAY);
  };
  window.addEventListener("resize", state.onResize);
  if (window.ResizeObserver) {
    let width = root.clientWidth;
    state.observer = new ResizeObserver(() => {
      if (root.clientWidth !== width) {
        width = root.clientWidth;
        state.onResize();
      }
    });
    state.observer.observe(root);
  }
}

function draw(Plotly, root, spec0, traces, config, state) {
  state.last = { spec: spec0, traces, config };
  state.width = root.clientWidth;
  const { layout: layout0, frames: allFrames, animated, redraw, duration } =
    playable(spec0);
  const fitted = { ...layout0, height: state.height };
  const { __legendColumn: column, ...layout } = planLegend(fitted, traces, state.width);
  const spec = { ...spec0, layout, frames: allFrames };
  // A new uirevision is a new plot (another surface): start afresh, because
  // Plotly.react keeps the old axis range when scaleanchor is set (measured).
  if (root.__descentLabRevision !== spec.layout.uirevision) {
    root.querySelectorAll(".js-plotly-plot").forEach((el) => Plotly.purge(el));
    Plotly.purge(root);
    root.innerHTML = "";
    root.__descentLabListening = false;
    root.__descentLabFrames = false;
    root.__descentLabRevision = spec.layout.uirevision;
  }
  root.style.height = layout.height + "px";
  const split = splitLayers(traces, spec.layout);
  const { front, back } = layers(Plotly, root, split);
  const frames = split ? frontFrames(spec.frames || [], traces) : spec.frames || [];
  const look = {
    texts: state.texts,
    speed: state.speed,
    large: ((layout.font || {}).size || 0) >= 20,
    left: (layout.margin || {}).l || 60,
    key: state.name,
  };
  const finish = (plot) => {
    // A following chart shows its leader's frame and has no bar of its own.
    const own = animated && !state.follow;
    holdBatch(Plotly, root, plot, spec.layout, state.name); // before the bar speaks
    controls(Plotly, root, plot, own ? { frames, redraw, duration } : null, look);
    if (state.follow) follow(Plotly, root, plot, state.follow);
    return plot;
  };
  if (!split) {
    return Plotly.react(root, { data: traces, layout: spec.layout, frames, config }).then(
      () => finish(root)
    );
  }
  const behindConfig = { ...config, staticPlot: true };
  const jobs = [];
  // The margins the front layer will have: as planned, and a legend in rows
  // may have pushed the top one (as it did last time).
  const known = sizeOf(front);
  const margins = { ...(layout.margin || {}) };
  if (known && (layout.legend || {}).orientation !== "v") {
    margins.t = Math.max(margins.t || 0, known.t);
  }
  const barX = predictedColorbarX(split.behind, root.clientWidth, margins);
  const [first, ...others] = split.background;
  if (back.__descentLabBackground !== first || back.__descentLabColorbarX !== barX) {
    back.__descentLabBackground = first;
    back.__descentLabColorbarX = barX;
    const behind = { ...split.behind, margin: { ...margins, autoexpand: false } };
    const data = [withColorbarX(first, barX), ...others];
    jobs.push(Plotly.react(back, { data, layout: behind, config: behindConfig }));
  }
  jobs.push(Plotly.react(front, { data: split.rest, layout: split.front, frames, config }));
  return Promise.all(jobs)
    .then(() => alignBack(Plotly, front, back))
    .then(() => placeColorbar(Plotly, front, back))
    .then(() => placeLegend(Plotly, front, column))
    .then(() => {
      mirrorAxes(Plotly, front, back);
      return finish(front);
    });
}

// A slider move changes a few traces' data and nothing else. Those traces are
// moved at once (Plotly.animate without a redraw: no axes, legend or margins
// drawn again, ≈ 3× cheaper than Plotly.react), and the full draw follows once
// the browser has painted them. Returns whether it did.
function quickUpdate(Plotly, root, state, spec, traces, seen) {
  const last = state.seen;
  const front = root.querySelector(":scope > .descent-lab-front");
  const plot = front || (last && !last.background.includes(true) ? root : null);
  if (!last || !plot || !plotInfo(plot) || spec.layout.scene) return false;
  if (root.__descentLabRevision !== spec.layout.uirevision) return false;
  if (last.layout !== seen.layout || last.traces.length !== traces.length) return false;
  // From the first changed trace on, every front trace is given: plotly.js
  // would otherwise move the ones it is given above the others.
  const data = [];
  const indices = [];
  let kept = 0; // the index on the front layer (background traces are behind)
  for (let i = 0; i < traces.length; i++) {
    const trace = traces[i] || {};
    const background = trace.meta === TAGS.background;
    if (background !== last.background[i]) return false;
    if (background) {
      if (seen.traces[i] !== last.traces[i]) return false;
      continue;
    }
    const at = kept++;
    if (!data.length && seen.traces[i] === last.traces[i]) continue;
    const type = trace.type || "scatter";
    if (type !== "scatter" || trace.type !== last.types[i]) return false;
    data.push(trace);
    indices.push(at);
  }
  if (!data.length) return false;
  animate(Plotly, plot, { data, traces: indices }, QUICK);
  return true;
}

const QUICK = {
  mode: "immediate",
  frame: { duration: 0, redraw: false },
  transition: { duration: 0 },
};

// What a figure was, to compare the next one with. A stored trace is
// compared by its hash: plotly.js decodes and fills in the stored object as
// it draws (typed arrays, computed contour levels), so its text changes
// between two messages that both merely refer to it. Every other trace is
// parsed afresh from each message and compared as text.
function snapshot(spec, traces) {
  return {
    layout: JSON.stringify(comparableLayout(spec.layout)),
    traces: traces.map((t, i) => {
      const item = spec.data[i];
      const digest = item && (item.$ref || item.$store);
      return digest ? "$" + digest : JSON.stringify(comparable(t));
    }),
    types: traces.map((t) => t && t.type),
    background: traces.map((t) => Boolean(t && t.meta === TAGS.background)),
  };
}

// After the browser has painted what is on screen now.
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// One draw of a chart at a time: each waits until the one before it (its
// layers, colour bar, legend and refit) has finished. plotly.js cannot take a
// Plotly.react while the plot's last draw is still under way: with another
// number of traces it replots afresh and drops the calcdata the pending steps
// read (a draw without paths, then the paths, as when runs compile).
function serial(state, work) {
  const run = state.drawing ? state.drawing.then(work) : Promise.resolve(work());
  const settled = run.catch(() => {}); // the caller reports a failure
  state.drawing = settled;
  settled.then(() => {
    if (state.drawing === settled) state.drawing = null;
  });
  return run;
}

// A new figure: the quick update where it applies, then the full draw (at
// once, or after the browser has painted the quick one). state.quick counts
// the quick updates; state.drawn is the signature last drawn in full.
function update(Plotly, root, state, data, spec, traces) {
  state.signature = data.signature;
  const seen = snapshot(spec, traces);
  // A deferred chart draws after a paint anyway: no quick update.
  const quick = !data.defer && quickUpdate(Plotly, root, state, spec, traces, seen);
  if (quick) state.quick = (state.quick || 0) + 1;
  state.seen = seen;
  // A newer figure that arrives before the full draw replaces it.
  const job = (state.job = (state.job || 0) + 1);
  const full = () => {
    if (job !== state.job || state.gone) return undefined;
    return fullDraw(Plotly, root, state, data, spec, traces);
  };
  const queued = () => serial(state, full);
  return quick ? afterPaint().then(queued) : queued();
}

function fullDraw(Plotly, root, state, data, spec, traces) {
  state.animated = (spec.frames || []).length > 1;
  if (state.fit) state.height = fittedHeight(root, state);
  root.style.height = state.height + "px";
  return draw(Plotly, root, spec, traces, data.config || {}, state).then((plot) => {
    if (state.gone) return undefined;
    listen(plot, state);
    state.drawn = data.signature;
    // The play bar exists now: its real height may change the fit.
    return refit(Plotly, root, state);
  });
}

// The chart's element, made once and kept across reruns.
function rootIn(parentElement) {
  let root = parentElement.querySelector(":scope > .descent-lab-chart");
  if (!root) {
    root = document.createElement("div");
    root.className = "descent-lab-chart";
    parentElement.appendChild(root);
  }
  return root;
}

// This rerun's settings, and the height the chart takes before it is drawn.
function configure(root, state, data, setTriggerValue) {
  state.api = { data, setTriggerValue };
  state.texts = data.texts || {};
  state.speed = data.speed || 1;
  state.fit = Boolean(data.fit);
  state.figureHeight = data.height || 500;
  state.limit = data.store_limit;
  state.name = data.name || "";
  state.follow = data.follow || "";
  const bar = barOf(root);
  if (bar) dressBar(bar, state.texts, state.speed); // words follow the language
  if (!state.fit || state.height == null) {
    state.height = state.fit ? fittedHeight(root, state) : state.figureHeight;
  }
  root.style.height = state.height + "px";
}

// Draws the message: resolves stored traces (or asks Python for all of them
// again), then updates the plot unless the figure is the one shown.
function render(Plotly, root, state, data, setTriggerValue) {
  if (state.gone) return undefined;
  const spec = JSON.parse(data.figure);
  const { out, missing } = resolveTraces(state.store, spec.data, state.limit);
  if (missing.length) {
    // Python referenced a trace this chart lacks (a dropped message, an
    // element made anew): both sides start over, the next message has all.
    state.store.clear();
    state.signature = null;
    setTriggerValue("missing", missing);
    return undefined;
  }
  // An unchanged figure is left alone: a playing animation keeps playing.
  if (state.signature === data.signature) {
    return serial(state, () => refit(Plotly, root, state));
  }
  return update(Plotly, root, state, data, spec, out);
}

// The element went away: listeners, observer, timers, plots, stored traces.
function teardown(root, state) {
  state.gone = true;
  state.job = (state.job || 0) + 1;
  LIVE.delete(root);
  if (!LIVE.size) removePlayKeys();
  if (state.onResize) window.removeEventListener("resize", state.onResize);
  if (state.observer) state.observer.disconnect();
  clearTimeout(state.resizeTimer);
  const bar = barOf(root);
  if (bar) bar.remove();
  unfollow(root);
  if (window.Plotly) {
    root.querySelectorAll(".js-plotly-plot").forEach((el) => window.Plotly.purge(el));
    window.Plotly.purge(root);
  }
  if (root.__descentLabClick) root.removeEventListener("click", root.__descentLabClick);
  root.innerHTML = "";
  state.store.clear();
  for (const k of ["api", "last", "seen", "onResize", "observer"]) state[k] = null;
  root.__descentLab = null;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = rootIn(parentElement);
  const state = (root.__descentLab = root.__descentLab || { store: new Map() });
  configure(root, state, data, setTriggerValue);
  LIVE.add(root);
  installPlayKeys();
  watchResize(root, state);
  // A deferred chart (the 3-D view, drawn in software WebGL here) waits until
  // the next frame has been painted, so it never holds up the 2-D map.
  const ready = data.defer ? afterPaint() : Promise.resolve();
  // aria-busy: the chart is being redrawn (assistive technology, and tests,
  // wait for it to clear).
  const call = (state.calls = (state.calls || 0) + 1);
  root.setAttribute("aria-busy", "true");
  Promise.all([loadPlotly(data.src), ready])
    .then(([Plotly]) => render(Plotly, root, state, data, setTriggerValue))
    .catch((error) => {
      root.textContent = String(error);
      // A trigger, not a state: it fires again after a later failure.
      if (!state.gone) setTriggerValue("failed", String(error));
    })
    .finally(() => {
      if (call === state.calls) root.removeAttribute("aria-busy");
    });
  // Streamlit calls the cleanup the last call returned when the element is
  // unmounted, and a superseded call's cleanup at once: only a root that has
  // left the page is torn down.
  return () => {
    if (!parentElement.isConnected && !state.gone) teardown(root, state);
  };
}
