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

function draw(Plotly, root, spec, traces, config) {
  // A new uirevision is a new plot (another surface): start afresh, because
  // Plotly.react keeps the old axis range when scaleanchor is set (measured).
  if (root.__descentLabRevision !== spec.layout.uirevision) {
    root.querySelectorAll(".js-plotly-plot").forEach((el) => Plotly.purge(el));
    Plotly.purge(root);
    root.innerHTML = "";
    root.__descentLabListening = false;
    root.__descentLabRevision = spec.layout.uirevision;
  }
  const split = splitLayers(traces, spec.layout);
  const { front, back } = layers(Plotly, root, split);
  const frames = spec.frames || [];
  if (!split) {
    return Plotly.react(root, { data: traces, layout: spec.layout, frames, config }).then(
      () => root
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
    return front;
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
    });
}
