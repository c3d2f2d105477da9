"""The names the browser reads in a figure, defined once.

The chart component (ui/assets/*.js) and the exported page read these trace
tags and layout keys; ``ui.chart.tags_script`` hands them to the JavaScript as
``TAGS``, so a tag renamed here is renamed there and a misspelt one is caught
by tests/test_tags.py instead of vanishing.
"""

from __future__ import annotations

BACKGROUND = "background"  # a trace's meta: drawn once on the static layer behind
PATH = "path"  # a trace's meta: a run's path (what the browser tests read)
BATCH = "batch"  # a trace's meta and a layout.meta key: the mini-batch surface
BOTTOM = "bottom"  # a layout.meta key: the margin the play bar sits in
FRAME_EVENT = "descentlab:frame"  # the play bar's event: the frame it shows
# The URL key that swaps the chart component for Plotly's standard chart
# (?chart=plain: to compare, or to escape): read by ui/chart.py, kept by
# every page's links (scenes/query.py). Here, not there, so the chart's
# minimal test apps need not import the optimizers.
CHART_KEY = "chart"
PLAIN = "plain"
# px between a map kept at equal scales and its colour bar: the app's chart
# (ui/assets/chart.js) and the exported page (ui/export.py) place it alike.
COLORBAR_GAP = 12

BROWSER_TAGS = {
    "background": BACKGROUND,
    "path": PATH,
    "batch": BATCH,
    "bottom": BOTTOM,
    "frameEvent": FRAME_EVENT,
    "colorbarGap": COLORBAR_GAP,
}
