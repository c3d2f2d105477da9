// Two listeners of the play bar's FRAME_EVENT (controls.js):
//
// - The map of a data surface draws, behind its paths, the level lines of the
//   loss of the mini-batch that the step shown uses (viz/minibatch.py): they
//   are computed here, for that step, when the animation is paused or
//   scrubbed, and set on the hidden trace with meta "batch". They are never
//   carried in frames (a contour in frames breaks plotly).
// - A chart that follows another (data.follow, the data beside the map) has
//   no play bar of its own: it shows the frame the followed chart shows.

const BATCH = TAGS.batch;

// Fields of a trace that the browser draws itself (restyled in place: the
// trace object is the stored one). Comparing figures ignores them, or every
// rerun would look like a changed contour and miss the quick update.
const DRAWN_HERE = { [BATCH]: ["z", "visible"] };

function comparable(trace) {
  const own = trace && DRAWN_HERE[trace.meta];
  if (!own) return trace;
  const copy = { ...trace };
  for (const key of own) delete copy[key];
  return copy;
}

// The layout as figures are compared: without the batch plan
// (layout.meta.batch), which K and the seed change and which only this file
// reads, after each full draw. A new plan alone then keeps the quick update.
function comparableLayout(layout) {
  const meta = layout && layout.meta;
  if (!meta || !(BATCH in meta)) return layout;
  const { [BATCH]: _plan, ...rest } = meta;
  return { ...layout, meta: rest };
}

function softplus(z) {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

// The batch's mean loss at parameters (w, b), plus the surface's ℓ2 term;
// the same sum as surfaces/data_surface.py's batch_loss.
function batchLoss(meta, indices, w, b) {
  let sum = 0;
  for (const i of indices) {
    const f = meta.features[i];
    const z = w * f[0] + b * f[1];
    const t = meta.targets[i];
    sum += meta.loss === "squared" ? (z - t) * (z - t) : softplus(z) - t * z;
  }
  return sum / indices.length + 0.5 * meta.ridge * (w * w + b * b);
}

// z[j][i] at (x_i, y_j) on the meta's grid, as log10 of the height above the
// batch's lowest grid value: the level lines then ring the batch's own
// minimum, as the map's log heights ring the full loss's.
function batchHeights(meta, indices) {
  const [x0, x1, y0, y1, n] = meta.grid;
  const raw = [];
  let low = Infinity;
  let high = -Infinity;
  for (let j = 0; j < n; j++) {
    const row = [];
    const b = y0 + ((y1 - y0) * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const w = x0 + ((x1 - x0) * i) / (n - 1);
      const v = batchLoss(meta, indices, w, b);
      row.push(v);
      if (v < low) low = v;
      if (v > high) high = v;
    }
    raw.push(row);
  }
  const floor = Math.max(1e-9, 1e-4 * (high - low));
  return raw.map((row) => row.map((v) => Math.log10(v - low + floor)));
}

function batchTraceIndex(plot) {
  return (plot.data || []).findIndex((t) => t && t.meta === BATCH);
}

// The map's listener: draws the batch surface of the frame shown (or hides it
// while playing). Updates are coalesced to one per animation frame.
function onBatchFrame(Plotly, root, event) {
  const held = root.__descentLabBatch;
  if (!held || !event.detail || event.detail.key !== held.key) return;
  held.wanted = event.detail;
  if (held.pending) return;
  held.pending = true;
  requestAnimationFrame(() => {
    held.pending = false;
    const plot = held.plot;
    const index = batchTraceIndex(plot);
    if (index < 0 || !plot.isConnected) return;
    const { name, playing } = held.wanted;
    const indices = held.meta.steps[name];
    if (playing || !indices || !indices.length) {
      Plotly.restyle(plot, { visible: false }, [index]);
      return;
    }
    const z = batchHeights(held.meta, indices);
    Plotly.restyle(plot, { z: [z], visible: true }, [index]);
  });
}

// After a draw: remember the plot and its batch meta (none: nothing to do).
function holdBatch(Plotly, root, plot, layout, key) {
  const meta = layout.meta && layout.meta[BATCH];
  if (!meta) {
    root.__descentLabBatch = null;
    return;
  }
  const held = root.__descentLabBatch || {};
  root.__descentLabBatch = Object.assign(held, { plot, meta, key });
  if (!root.__descentLabBatchListener) {
    root.__descentLabBatchListener = (event) => onBatchFrame(Plotly, root, event);
    root.addEventListener(FRAME_EVENT, root.__descentLabBatchListener);
  }
}

// A following chart: shows the frame its leader shows.
function follow(Plotly, root, plot, leader) {
  root.__descentLabFollowed = { plot, leader };
  if (root.__descentLabFollower) return;
  root.__descentLabFollower = (event) => {
    const held = root.__descentLabFollowed;
    if (!held || !event.detail || event.detail.key !== held.leader) return;
    if (!held.plot.isConnected) return;
    animate(Plotly, held.plot, [event.detail.name], {
      mode: "immediate",
      frame: { duration: 0, redraw: false },
      transition: { duration: 0 },
    });
  };
  document.addEventListener(FRAME_EVENT, root.__descentLabFollower);
}

function unfollow(root) {
  if (root.__descentLabFollower) {
    document.removeEventListener(FRAME_EVENT, root.__descentLabFollower);
  }
  if (root.__descentLabBatchListener) {
    root.removeEventListener(FRAME_EVENT, root.__descentLabBatchListener);
  }
  root.__descentLabFollower = null;
  root.__descentLabBatchListener = null;
  root.__descentLabFollowed = null;
  root.__descentLabBatch = null;
}
