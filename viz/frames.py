"""Animation: which steps get a frame, and the Play/Pause + step slider."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from viz.style import Look, sizes

CONTROLS_HEIGHT = 84  # px under the axes for plotly's own buttons and slider


def frame_steps(steps: int, most: int) -> np.ndarray:
    """At most ``most`` step indices from 0 to ``steps``, both ends included."""
    return np.unique(np.linspace(0, steps, min(most, steps + 1)).round().astype(int))


def build_frames(
    steps: np.ndarray, traces: Sequence[int], data_at: Callable[[int], list[dict]]
) -> list[dict]:
    """Plain-dict frames that touch only ``traces`` (10x faster than go.Frame)."""
    return [
        {"name": str(k), "data": data_at(int(k)), "traces": list(traces)} for k in steps
    ]


def animation_controls(
    steps: np.ndarray,
    redraw: bool,
    duration: int = 60,
    *,
    look: Look | None = None,
    below: int = 50,
) -> dict:
    """``updatemenus`` and ``sliders`` for a layout, ``below`` px under the axes.

    The chart component replaces them with its own bar (ui/chart.py); they
    serve ``st.plotly_chart`` and exported figures. The play speed travels in
    ``frame.duration`` (ms per frame).
    """
    look = look or Look()
    font = {"size": sizes(look).font}
    # The markers start at the last step, so ▶ plays from step 0 (resuming "from
    # current" would play nothing); the slider scrubs.
    play = {
        "frame": {"duration": duration, "redraw": redraw},
        "fromcurrent": False,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    pause = {"frame": {"duration": 0, "redraw": redraw}, "mode": "immediate"}
    buttons = [
        {"label": "▶", "method": "animate", "args": [None, play]},
        {"label": "❚❚", "method": "animate", "args": [[None], pause]},
    ]
    slider_steps = [
        {"label": str(k), "method": "animate", "args": [[str(k)], pause]} for k in steps
    ]
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "left",
                "buttons": buttons,
                "x": 0.0,
                "y": 0.0,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": below + 24, "r": 10},
                "showactive": False,
                "font": font,
            }
        ],
        "sliders": [
            {
                "steps": slider_steps,
                "active": len(steps) - 1,
                "x": 0.14,
                "len": 0.86,
                "y": 0.0,
                "yanchor": "top",
                "currentvalue": {
                    **_step_words(look.texts.step),
                    "font": {**font, "color": "#333"},
                },
                # One tick per frame is a comb of labels: hide the labels.
                "font": {**font, "color": "rgba(0,0,0,0)"},
                "ticklen": 0,
                "minorticklen": 0,
                "pad": {"t": below},
            }
        ],
    }


def _step_words(step: str) -> dict:
    """ "step" is a prefix ("step 12"), or a template around ``{n}`` ("第 {n} 步")."""
    if "{n}" in step:
        prefix, suffix = step.split("{n}", 1)
        return {"prefix": prefix, "suffix": suffix}
    return {"prefix": f"{step} "}
