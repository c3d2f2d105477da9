// Descent Lab's persistent Plotly chart (Streamlit components v2).
//
// The element is kept across reruns and updated with Plotly.react, so a slider
// move repaints only what changed; zoom, pan and the 3-D camera survive through
// layout.uirevision. Big traces that do not change (contour, surface, click
// grid) are sent once, stored here by hash, and later referenced as {$ref}.

const STORE = (window.__descentLabTraces = window.__descentLabTraces || new Map());
const STORE_LIMIT = 64;

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

// Plotly's own slider and buttons are redrawn by every Plotly.react, even
// when unchanged (≈ 40 ms here); these HTML controls drive the same frames.
function ownControls(spec) {
  const layout = { ...spec.layout };
  const frames = spec.frames || [];
  const animated = frames.length > 1 && (layout.sliders || []).length > 0;
  if (animated) {
    delete layout.sliders;
    delete layout.updatemenus;
    layout.margin = { ...(layout.margin || {}), b: 60 };
  }
  return { layout, frames, animated };
}

function controls(Plotly, root, plot, frames, redraw) {
  let bar = root.parentElement.querySelector(":scope > .descent-lab-controls");
  if (!frames) {
    if (bar) bar.remove();
    return;
  }
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "descent-lab-controls";
    bar.innerHTML =
      '<button type="button" class="descent-lab-play" title="Play">▶</button>' +
      '<button type="button" class="descent-lab-pause" title="Pause">❚❚</button>' +
      '<input type="range" class="descent-lab-step" min="0" value="0" step="1">' +
      '<span class="descent-lab-label"></span>';
    root.after(bar);
  }
  const names = frames.map((f) => f.name);
  bar.__names = names;
  const range = bar.querySelector(".descent-lab-step");
  const label = bar.querySelector(".descent-lab-label");
  const show = (i) => {
    range.value = String(i);
    label.textContent = "step " + bar.__names[i];
  };
  range.max = String(names.length - 1);
  const options = (duration) => ({
    mode: "immediate",
    frame: { duration, redraw },
    transition: { duration: 0 },
  });
  bar.querySelector(".descent-lab-play").onclick = () => {
    const at = Number(range.value);
    const from = at >= names.length - 1 ? 0 : at + 1;
    Plotly.animate(plot, names.slice(from), options(redraw ? 80 : 60));
  };
  bar.querySelector(".descent-lab-pause").onclick = () =>
    Plotly.animate(plot, [null], { mode: "immediate" });
  range.oninput = () => Plotly.animate(plot, [names[Number(range.value)]], options(0));
  if (!plot.__descentLabFrames) {
    plot.__descentLabFrames = true;
    plot.on("plotly_animatingframe", (event) => {
      const i = bar.__names.indexOf(event.name);
      if (i >= 0) show(i);
    });
  }
  // A new figure shows its last step, as the markers do.
  show(names.length - 1);
}

function draw(Plotly, root, spec0, traces, config) {
  const { layout, frames: allFrames, animated } = ownControls(spec0);
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
  const split = splitLayers(traces, spec.layout);
  const { front, back } = layers(Plotly, root, split);
  const frames = split ? frontFrames(spec.frames || [], traces) : spec.frames || [];
  const finish = (plot) => {
    controls(Plotly, root, plot, animated ? frames : null, redraw);
    return plot;
  };
  if (!split) {
    return Plotly.react(root, { data: traces, layout: spec.layout, frames, config }).then(
      () => finish(root)
    );
  }
  const behindConfig = { ...config, staticPlot: true };
  const jobs = [];
  if (back.__descentLabBackground !== split.background[0]) {
    back.__descentLabBackground = split.background[0];
    jobs.push(
      Plotly.react(back, { data: split.background, layout: split.behind, config: behindConfig })
    );
  }
  jobs.push(Plotly.react(front, { data: split.rest, layout: split.front, frames, config }));
  return Promise.all(jobs).then(() => {
    mirrorAxes(Plotly, front, back);
    return finish(front);
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
  root.style.height = (data.height || 500) + "px";
  const state = (root.__descentLab = root.__descentLab || {});
  state.api = { data, setTriggerValue };

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
      if (state.signature === data.signature) return;
      const spec = JSON.parse(data.figure);
      const { out, missing } = resolveTraces(spec.data);
      if (missing.length) {
        setTriggerValue("missing", missing);
        return;
      }
      state.signature = data.signature;
      const started = performance.now();
      return draw(Plotly, root, spec, out, data.config || {}).then((plot) => {
        listen(plot, state);
        root.dataset.signature = data.signature;
        root.dataset.renderMs = String(Math.round(performance.now() - started));
      });
    })
    .catch((error) => {
      root.textContent = String(error);
      setStateValue("failed", true);
    })
    .finally(() => {
      window.__descentLabBusy -= 1;
    });
}
