"""The loss-landscape page's numbers (ui/landscape_compute.py) and figures
(viz/landscape.py, viz/landscape_lines.py), checked against the library:
the contour is the library's plane, its centre the trained loss, the paths
end where their weights project, the lines pass through θ₀ and θ*, the
sharp/flat pair shares one normalisation and one colour scale."""

from __future__ import annotations

import numpy as np
import pytest

from surfaces.network import Architecture, flatten, loss, unflatten
from surfaces.network.landscape import directions, filter_norms, plane
from surfaces.network.pca import path_pca, path_plane
from ui import landscape_compute as compute
from ui import landscape_pca
from ui.landscape_compute import Data, Run
from viz import to_json
from viz.heights import Heights
from viz.landscape import (
    PlanePath,
    Scale,
    colorbar_ticks,
    finite,
    plane_spec,
    shared_scale,
)
from viz.landscape3d import plane_surface_spec
from viz.landscape_lines import Line, lines_spec

from .apphelp import array
from .compiles import compiles_during

ARCH = Architecture((8, 8))
DATA = Data("moons", 60, 0.2, 0)
SPLIT = DATA.split()  # 45 training points, 15 for validation
RUNS = (Run("gd", 0.5, 9, 200, 0), Run("adam", 0.02, 9, 200, 0))


@pytest.fixture(scope="module")
def trained() -> list:
    return [(r.method, compute.train_run(SPLIT, ARCH, r)) for r in RUNS]


def _loss(theta: np.ndarray, X=SPLIT.X_train, y=SPLIT.y_train) -> float:
    return float(loss(ARCH, unflatten(ARCH, theta), X, y))


def _z(spec: dict) -> np.ndarray:
    (contour,) = [tr for tr in spec["data"] if tr["type"] == "contour"]
    z = contour["z"]
    return np.asarray(z, np.float64)


# --- The random plane ---------------------------------------------------------


def test_the_contour_is_the_librarys_plane_and_its_centre_the_trained_loss(
    trained,
) -> None:
    history = trained[0][1]
    result = compute.random_plane(SPLIT, ARCH, history, seed=3, span=1.0, resolution=21)
    d1, d2 = directions(ARCH, history.final, 3)
    np.testing.assert_array_equal(result.directions, np.stack([d1, d2]))
    axis = np.linspace(-1, 1, 21)
    want = plane(ARCH, SPLIT.X_train, SPLIT.y_train, history.final, d1, d2, axis, axis)
    np.testing.assert_allclose(result.losses, want, rtol=1e-12)
    # (0, 0) is the trained net: its training loss, as the library recorded it
    assert result.losses[10, 10] == pytest.approx(history.train_loss[-1], rel=1e-12)
    assert result.center_loss == history.train_loss[-1]
    # the figure draws these numbers: on a linear scale, z is the plane itself
    linear = Scale(Heights(False, 0.0, 0.0), float(want.min()), float(want.max()))
    spec = plane_spec(
        axis,
        axis,
        result.losses,
        x_title="α",
        y_title="β",
        colorbar="loss",
        center="θ*",
        scale=linear,
    )
    np.testing.assert_allclose(_z(spec), want.astype(np.float32), rtol=0)
    mark = spec["data"][-1]
    assert (mark["x"], mark["y"], mark["name"]) == ([0.0], [0.0], "θ*")
    # and on the scale it picks, z is that scale's map of the plane
    picked = plane_spec(axis, axis, result.losses, x_title="", y_title="", colorbar="")
    shown = shared_scale(want).heights(want).astype(np.float32)
    np.testing.assert_allclose(_z(picked), shown, rtol=0)


def test_a_plane_of_any_resolution_compiles_nothing_new(trained) -> None:
    """Blocks of a fixed size: one executable for 21², 31², 51² and any box."""
    history = trained[0][1]
    d1, d2 = directions(ARCH, history.final, 0)
    X, y, theta = SPLIT.X_train, SPLIT.y_train, history.final
    plane(ARCH, X, y, theta, d1, d2, np.zeros(3), np.zeros(3))

    def sizes() -> list:
        return [
            plane(
                ARCH, X, y, theta, d1, d2, np.linspace(-s, s, n), np.linspace(-1, 1, n)
            )
            for n, s in ((21, 1.0), (31, 0.5), (51, 2.0), (22, 1.0))
        ]

    assert compiles_during(sizes) == 0
    n = 22  # 484 points: two blocks, the second padded
    grid = sizes()[-1]
    axis = np.linspace(-1, 1, n)
    # Cells of both blocks, the padded one's last included, equal the loss
    # computed directly at their points.
    for i, j in ((0, 0), (5, 17), (20, 1), (21, 21)):
        point = theta + axis[j] * d1 + axis[i] * d2
        assert grid[i, j] == pytest.approx(_loss(point, X, y), rel=1e-10)


def test_the_3d_view_is_the_same_plane(trained) -> None:
    history = trained[0][1]
    result = compute.random_plane(SPLIT, ARCH, history, seed=0, span=0.5, resolution=21)
    spec = plane_surface_spec(
        result.alphas,
        result.alphas,
        result.losses,
        x_title="α",
        y_title="β",
        z_title="loss",
    )
    surface, mark = spec["data"]
    assert surface["type"] == "surface" and mark["type"] == "scatter3d"
    z = np.asarray(surface["z"], np.float64)
    heights = shared_scale(result.losses).heights
    if not heights.log:  # log heights are floored at a percentile (viz/surface3d)
        np.testing.assert_allclose(z, result.losses.astype(np.float32), rtol=0)
    assert mark["x"] == [0.0] and mark["y"] == [0.0]
    assert mark["z"][0] >= float(heights(result.center_loss))  # above the surface


# --- The PCA plane --------------------------------------------------------------


def test_one_path_gets_the_papers_plane(trained) -> None:
    """One run: exactly the library's path_plane (their §7 construction)."""
    method, history = trained[1]
    mine = landscape_pca.pca_plane(SPLIT, ARCH, [trained[1]], resolution=9)
    steps, points = landscape_pca.path_points(history)
    assert steps[-1] == history.steps and np.array_equal(points[-1], history.final)
    theirs = path_plane(
        ARCH, SPLIT.X_train, SPLIT.y_train, points, history.final, resolution=9
    )
    np.testing.assert_allclose(mine.alphas, theirs.alphas, rtol=1e-12)
    np.testing.assert_allclose(mine.betas, theirs.betas, rtol=1e-12)
    np.testing.assert_allclose(mine.losses, theirs.losses, rtol=1e-12)
    np.testing.assert_allclose(mine.explained, theirs.pca.explained, rtol=1e-12)
    (path,) = mine.paths
    np.testing.assert_allclose(path.coords[-1], [0.0, 0.0], atol=1e-12)
    assert path.losses[-1] == history.train_loss[-1]
    assert mine.reference == method


def test_several_paths_share_one_plane_through_the_reference(trained) -> None:
    result = landscape_pca.pca_plane(SPLIT, ARCH, trained, resolution=11)
    (_, h_gd), (_, h_adam) = trained
    assert result.reference == "gd"
    stacked = np.concatenate([landscape_pca.path_points(h)[1] for _, h in trained])
    pca = path_pca(stacked, h_gd.final)
    np.testing.assert_allclose(result.explained, pca.explained, rtol=1e-12)
    ref, other = result.paths
    # the reference ends at the origin; both start at the shared θ₀
    np.testing.assert_allclose(ref.coords[-1], [0.0, 0.0], atol=1e-10)
    np.testing.assert_allclose(ref.coords[0], other.coords[0], atol=1e-10)
    # the other path ends at the projection of its own final weights
    projected = pca.directions @ (h_adam.final - h_gd.final)
    np.testing.assert_allclose(other.coords[-1], projected, rtol=1e-10)
    assert other.losses[-1] == h_adam.train_loss[-1]
    # the grid is the loss on that plane, through the reference's weights
    d1, d2 = pca.directions
    i, j = 7, 3
    point = h_gd.final + result.alphas[j] * d1 + result.betas[i] * d2
    assert result.losses[i, j] == pytest.approx(_loss(point), rel=1e-10)
    # every path lies inside the drawn box
    for p in result.paths:
        assert result.alphas[0] < p.coords[:, 0].min() <= p.coords[:, 0].max()
        assert p.coords[:, 0].max() < result.alphas[-1]
        assert result.betas[0] < p.coords[:, 1].min()
        assert p.coords[:, 1].max() < result.betas[-1]


def test_the_figure_draws_each_path_to_its_end(trained) -> None:
    result = landscape_pca.pca_plane(SPLIT, ARCH, trained, resolution=11)
    paths = [
        PlanePath(p.method, color, p.coords, p.steps, p.losses)
        for p, color in zip(result.paths, ("#111111", "#222222"), strict=True)
    ]
    spec = plane_spec(
        result.alphas,
        result.betas,
        result.losses,
        x_title="PC1",
        y_title="PC2",
        colorbar="loss",
        paths=paths,
        center="θ*",
        start="θ₀",
    )
    lines = [tr for tr in spec["data"] if tr.get("meta") == "path"]
    assert [tr["name"] for tr in lines] == ["gd", "adam"]
    for line, p in zip(lines, result.paths, strict=True):
        x, y = array(line["x"]), array(line["y"])
        assert (x[-1], y[-1]) == pytest.approx(tuple(p.coords[-1]), abs=1e-5)
        assert (x[0], y[0]) == pytest.approx(tuple(p.coords[0]), abs=1e-5)
    assert array(lines[0]["x"])[-1] == pytest.approx(0.0, abs=1e-6)
    names = [tr.get("name") for tr in spec["data"]]
    assert names[-2:] == ["θ₀", "θ*"]
    start = spec["data"][-2]
    assert (start["x"][0], start["y"][0]) == pytest.approx(tuple(paths[0].coords[0]))


# --- Lines ------------------------------------------------------------------------


def test_the_interpolation_passes_through_the_initial_and_final_losses(
    trained,
) -> None:
    curves = compute.interpolations(SPLIT, ARCH, trained)
    assert [c.label for c in curves] == ["gd", "adam"]
    for curve, (_, h) in zip(curves, trained, strict=True):
        assert curve.x[0] == -0.5 and curve.x[-1] == 1.5
        assert len(curve.x) == compute.LINE_POINTS
        at0, at1 = np.argmin(np.abs(curve.x)), np.argmin(np.abs(curve.x - 1))
        assert curve.x[at0] == pytest.approx(0.0, abs=1e-15)
        assert curve.train[at0] == pytest.approx(h.train_loss[0], rel=1e-12)
        assert curve.train[at1] == pytest.approx(h.train_loss[-1], rel=1e-12)
        assert curve.val[at0] == pytest.approx(h.val_loss[0], rel=1e-12)
        assert curve.val[at1] == pytest.approx(h.val_loss[-1], rel=1e-12)
    # one θ₀ for every method: the curves meet at t = 0
    assert curves[0].train[20] == pytest.approx(curves[1].train[20], rel=1e-12)
    lines = [Line(c.label, "#000000", c.x, c.train, c.val) for c in curves]
    spec = lines_spec(
        lines,
        x_title="t",
        y_title="loss",
        dashed="dashed: validation",
        marks=((0.0, "θ₀"), (1.0, "θ*")),
    )
    train, val = spec["data"][0], spec["data"][1]
    assert train["meta"] == "train" and val["line"]["dash"] == "dash"
    np.testing.assert_allclose(array(train["y"]), curves[0].train.astype(np.float32))
    np.testing.assert_allclose(array(val["y"]), curves[0].val.astype(np.float32))
    assert [s["x0"] for s in spec["layout"]["shapes"]] == [0.0, 1.0]
    assert spec["data"][-1]["name"] == "dashed: validation"


def test_sharp_and_flat_share_the_normalisation_and_the_scale() -> None:
    run = Run("adam", 0.02, 9, 150, 0)
    pair = compute.sharp_flat(
        SPLIT, ARCH, run, small=5, large=0, direction_seed=2, resolution=11
    )
    small, large = pair.minima["small"], pair.minima["large"]
    assert (small.batch_size, large.batch_size) == (5, len(SPLIT.y_train))
    np.testing.assert_array_equal(
        small.history.snapshots[0], large.history.snapshots[0]
    )
    units = []
    for m, curve, grid in zip((small, large), pair.curves, pair.planes, strict=True):
        theta = m.history.final
        for d in m.directions:  # each direction at its own net's filter norms
            for got, want in zip(
                filter_norms(ARCH, d), filter_norms(ARCH, theta), strict=True
            ):
                np.testing.assert_allclose(got, want, rtol=1e-12)
            assert not any(np.any(layer.b) for layer in unflatten(ARCH, d))
        first = unflatten(ARCH, m.directions[0])[0].w
        units.append(first / np.linalg.norm(first, axis=0)[None, :])
        mid = len(curve.x) // 2
        assert curve.x[mid] == 0.0
        assert curve.train[mid] == pytest.approx(m.history.train_loss[-1], rel=1e-12)
        assert curve.val[mid] == pytest.approx(m.history.val_loss[-1], rel=1e-12)
        np.testing.assert_allclose(curve.train, m.train_losses, rtol=0)
        assert grid[5, 5] == pytest.approx(m.history.train_loss[-1], rel=1e-12)
        d1, d2 = m.directions
        want = plane(
            ARCH, SPLIT.X_train, SPLIT.y_train, theta, d1, d2, pair.alphas, pair.alphas
        )
        np.testing.assert_allclose(grid, want, rtol=1e-12)
    np.testing.assert_allclose(units[0], units[1], rtol=1e-12)  # the same draws
    # two maps, one colour scale and one set of levels
    scale = shared_scale(*pair.planes)
    specs = [
        plane_spec(
            pair.alphas,
            pair.alphas,
            g,
            x_title="α",
            y_title="β",
            colorbar="loss",
            scale=scale,
        )
        for g in pair.planes
    ]
    contours = [s["data"][0] for s in specs]
    for key in ("zmin", "zmax", "contours"):
        assert contours[0][key] == contours[1][key]
    both = np.concatenate([g.ravel() for g in pair.planes])
    assert contours[0]["zmin"] == pytest.approx(float(scale.heights(both).min()))
    assert contours[0]["zmax"] == pytest.approx(float(scale.heights(both).max()))
    assert contours[0]["colorbar"]["ticktext"] == contours[1]["colorbar"]["ticktext"]


# --- Small pieces and budgets ---------------------------------------------------


def test_non_finite_losses_never_reach_a_figure() -> None:
    z = np.array([[1.0, np.nan], [np.inf, 3.0]])
    np.testing.assert_array_equal(finite(z), [[1.0, 3.0], [3.0, 3.0]])
    spec = plane_spec(
        np.arange(2.0), np.arange(2.0), z, x_title="", y_title="", colorbar=""
    )
    assert np.all(np.isfinite(_z(spec)))
    assert "NaN" not in to_json(spec) and "Infinity" not in to_json(spec)


@pytest.mark.parametrize(
    "values",
    [
        np.linspace(0.127, 3.4, 50),
        np.geomspace(0.002, 9.0, 200),
        np.r_[np.full(90, 0.126), np.geomspace(0.13, 3.7, 100)],
    ],
)
def test_colour_bar_ticks_are_round_losses_in_range(values: np.ndarray) -> None:
    scale = shared_scale(values)
    positions, labels = colorbar_ticks(scale)
    assert len(positions) >= 3 and len(positions) == len(labels)
    assert np.all(np.diff(positions) > 0)
    assert scale.low - 1e-9 <= positions[0] and positions[-1] <= scale.high + 1e-9
    losses = [float(label) for label in labels]
    assert np.all(np.diff(losses) > 0)
    for at, shown in zip(positions, losses, strict=True):  # labels name their place
        assert float(scale.heights(shown)) == pytest.approx(
            at, abs=0.05 * abs(at) + 0.05
        )


def test_figures_stay_within_their_byte_budgets(trained) -> None:
    history = trained[0][1]
    result = compute.random_plane(SPLIT, ARCH, history, seed=0, span=1.0, resolution=51)
    contour = plane_spec(
        result.alphas,
        result.alphas,
        result.losses,
        x_title="α",
        y_title="β",
        colorbar="loss",
        center="θ*",
    )
    surface = plane_surface_spec(
        result.alphas,
        result.alphas,
        result.losses,
        x_title="α",
        y_title="β",
        z_title="loss",
    )
    assert len(to_json(contour)) < 25_000  # 51 x 51 float32: ~14 kB of base64
    assert len(to_json(surface)) < 25_000
    pca = landscape_pca.pca_plane(SPLIT, ARCH, trained, resolution=51)
    paths = [
        PlanePath(p.method, "#000", p.coords, p.steps, p.losses) for p in pca.paths
    ]
    drawn = plane_spec(
        pca.alphas,
        pca.betas,
        pca.losses,
        x_title="",
        y_title="",
        colorbar="",
        paths=paths,
    )
    assert len(to_json(drawn)) < 60_000
    curves = compute.interpolations(SPLIT, ARCH, trained)
    lines = lines_spec(
        [Line(c.label, "#000", c.x, c.train, c.val) for c in curves],
        x_title="t",
        y_title="loss",
        dashed="--",
    )
    assert len(to_json(lines)) < 12_000


def test_the_default_page_data_trains_every_default_method_well() -> None:
    """The page's defaults show something at once: each default method
    brings the training loss of the default net well below its start."""
    from ui.landscape_settings import Settings

    s = Settings()
    split = Data(s.data, s.points, s.noise, s.data_seed).split()
    arch = Architecture(s.hidden, s.activation)
    for method in s.methods:
        run = Run(method, s.lr(method), s.batch, s.steps, s.seed)
        h = compute.train_run(split, arch, run)
        assert h.diverged_at is None
        assert h.train_loss[-1] < 0.25 < 0.6 < h.train_loss[0], method
        assert h.val_acc[-1] > 0.8


def test_path_points_end_at_the_final_weights_when_steps_skip_it(trained) -> None:
    run = Run("gd", 0.5, 9, 1003, 0)  # 1 003 steps: snapshots every 3, last at 1 002
    h = compute.train_run(SPLIT, ARCH, run)
    steps, points = landscape_pca.path_points(h)
    assert h.snapshot_steps[-1] < h.steps
    assert steps[-1] == h.steps and np.array_equal(points[-1], h.final)
    assert np.array_equal(points[:-1], h.snapshots)
    assert flatten(unflatten(ARCH, points[0])).shape == (ARCH.n_params,)
