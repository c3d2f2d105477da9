"""The networks page's comparisons: weight norms under ℓ2 against decoupled
decay, and what each initialisation does at step 0 and over the first steps.
Plain dicts, as every figure here; words as in ``viz/network.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from surfaces.network.architecture import Architecture
from surfaces.network.history import History
from viz.network import CHART_WIDTH, Curve, _frame, _line, _words, _x_range
from viz.style import DEFAULT_LOOK, PALETTE, Look, axis, base_layout, sizes, thin

# The schemes' colours: Okabe-Ito without its yellow, faint on a projector.
SCHEME_COLORS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#000000",
    "#8C564B",
)


def weight_norms(arch: Architecture, flat: np.ndarray) -> np.ndarray:
    """‖W‖ of the weight matrices together (biases left out) of flat
    parameter vectors ``(..., P)``, in the order ``flatten`` lays them out
    (layer by layer: ``w`` row-major, then ``b``)."""
    flat = np.asarray(flat, np.float64)
    total = np.zeros(flat.shape[:-1])
    at = 0
    for a, b in arch.shapes:
        total += np.sum(flat[..., at : at + a * b] ** 2, axis=-1)
        at += a * b + b
    if at != flat.shape[-1]:
        raise ValueError(f"{flat.shape[-1]} parameters do not fit {arch}")
    return np.sqrt(total)


def norms_spec(
    curves: Sequence[Curve],
    arch: Architecture,
    words: Mapping[str, str] | None = None,
    look: Look = DEFAULT_LOOK,
    plot: int = 260,
) -> dict:
    """‖W‖ against the step for each run, from its kept snapshots and its
    final parameters."""
    w = _words(words)
    data = []
    for i, c in enumerate(curves):
        h = c.history
        steps = np.r_[h.snapshot_steps, h.steps]
        norms = weight_norms(arch, np.vstack([h.snapshots, h.final[None]]))
        name = c.label or w["weight_norm"]
        tip = f"{name}<br>{w['step']} %{{x}}: %{{y:.4g}}<extra></extra>"
        data.append(
            _line(
                steps,
                norms,
                name,
                PALETTE[i],
                look,
                hovertemplate=tip,
                line={"dash": c.dash},
            )
        )
    layout = base_layout(
        look,
        **_frame(look, plot, [d["name"] for d in data]),
        xaxis=axis(look, title=w["step"], range=_x_range(curves)),
        yaxis=axis(look, title=w["weight_norm"], rangemode="tozero"),
        hovermode="closest",
        uirevision="norms",
    )
    return {"data": data, "layout": layout}


def init_spec(
    grad_norms: Mapping[str, np.ndarray],
    first_steps: Mapping[str, History],
    names: Mapping[str, str],
    words: Mapping[str, str] | None = None,
    look: Look = DEFAULT_LOOK,
    plot: int = 280,
) -> dict:
    """Left: each scheme's per-layer gradient norm at step 0 (log axis; the
    input side first, the output layer last). Right: each scheme's training
    loss over its first steps, with log 2, the loss of guessing ½.
    ``names``: the schemes' legend names; one colour per scheme on both."""
    w = _words(words)
    data = []
    for i, (scheme, norms) in enumerate(grad_norms.items()):
        color = SCHEME_COLORS[i % len(SCHEME_COLORS)]
        layers = np.arange(1, len(norms) + 1)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "meta": f"grad {scheme}",
                "x": layers.astype(np.int32),
                "y": np.asarray(norms, np.float64),
                "name": names[scheme],
                "legendgroup": scheme,
                "line": {"color": color, "width": sizes(look).path},
                "marker": {"size": sizes(look).dot + 4, "color": color},
                "hovertemplate": f"{names[scheme]}<br>{w['layer']} %{{x}}: "
                "%{y:.2e}<extra></extra>",
            }
        )
    for i, (scheme, h) in enumerate(first_steps.items()):
        idx = thin(len(h.train_loss))
        tip = f"{names[scheme]}<br>{w['step']} %{{x}}: %{{y:.4g}}<extra></extra>"
        data.append(
            _line(
                idx,
                h.train_loss[idx],
                names[scheme],
                SCHEME_COLORS[i % 8],
                look,
                xaxis="x2",
                yaxis="y2",
                legendgroup=scheme,
                showlegend=False,
                meta=f"loss {scheme}",
                hovertemplate=tip,
            )
        )
    steps = max((h.steps for h in first_steps.values()), default=1)
    data.append(
        _line(
            [0, steps],
            [np.log(2.0)] * 2,
            w["log2"],
            "#777777",
            look,
            xaxis="x2",
            yaxis="y2",
            meta="log2",
            line={"dash": "dot", "width": 1.5},
        )
    )
    depth = max((len(n) for n in grad_norms.values()), default=1)
    names_shown = [d["name"] for d in data if d.get("showlegend", True)]
    font = sizes(look).font
    layout = base_layout(
        look,
        **_frame(
            look, plot, names_shown, left=round(3.2 * font + 22), width=2 * CHART_WIDTH
        ),
        xaxis=axis(
            look,
            title=w["layer"],
            domain=[0.0, 0.44],
            dtick=1,
            range=[0.7, depth + 0.3],
        ),
        yaxis=axis(
            look, title=w["grad_norm"], type="log", exponentformat="power", dtick=1
        ),
        xaxis2=axis(
            look, title=w["step"], domain=[0.58, 1.0], anchor="y2", range=[0, steps]
        ),
        yaxis2=axis(look, title=w["first_loss"], anchor="x2", rangemode="tozero"),
        hovermode="closest",
        uirevision="inits",
    )
    return {"data": data, "layout": layout}
