"""Every optimizer x every surface x extreme settings: a result, never a crash.

The issue's table: smallest and largest lr, momentum 0.999, noise 10. Each run
must finish, report divergence as data (frozen, finite points), and give a
contour / 1-D figure with no NaN in its JSON.
"""

import json
from functools import cache

import numpy as np
import pytest

from optimizers import OPTIMIZERS, run
from surfaces import SURFACES, get_surface
from ui.data import figure_path
from viz import contour_spec, line_spec, surface_grid

STEPS = 300


def extremes(opt_key: str) -> list[dict]:
    specs = {h.key: h for h in OPTIMIZERS[opt_key].all_hyperparams}
    cases = []
    if "lr" in specs:
        cases += [{"lr": specs["lr"].low}, {"lr": specs["lr"].high}]
    for key in ("momentum", "beta1"):
        if key in specs:
            cases.append({key: 0.999})
    if "noise" in specs:
        cases.append({"noise": 10.0, "seed": 7})
    return cases or [{}]


@cache
def grid(surface_key: str):
    s = get_surface(surface_key)
    return surface_grid(s, {}, 40 if s.dim == 2 else 200)


def figure_json(surface_key: str, t) -> str:
    s = get_surface(surface_key)
    path = figure_path(t, "run", "#000", "solid", ())  # swarm, simplex, trials
    if s.dim == 2:
        spec = contour_spec(s, grid(surface_key), [path], s.start, t.steps)
    else:
        spec = line_spec(s, grid(surface_key), [path], t.steps)
    # allow_nan=False: a NaN anywhere in the figure is an error here.
    return json.dumps(spec, default=_plain, allow_nan=False)


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(type(value))


@pytest.mark.parametrize("surface_key", list(SURFACES))
@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_extreme_settings_give_results(opt_key: str, surface_key: str) -> None:
    for setting in extremes(opt_key):
        t = run(surface_key, opt_key, steps=STEPS, **setting)
        assert np.all(np.isfinite(t.points)), setting
        assert np.all(np.isfinite(t.values)), setting
        if t.diverged_at is not None:
            k = t.diverged_at
            assert np.all(t.points[k:] == t.points[k - 1]), setting
        figure_json(surface_key, t)


def test_the_largest_lr_diverges_and_says_when() -> None:
    t = run("rosenbrock", "gd", steps=STEPS, lr=10.0)
    assert t.diverged_at is not None and t.diverged_at <= 3
    assert t.evals["grad"] == t.diverged_at
