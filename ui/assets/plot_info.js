// What plotly.js computed for a drawn plot: margins, the axes' pixel boxes
// and ranges, the legend's place. plotly.js 7 has no public API for these
// (only its private _fullLayout), so this is the one place that reads them:
// a plotly.js upgrade that moves them breaks this function and its test
// (tests/test_plot_info.py), nothing else. Plain script: the chart component
// and the exported page both include it.

function axisInfo(axis) {
  if (!axis || axis._length == null) return null;
  return {
    offset: axis._offset, // px from the plot's left (x) or top (y) edge
    length: axis._length,
    range: axis.range.slice(),
    domain: axis.domain.slice(),
    log: axis.type === "log",
  };
}

// A snapshot of one drawn 2-D or 3-D plot, or null when it is not drawn yet.
function plotInfo(plot) {
  const full = plot && plot._fullLayout;
  if (!full || !full._size || !plot._fullData) return null;
  const s = full._size;
  const legend = full.legend || null;
  return {
    size: { l: s.l, r: s.r, t: s.t, b: s.b, w: s.w, h: s.h },
    x: axisInfo(full.xaxis),
    y: axisInfo(full.yaxis),
    legend: legend ? { orientation: legend.orientation, x: legend.x } : null,
  };
}
