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

  loadPlotly(data.src)
    .then((Plotly) => {
      // An unchanged figure is left alone: a playing animation keeps playing.
      if (state.signature === data.signature) return;
      const spec = JSON.parse(data.figure);
      const { out, missing } = resolveTraces(spec.data);
      if (missing.length) {
        setTriggerValue("missing", missing);
        return;
      }
      state.signature = data.signature;
      const figure = {
        data: out,
        layout: spec.layout,
        frames: spec.frames || [],
        config: data.config || {},
      };
      const started = performance.now();
      return Plotly.react(root, figure).then(() => {
        listen(root, state);
        root.dataset.signature = data.signature;
        root.dataset.renderMs = String(Math.round(performance.now() - started));
      });
    })
    .catch((error) => {
      root.textContent = String(error);
      setStateValue("failed", true);
    });
}
