// Descent Lab's persistent Plotly chart (Streamlit components v2).
//
// The element is kept across reruns and updated with Plotly.react, so a slider
// move repaints only what changed; zoom, pan and the 3-D camera survive through
// layout.uirevision. Big traces that do not change (contour, surface, click
// grid) are sent once, stored here by hash, and later referenced as {$ref}.
// When only some traces changed (a slider moved a path), those are moved first
// and the full Plotly.react follows after the browser has painted them.
//
// Data keys (ui/chart.py): figure, signature, src, height, click_anywhere,
// click_cells, defer, config, texts {step, play, pause, speed}, fit, speed.

const STORE = (window.__descentLabTraces = window.__descentLabTraces || new Map());
const STORE_LIMIT = 64;
const SPEEDS = [0.25, 0.5, 1, 2, 4];
const WORDS = { step: "step", play: "Play", pause: "Pause", speed: "speed" };
const MIN_HEIGHT = 300;
const FIT_MARGIN = 8; // px left free under the play bar

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__descentLabPlotly) {
    window.__descentLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        window.__descentLabPlotly = null;
        reject(new Error("plotly.js did not load from " + src));
      };
      document.head.appendChild(script);
    });
  }
  return window.__descentLabPlotly;
}

function resolveTraces(traces) {
  const missing = [];
  const out = traces.map((t) => {
    if (t && t.$store) {
      STORE.set(t.$store, t.trace);
      if (STORE.size > STORE_LIMIT) STORE.delete(STORE.keys().next().value);
      return t.trace;
    }
    if (t && t.$ref) {
      const kept = STORE.get(t.$ref);
      if (!kept) missing.push(t.$ref);
      return kept;
    }
    return t;
  });
  return { out, missing };
}

// A click anywhere in the plotting area, converted from pixels to data
// coordinates (plotly_click only reports the nearest data point).
function clickPosition(root, event) {
  const layout = root._fullLayout;
  if (!layout || !layout.xaxis || !layout.yaxis) return null;
  const xa = layout.xaxis;
  const ya = layout.yaxis;
  const box = root.getBoundingClientRect();
  const px = event.clientX - box.left - xa._offset;
  const py = event.clientY - box.top - ya._offset;
  if (px < 0 || py < 0 || px > xa._length || py > ya._length) return null;
  return { x: xa.p2d(px), y: ya.p2d(py) };
}

function listen(root, state) {
  if (root.__descentLabListening) return;
  root.__descentLabListening = true;
  root.addEventListener("click", (event) => {
    const api = state.api;
    if (!api || !api.data.click_anywhere) return;
    if (!event.target.closest || !event.target.closest(".nsewdrag")) return;
    const at = clickPosition(root, event);
    if (at) api.setTriggerValue("click", at);
  });
  root.on("plotly_click", (event) => {
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
  const background = traces.filter((t) => t && t.meta === "background");
  if (!background.length || !layout.xaxis) return null;
  // The layer behind keeps its axes' ranges and domain but draws none of them.
  const axis = (a) => ({ ...a, visible: false });
  const behind = {
    ...layout,
    xaxis: axis(layout.xaxis),
    yaxis: axis(layout.yaxis || {}),
    showlegend: false,
    sliders: [],
    updatemenus: [],
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
  const rest = traces.filter((t) => !(t && t.meta === "background"));
  return { background, behind, rest, front };
}

// Frames name their traces by index in the whole figure; on the front layer
// the background traces are gone, so the indices shift.
function frontFrames(frames, traces) {
  const index = [];
  let kept = 0;
  traces.forEach((t, i) => {
    index[i] = t && t.meta === "background" ? -1 : kept++;
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
  const s = plot && plot._fullLayout && plot._fullLayout._size;
  return s ? { l: s.l, r: s.r, t: s.t, b: s.b } : null;
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
const COLORBAR_GAP = 12; // px between the map and its colour bar

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
  const fl = front._fullLayout;
  if (!fl || !fl.xaxis || !fl._size || fl.xaxis.constrain !== "domain") return null;
  return fl.xaxis.domain[1] + COLORBAR_GAP / fl._size.w;
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
    .filter((t) => t && t.showlegend !== false && t.name && t.meta !== "background")
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
  const fl = front._fullLayout;
  if (!columnOffset || !fl || !fl.legend || fl.legend.orientation !== "v") {
    return Promise.resolve();
  }
  const x = fl.xaxis.domain[1] + columnOffset / fl._size.w;
  if (Math.abs(x - fl.legend.x) < 0.002) return Promise.resolve();
  return Plotly.relayout(front, { "legend.x": x });
}

// Plotly's own slider and buttons are redrawn by every Plotly.react, even
// when unchanged (≈ 40 ms here); these HTML controls drive the same frames.
function ownControls(spec) {
  const layout = { ...spec.layout };
  const frames = spec.frames || [];
  const animated = frames.length > 1 && (layout.sliders || []).length > 0;
  let duration = null;
  if (animated) {
    const play = (((layout.updatemenus || [])[0] || {}).buttons || [])[0];
    duration = play && play.args && play.args[1] && play.args[1].frame;
    duration = duration ? duration.duration : null;
    delete layout.sliders;
    delete layout.updatemenus;
    // The figure says how much room its axes need under the plot (meta.bottom).
    const bottom = layout.meta && layout.meta.bottom;
    layout.margin = { ...(layout.margin || {}), b: bottom != null ? bottom : 60 };
  }
  return { layout, frames, animated, duration };
}

function words(texts) {
  return { ...WORDS, ...(texts || {}) };
}

function stepLabel(word, name) {
  return word.includes("{n}") ? word.replace("{n}", name) : word + " " + name;
}

function barOf(root) {
  return root.parentElement.querySelector(":scope > .descent-lab-controls");
}

function makeBar(root) {
  const bar = document.createElement("div");
  bar.className = "descent-lab-controls";
  const options = SPEEDS.map((s) => `<option value="${s}">${s}×</option>`).join("");
  bar.innerHTML =
    '<button type="button" class="descent-lab-play">▶</button>' +
    '<button type="button" class="descent-lab-pause">❚❚</button>' +
    '<input type="range" class="descent-lab-step" min="0" value="0" step="1">' +
    '<span class="descent-lab-label"></span>' +
    '<label class="descent-lab-speed"><span class="descent-lab-speed-word"></span>' +
    `<select>${options}</select></label>`;
  bar.__speed = 1;
  root.after(bar);
  return bar;
}

// The words of the bar and the speed the page asks for (a choice made in
// the bar itself stays until the page asks for another speed).
function dressBar(bar, texts, speed) {
  const w = words(texts);
  bar.__words = w;
  for (const [cls, word] of [["play", w.play], ["pause", w.pause]]) {
    const button = bar.querySelector(".descent-lab-" + cls);
    button.title = word;
    button.setAttribute("aria-label", word);
  }
  bar.querySelector(".descent-lab-speed-word").textContent = w.speed;
  const select = bar.querySelector(".descent-lab-speed select");
  select.setAttribute("aria-label", w.speed);
  const asked = Number(speed) > 0 ? Number(speed) : 1;
  if (bar.__askedSpeed !== asked) {
    bar.__askedSpeed = asked;
    bar.__speed = asked;
    if (!SPEEDS.includes(asked)) {
      select.insertAdjacentHTML("beforeend", `<option value="${asked}">${asked}×</option>`);
    }
    select.value = String(asked);
  }
  const label = bar.querySelector(".descent-lab-label");
  if (bar.__names && bar.__shown != null) {
    label.textContent = stepLabel(w.step, bar.__names[bar.__shown]);
  }
}

// plotly.js rejects the promise of an animation that another one interrupts.
function animate(Plotly, plot, frames, options) {
  const done = Plotly.animate(plot, frames, options);
  if (done && done.catch) done.catch(() => {});
}

function controls(Plotly, root, plot, anim, look) {
  let bar = barOf(root);
  if (!anim) {
    if (bar) bar.remove();
    return;
  }
  if (!bar) bar = makeBar(root);
  dressBar(bar, look.texts, look.speed);
  bar.classList.toggle("descent-lab-large", look.large);
  bar.style.marginLeft = look.left + "px";
  const { frames, redraw } = anim;
  const base = anim.duration || (redraw ? 80 : 60);
  const names = frames.map((f) => f.name);
  bar.__names = names;
  const range = bar.querySelector(".descent-lab-step");
  const label = bar.querySelector(".descent-lab-label");
  const show = (i) => {
    bar.__shown = i;
    range.value = String(i);
    label.textContent = stepLabel(bar.__words.step, bar.__names[i]);
  };
  range.max = String(names.length - 1);
  const options = (duration) => ({
    mode: "immediate",
    frame: { duration, redraw },
    transition: { duration: 0 },
  });
  const go = (i) => {
    show(i);
    animate(Plotly, plot, [names[i]], options(0));
  };
  const actions = {
    play() {
      const at = Number(range.value);
      const from = at >= names.length - 1 ? 0 : at + 1;
      bar.__playing = true;
      animate(Plotly, plot, names.slice(from), options(base / bar.__speed));
    },
    pause() {
      bar.__playing = false;
      animate(Plotly, plot, [null], { mode: "immediate" });
    },
    toggle() {
      if (bar.__playing) actions.pause();
      else actions.play();
    },
    step(delta) {
      if (bar.__playing) actions.pause();
      const i = Math.min(names.length - 1, Math.max(0, Number(range.value) + delta));
      go(i);
    },
  };
  bar.__actions = actions;
  bar.querySelector(".descent-lab-play").onclick = actions.play;
  bar.querySelector(".descent-lab-pause").onclick = actions.pause;
  bar.querySelector(".descent-lab-speed select").onchange = (event) => {
    bar.__speed = Number(event.target.value) || 1;
    if (bar.__playing) actions.play(); // on from the frame shown, at the new pace
  };
  range.oninput = () => {
    bar.__playing = false;
    animate(Plotly, plot, [names[Number(range.value)]], options(0));
  };
  if (!plot.__descentLabFrames) {
    plot.__descentLabFrames = true;
    plot.on("plotly_animatingframe", (event) => {
      const i = bar.__names.indexOf(event.name);
      if (i >= 0) show(i);
    });
    const stopped = () => {
      bar.__playing = false;
    };
    plot.on("plotly_animated", stopped);
    plot.on("plotly_animationinterrupted", stopped);
  }
  // A new figure shows its last step, as the markers do.
  bar.__playing = false;
  show(names.length - 1);
}

// Keyboard: space plays or pauses, ←/→ step one frame, on the first animated
// chart of the page, unless the focus is in a control or a Streamlit widget.
const CONTROL =
  'input, textarea, select, button, [role="slider"], [role="combobox"],' +
  ' [role="listbox"], [role="option"], [role="radio"], [role="checkbox"],' +
  ' [role="switch"], [role="tab"], [role="menuitem"], [role="spinbutton"],' +
  ' [contenteditable=""], [contenteditable="true"], [data-baseweb],' +
  ' [data-testid="stSlider"], [data-testid="stSelectbox"],' +
  ' [data-testid="stMultiSelect"], [data-testid="stNumberInput"],' +
  ' [data-testid="stTextInput"], [data-testid="stTextArea"],' +
  ' [data-testid="stRadio"], [data-testid="stCheckbox"]';

function inControl(el) {
  return Boolean(el && el.closest && el.closest(CONTROL));
}

function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const key = event.key;
  if (key !== " " && key !== "ArrowLeft" && key !== "ArrowRight") return;
  if (inControl(event.target) || inControl(document.activeElement)) return;
  const bar = document.querySelector(".descent-lab-controls");
  if (!bar || !bar.__actions) return;
  event.preventDefault();
  if (key === " ") bar.__actions.toggle();
  else bar.__actions.step(key === "ArrowLeft" ? -1 : 1);
}

function installKeys() {
  if (document.__descentLabKeys) return;
  document.__descentLabKeys = true;
  document.addEventListener("keydown", onKey);
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
  let timer = null;
  state.onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!window.Plotly || !root.isConnected) return;
      // The column changed without a window resize (the sidebar folded):
      // plotly's own responsive resize only listens to the window.
      root.querySelectorAll(".js-plotly-plot").forEach((el) => {
        if (el._fullLayout) window.Plotly.Plots.resize(el);
      });
      refit(window.Plotly, root, state);
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
  const { layout: layout0, frames: allFrames, animated, duration } = ownControls(spec0);
  const fitted = { ...layout0, height: state.height };
  const { __legendColumn: column, ...layout } = planLegend(fitted, traces, state.width);
  const spec = { ...spec0, layout, frames: allFrames };
  const redraw = Boolean(layout.scene);
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
  };
  const finish = (plot) => {
    controls(Plotly, root, plot, animated ? { frames, redraw, duration } : null, look);
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
  if (!last || !plot || !plot._fullData || spec.layout.scene) return false;
  if (root.__descentLabRevision !== spec.layout.uirevision) return false;
  if (last.layout !== seen.layout || last.traces.length !== traces.length) return false;
  // From the first changed trace on, every front trace is given: plotly.js
  // would otherwise move the ones it is given above the others.
  const data = [];
  const indices = [];
  let kept = 0; // the index on the front layer (background traces are behind)
  for (let i = 0; i < traces.length; i++) {
    const trace = traces[i] || {};
    const background = trace.meta === "background";
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

// What a figure was, to compare the next one with: each message is parsed
// afresh, so traces are compared as text (the stored background by identity).
function snapshot(spec, traces) {
  return {
    layout: JSON.stringify(spec.layout),
    traces: traces.map((t) => (t && t.meta === "background" ? t : JSON.stringify(t))),
    types: traces.map((t) => t && t.type),
    background: traces.map((t) => Boolean(t && t.meta === "background")),
  };
}

// After the browser has painted what is on screen now.
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// A new figure: the quick update where it applies, then the full draw (at
// once, or after the browser has painted the quick one). data-quick counts
// the quick updates; data-render-ms is how long the last full draw took.
function update(Plotly, root, state, data, spec, traces) {
  state.signature = data.signature;
  const seen = snapshot(spec, traces);
  // A deferred chart draws after a paint anyway: no quick update.
  const quick = !data.defer && quickUpdate(Plotly, root, state, spec, traces, seen);
  if (quick) root.dataset.quick = String((Number(root.dataset.quick) || 0) + 1);
  state.seen = seen;
  // A newer figure that arrives before the full draw replaces it.
  const job = (state.job = (state.job || 0) + 1);
  const full = () => {
    if (job !== state.job) return undefined;
    return fullDraw(Plotly, root, state, data, spec, traces);
  };
  return quick ? afterPaint().then(full) : full();
}

function fullDraw(Plotly, root, state, data, spec, traces) {
  state.animated = (spec.frames || []).length > 1;
  if (state.fit) state.height = fittedHeight(root, state);
  root.style.height = state.height + "px";
  const started = performance.now();
  return draw(Plotly, root, spec, traces, data.config || {}, state).then((plot) => {
    listen(plot, state);
    root.dataset.signature = data.signature;
    root.dataset.renderMs = String(Math.round(performance.now() - started));
    // The play bar exists now: its real height may change the fit.
    return refit(Plotly, root, state);
  });
}

export default function (component) {
  const { data, parentElement, setTriggerValue, setStateValue } = component;
  let root = parentElement.querySelector(".descent-lab-chart");
  if (!root) {
    root = document.createElement("div");
    root.className = "descent-lab-chart";
    parentElement.appendChild(root);
  }
  const state = (root.__descentLab = root.__descentLab || {});
  state.api = { data, setTriggerValue };
  state.texts = data.texts || {};
  state.speed = data.speed || 1;
  state.fit = Boolean(data.fit);
  state.figureHeight = data.height || 500;
  const bar = barOf(root);
  if (bar) dressBar(bar, state.texts, state.speed); // words follow the language
  if (!state.fit || state.height == null) {
    state.height = state.fit ? fittedHeight(root, state) : state.figureHeight;
  }
  root.style.height = state.height + "px";
  installKeys();
  watchResize(root, state);

  // A deferred chart (the 3-D view, drawn in software WebGL here) waits until
  // the next frame has been painted, so it never holds up the 2-D map.
  const ready = data.defer
    ? new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    : Promise.resolve();
  // Charts still drawing, for tests and benchmarks that wait for a settled page.
  window.__descentLabBusy = (window.__descentLabBusy || 0) + 1;
  Promise.all([loadPlotly(data.src), ready])
    .then(([Plotly]) => {
      // An unchanged figure is left alone: a playing animation keeps playing.
      if (state.signature === data.signature) return refit(Plotly, root, state);
      const spec = JSON.parse(data.figure);
      const { out, missing } = resolveTraces(spec.data);
      if (missing.length) {
        setTriggerValue("missing", missing);
        return;
      }
      return update(Plotly, root, state, data, spec, out);
    })
    .catch((error) => {
      root.textContent = String(error);
      setStateValue("failed", true);
    })
    .finally(() => {
      window.__descentLabBusy -= 1;
    });
  // Streamlit calls this when the element goes away.
  return () => {
    if (state.onResize) window.removeEventListener("resize", state.onResize);
    if (state.observer) state.observer.disconnect();
    state.onResize = null;
    state.observer = null;
  };
}
