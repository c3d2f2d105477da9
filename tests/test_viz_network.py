"""The networks page's figures: the curves are the History's numbers with the
early-stopping marks where the rule puts them, the boundary is
probability_grid at the chosen step, weight norms are the parameters' own,
the initialisation figure shows the vanishing gradient; no frames, small JSON."""

from __future__ import annotations

import numpy as np
import pytest

from surfaces.datasets import classification
from surfaces.network import (
    Architecture,
    compare_inits,
    data_box,
    split_data,
    unflatten,
)
from surfaces.network.boundary import probability_grid
from surfaces.network.first_steps import first_steps
from surfaces.network.train import train
from viz import Look, to_json
from viz.network import WORDS, Curve, curves_spec
from viz.network_boundary import boundary_spec, square_box
from viz.network_compare import init_spec, norms_spec, weight_norms

from .apphelp import array

ARCH = Architecture((8, 8))
X, Y = classification("moons", 60, 0.3, 1)
SPLIT = split_data(X, Y, 0.25, 1)  # 45 training points, 15 for validation


@pytest.fixture(scope="module")
def history():
    """Mini-batches, and patience short enough to stop."""
    return train(
        SPLIT, "adam", arch=ARCH, steps=300, batch_size=8, lr=0.05, patience=20
    )


def by_meta(spec: dict, meta: str) -> dict:
    (trace,) = [t for t in spec["data"] if t.get("meta") == meta]
    return trace


def named(spec: dict, name: str) -> list[dict]:
    return [t for t in spec["data"] if t.get("name") == name]


def values(v) -> np.ndarray:
    """A trace's numbers, sent as a list or as a typed array."""
    return array(v)


def test_the_curves_are_the_histories_numbers(history) -> None:
    spec = curves_spec([Curve(history)], shown=120)
    loss, acc = named(spec, WORDS["training"])
    assert "yaxis" not in loss and acc["yaxis"] == "y2"
    np.testing.assert_allclose(values(loss["y"]), history.train_loss, rtol=1e-6)
    np.testing.assert_array_equal(values(loss["x"]), np.arange(301))
    np.testing.assert_allclose(values(acc["y"]), history.train_acc, rtol=1e-6)
    val_loss, val_acc = named(spec, WORDS["validation"])
    np.testing.assert_allclose(values(val_loss["y"]), history.val_loss, rtol=1e-6)
    np.testing.assert_allclose(values(val_acc["y"]), history.val_acc, rtol=1e-6)
    (batch,) = named(spec, WORDS["batch_loss"])  # K = 8 < 45: mini-batches
    np.testing.assert_allclose(values(batch["y"]), history.batch_loss, rtol=1e-6)
    (line,) = spec["layout"]["shapes"]  # the step the boundary shows
    assert line["x0"] == line["x1"] == 120
    assert "frames" not in spec


def test_the_early_stopping_marks(history) -> None:
    assert history.stopped_at is not None  # patience 20 stops this run
    spec = curves_spec([Curve(history)])
    best = by_meta(spec, "best")
    assert best["x"] == [history.best_step]
    assert best["x"] == [int(np.argmin(history.val_loss))]
    assert best["y"] == pytest.approx([history.val_loss.min()])
    stop = by_meta(spec, "early_stop")
    assert stop["x"] == [history.stopped_at] * 2
    kept = [t for t in spec["data"] if t.get("meta") == "kept"]
    if history.restored_step != history.best_step:
        assert kept[0]["x"] == [history.restored_step]
    else:
        assert not kept
    never = train(
        SPLIT, "adam", arch=ARCH, steps=50, batch_size=0, lr=0.05, patience=None
    )
    spec = curves_spec([Curve(never)])
    assert {t.get("meta") for t in spec["data"]} >= {"best"}
    assert not [t for t in spec["data"] if t.get("meta") in ("early_stop", "kept")]
    assert not named(spec, WORDS["batch_loss"])  # the full batch: no batch noise


def test_two_runs_overlaid_with_their_labels(history) -> None:
    other = train(
        SPLIT,
        "adamw",
        arch=ARCH,
        steps=300,
        batch_size=8,
        lr=0.05,
        weight_decay=0.1,
        patience=20,
    )
    spec = curves_spec([Curve(history, "ℓ2"), Curve(other, "decoupled", "dash")])
    names = [t["name"] for t in spec["data"] if t.get("showlegend", True)]
    assert names[:4] == [
        "training · ℓ2",
        "validation · ℓ2",
        "training · decoupled",
        "validation · decoupled",
    ]
    dashed = named(spec, "validation · decoupled")
    assert all(t["line"]["dash"] == "dash" for t in dashed)
    np.testing.assert_allclose(values(dashed[0]["y"]), other.val_loss, rtol=1e-6)
    assert not named(spec, WORDS["batch_loss"])  # noise would hide the comparison


def test_the_boundary_is_probability_grid_at_the_chosen_step(history) -> None:
    box = square_box(data_box(X))
    for step in (0, 150, history.steps):
        kept, theta = history.params_at(step)
        assert kept == step  # every step of a 300-step run is kept
        grid = probability_grid(ARCH, theta, box, 60)
        spec = boundary_spec(grid, SPLIT, kept)
        field = by_meta(spec, "probability")
        z = array(field["z"]).reshape(60, 60)
        np.testing.assert_allclose(z, grid[2], atol=1e-6)
        assert field["contours"]["start"] == field["contours"]["end"] == 0.5
        assert spec["layout"]["meta"]["step"] == step
        assert "frames" not in spec
    first = boundary_spec(
        probability_grid(ARCH, history.params_at(0)[1], box, 60), SPLIT, 0
    )
    last = boundary_spec(probability_grid(ARCH, history.final, box, 60), SPLIT, 300)
    assert to_json(by_meta(first, "probability")) != to_json(
        by_meta(last, "probability")
    )


def test_the_boundary_shows_every_point_once_by_set_and_class() -> None:
    grid = probability_grid(ARCH, np.zeros(ARCH.n_params), data_box(X), 20)
    spec = boundary_spec(grid, SPLIT, 0)
    counts = {
        meta: len(array(by_meta(spec, meta)["x"]))
        for meta in ("train_0", "train_1", "val_0", "val_1")
    }
    assert counts["train_0"] == int(np.sum(SPLIT.y_train == 0))
    assert counts["train_1"] == int(np.sum(SPLIT.y_train == 1))
    assert counts["val_0"] + counts["val_1"] == len(SPLIT.y_val)
    assert by_meta(spec, "val_0")["marker"]["symbol"] == "circle-open"
    layout = spec["layout"]
    assert layout["yaxis"]["scaleanchor"] == "x"  # equal scales
    (x0, x1), _ = data_box(X)
    assert layout["xaxis"]["range"] == pytest.approx([x0, x1], rel=1e-6)


def test_square_box_keeps_the_data_and_evens_the_sides() -> None:
    (x0, x1), (y0, y1) = square_box(((-2.0, 2.0), (-1.0, 0.0)))
    assert (x0, x1) == (-2.0, 2.0)
    assert (y0, y1) == (-2.5, 1.5)


def test_weight_norms_are_the_weight_matrices_norm(history) -> None:
    layers = unflatten(ARCH, history.final)
    expected = np.sqrt(sum(float(np.sum(np.asarray(d.w) ** 2)) for d in layers))
    assert weight_norms(ARCH, history.final) == pytest.approx(expected, rel=1e-12)
    both = weight_norms(ARCH, np.stack([history.final, 2 * history.final]))
    assert both == pytest.approx([expected, 2 * expected])
    with pytest.raises(ValueError):
        weight_norms(ARCH, history.final[:-1])
    spec = norms_spec([Curve(history, "ℓ2")], ARCH)
    (trace,) = spec["data"]
    assert values(trace["y"])[-1] == pytest.approx(expected, rel=1e-6)
    assert values(trace["x"])[-1] == history.steps


def test_the_initialisation_figure_shows_the_vanishing_gradient() -> None:
    """Course notes 001: N(0, 0.01²) through three tanh layers."""
    deep = Architecture((16, 16, 16), "tanh")
    split = split_data(*classification("moons", 200, 0.2, 0), 0.25, 0)
    reports = compare_inits(deep, split.X_train, split.y_train)
    norms = {k: np.asarray(r.grad_norms) for k, r in reports.items()}
    ratio = norms["glorot_normal"][0] / norms["gaussian"][0]
    assert 3e3 < ratio < 3e5  # about 1e4
    runs = first_steps(
        split,
        ("gaussian", "glorot_normal"),
        deep,
        100,
        optimizer="gd",
        batch_size=32,
        lr=0.5,
    )
    # GD stays on the log 2 plateau from σ = 0.01; from Glorot it learns.
    assert abs(runs["gaussian"].train_loss[-1] - np.log(2)) < 2e-3
    assert runs["glorot_normal"].train_loss[-1] < 0.5
    names = {k: k.upper() for k in norms}
    spec = init_spec(norms, runs, names)
    grads = by_meta(spec, "grad gaussian")
    np.testing.assert_allclose(values(grads["y"]), norms["gaussian"], rtol=1e-12)
    np.testing.assert_array_equal(array(grads["x"]), [1, 2, 3, 4])
    assert spec["layout"]["yaxis"]["type"] == "log"
    loss = by_meta(spec, "loss glorot_normal")
    assert loss["yaxis"] == "y2" and not loss["showlegend"]
    log2 = by_meta(spec, "log2")
    assert values(log2["y"]) == pytest.approx([np.log(2)] * 2, rel=1e-6)
    legend = [t["name"] for t in spec["data"] if t.get("showlegend", True)]
    assert legend[: len(norms)] == list(names.values())  # one entry per scheme


def test_presentation_type_and_small_json() -> None:
    """5000 steps thinned to 1000 points a line; the boundary grid float32."""
    long = train(SPLIT, "gd", arch=ARCH, steps=5000, batch_size=4, lr=0.1)
    present = Look(present=True)
    curves = curves_spec([Curve(long)], shown=5000, look=present)
    assert curves["layout"]["font"]["size"] >= 20
    assert len(to_json(curves)) < 150_000
    box = square_box(data_box(X))
    grid = probability_grid(ARCH, long.final, box, 100)
    boundary = boundary_spec(grid, SPLIT, 5000, look=present)
    assert len(to_json(boundary)) < 80_000
    assert len(to_json(norms_spec([Curve(long)], ARCH))) < 30_000


def test_every_word_can_be_replaced(history) -> None:
    zh = {k: f"@{i}@" for i, k in enumerate(WORDS)}
    grid = probability_grid(ARCH, history.final, data_box(X), 20)
    text = to_json(
        [
            curves_spec([Curve(history)], words=zh),
            boundary_spec(grid, SPLIT, 20, words=zh),
            norms_spec([Curve(history)], ARCH, words=zh),
            init_spec(
                {"gaussian": np.ones(3)},
                {"gaussian": history},
                {"gaussian": "g"},
                words=zh,
            ),
        ]
    )
    # "step", "loss" and "layer" are also JSON keys and metas.
    english = [w for w in WORDS.values() if len(w) > 5 and w in text]
    assert not english, english
    missing = [k for k, w in zh.items() if w not in text]
    assert set(missing) <= {"kept"}, missing  # kept: when it differs from best
