"""Every limit a scene obeys, defined once: the UI, parsers and tests import them."""

from __future__ import annotations

from optimizers import STEP_BUDGET

MAX_RUNS = 12  # runs in one scene; also the palette's length (viz.style.PALETTE)
FAN_MOST = 8  # seeds drawn at once for one run (one vectorised call: run_fan)
MIN_STEPS = 1
MAX_STEPS = STEP_BUDGET
DEFAULT_STEPS = 200
LABEL_MOST = 60  # characters of a run's own label
VALUE_MOST = 600  # characters of one URL parameter's value; longer is ignored
START_MARGIN = 1.0  # a start may lie this many view-box widths outside the box
