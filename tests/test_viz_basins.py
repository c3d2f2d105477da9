"""The basins figure (viz/basins.py): valid plotly, every start in the colour
of the minimum it reaches, the minima in theirs, a byte budget, and on a 1-D
strip the colour changes exactly at the maxima between minima."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from optimizers.sweep import basins
from surfaces import get_surface
from viz import Path, surface_grid, to_json
from viz.basins import (
    NONE_COLOR,
    basin_color,
    basins_spec,
    counts,
    maxima_between,
    strip_spec,
)

from .apphelp import array


@pytest.fixture(scope="module")
def himmelblau():
    surface = get_surface("himmelblau")
    return surface, basins(surface, "gd", resolution=32, steps=300, lr=0.01)


def cell_colors(trace: dict) -> np.ndarray:
    """The colour plotly paints each cell: z through the stepped scale."""
    z = np.asarray(trace["z"], dtype=float)
    share = (z - trace["zmin"]) / (trace["zmax"] - trace["zmin"])
    scale = trace["colorscale"]
    bands = len(scale) // 2
    index = np.clip((share * bands).astype(int), 0, bands - 1)
    colors = np.asarray([scale[2 * i][1] for i in range(bands)])
    return colors[index]


def decoded(spec: dict) -> dict:
    """The spec as the browser receives it (typed arrays as bdata)."""
    return json.loads(to_json(spec))


def test_every_start_has_the_colour_of_its_minimum(himmelblau) -> None:
    surface, b = himmelblau
    spec = basins_spec(surface, b, surface_grid(surface, n=40))
    go.Figure(spec)  # valid plotly, checked by its validators
    cells = decoded(spec)["data"][0]
    assert cells["type"] == "heatmap"
    z = array(cells["z"]).reshape(b.labels.shape)
    cells["z"] = z
    expected = np.vectorize(basin_color)(b.labels)
    np.testing.assert_array_equal(cell_colors(cells), expected)
    assert set(np.unique(b.labels)) == {0, 1, 2, 3}  # all four basins drawn
    np.testing.assert_allclose(array(cells["x"]), b.xs, rtol=1e-6)
    np.testing.assert_allclose(array(cells["y"]), b.ys, rtol=1e-6)


def test_the_minima_wear_their_basins_colours(himmelblau) -> None:
    surface, b = himmelblau
    spec = basins_spec(surface, b, surface_grid(surface, n=40))
    stars = next(t for t in spec["data"] if "text" in t and t["type"] == "scatter")
    assert stars["marker"]["color"] == [basin_color(k) for k in range(4)]
    assert stars["x"] == [m.point[0] for m in surface.minima]
    assert len(set(stars["marker"]["color"])) == 4
    assert NONE_COLOR not in stars["marker"]["color"]
    assert sum(counts(b)) == b.labels.size


def test_the_hover_names_start_end_and_steps(himmelblau) -> None:
    surface, b = himmelblau
    cells = basins_spec(surface, b, surface_grid(surface, n=40))["data"][0]
    assert "start" in cells["hovertemplate"] and "end" in cells["hovertemplate"]
    i, j = 5, 7
    np.testing.assert_allclose(cells["customdata"][i, j], b.final_points[i, j])
    assert cells["text"][i][j] == str(int(b.reached_at[i, j]))
    level = basins_spec(surface, b, surface_grid(surface, n=40))["data"][1]
    assert level["type"] == "contour" and level["hoverinfo"] == "skip"


def test_diverged_starts_are_grey_and_say_when() -> None:
    surface = get_surface("himmelblau")
    b = basins(surface, "gd", resolution=16, steps=100, lr=0.2)
    assert (b.labels == -1).any() and (b.diverged_at >= 0).any()
    cells = basins_spec(surface, b, surface_grid(surface, n=20))["data"][0]
    frozen = np.argwhere(b.diverged_at >= 0)[0]
    assert cells["text"][frozen[0]][frozen[1]].startswith("diverged at step")
    assert cell_colors(cells)[tuple(frozen)] == NONE_COLOR


def test_a_picked_start_draws_each_path(himmelblau) -> None:
    surface, b = himmelblau
    points = np.array([[0.0, 0.0], [1.0, 1.0], [3.0, 2.0]])
    path = Path("GD", "#111111", points, np.zeros(3))
    spec = basins_spec(
        surface, b, surface_grid(surface, n=20), pick=(0.0, 0.0), paths=[path]
    )
    lines = [t for t in spec["data"] if t.get("meta") == "path"]
    assert len(lines) == 1 and list(lines[0]["x"]) == [0.0, 1.0, 3.0]
    assert spec["data"][-1]["marker"]["symbol"] == "x"


def test_a_128_map_is_under_one_megabyte() -> None:
    surface = get_surface("himmelblau")
    b = basins(surface, "gd", resolution=128, steps=200, lr=0.01)
    spec = basins_spec(surface, b, surface_grid(surface, n=80))
    size = len(to_json(spec).encode())
    assert size < 1_000_000, size
    assert spec["data"][0]["z"].dtype == np.float32


def test_a_strip_changes_colour_at_the_maxima_to_one_cell() -> None:
    surface = get_surface("sin_minus_square")
    b = basins(surface, "gd", resolution=400, steps=3000, lr=0.005)
    curve = surface_grid(surface, n=2000)
    spec = strip_spec(surface, b, curve)
    go.Figure(spec)
    cells = spec["data"][0]
    assert np.asarray(cells["z"]).shape == (1, 400)
    colors = cell_colors(cells)[0]
    changes = np.flatnonzero(colors[1:] != colors[:-1])
    peaks = [x for x, _ in maxima_between(b, curve)]
    assert len(peaks) == 2  # three minima: two maxima between them
    tops = spec["data"][-1] if spec["data"][-1]["marker"]["symbol"] != "x" else None
    assert tops is not None and tops["x"] == peaks
    documented = sorted(m.point[0] for m in surface.maxima)
    for peak in peaks:  # the numeric maxima are the documented ones
        assert min(abs(peak - d) for d in documented) < 0.02
    cell = b.xs[1] - b.xs[0]
    inside = [c for c in changes if colors[c] != NONE_COLOR != colors[c + 1]]
    assert inside  # two basins of minima meet …
    for c in inside:  # … only at a maximum, to one cell
        assert min(abs(b.xs[c] + cell / 2 - p) for p in peaks) <= cell
    for peak in peaks:
        assert any(abs(b.xs[c] + cell / 2 - peak) <= cell for c in changes)
