"""Linear and logistic regression: two-parameter models whose loss is exact.

The contour map is the full-batch loss over the parameters; first-order
methods on these surfaces may take real mini-batches (``batch_size``; see
optimizers/batches.py). Course parts 000–004: mini-batch SGD, and part 001's
z-scored features, which turn the same data's narrow valley into a round bowl.
"""

from __future__ import annotations

from collections.abc import Mapping

import jax.numpy as jnp
import numpy as np

from surfaces import datasets
from surfaces.base import SurfaceParam
from surfaces.data_surface import data_params, make_data_surface

# Logistic regression keeps a small ℓ2 term: with it the optimum is finite even
# when the classes happen to separate.
LOGISTIC_RIDGE = 1e-3
# The one-feature logistic input sits this far from zero: raw, (w, b) make a
# valley; z-scored, a bowl.
LOGISTIC_SHIFT = 3.0


def _zscored(inputs: np.ndarray, values: Mapping[str, float]) -> np.ndarray:
    return datasets.standardize(inputs) if values["standardize"] >= 0.5 else inputs


def _line_data(values: Mapping[str, float]):
    X, y = datasets.regression(
        int(values["n_points"]), values["noise"], int(values["data_seed"])
    )
    x = _zscored(X, values)
    features = np.concatenate([x, np.ones_like(x)], axis=1)
    upper = (x[:, 0] > np.median(x[:, 0])).astype(np.float64)
    return features, y, upper, x


def _least_squares(features: np.ndarray, targets: np.ndarray, ridge: float):
    return np.linalg.lstsq(features, targets, rcond=None)[0]


LINEAR_REGRESSION = make_data_surface(
    key="linear_regression",
    title="Linear regression (w, b), mean squared error",
    domain=((-4.0, 6.0), (-8.0, 6.0)),
    start=(3.0, 4.0),
    latex=r"L(w, b) = \frac{1}{N}\sum_{i=1}^{N} (w x_i + b - y_i)^2",
    tags=frozenset({"data", "valley"}),
    params=data_params(40, SurfaceParam("noise", 1.0, 0.0, datasets.NOISE_MAX)),
    make=_line_data,
    example_loss=lambda z, t: (z - t) ** 2,
    solve=_least_squares,
)


def _class_data(values: Mapping[str, float]):
    X, y = datasets.blobs(
        int(values["n_points"]), values["noise"], int(values["data_seed"])
    )
    if values["two_features"] >= 0.5:
        inputs = _zscored(X, values)
        return inputs, y, y, inputs
    x = _zscored(X[:, :1] + LOGISTIC_SHIFT, values)
    return np.concatenate([x, np.ones_like(x)], axis=1), y, y, x


def _cross_entropy(z, t):
    return jnp.logaddexp(0.0, z) - t * z


def _fitted(features: np.ndarray, targets: np.ndarray, ridge: float) -> np.ndarray:
    """Newton's method on the ℓ2-regularised cross-entropy (strictly convex)."""
    p = np.zeros(features.shape[1])
    n = len(targets)
    for _ in range(100):
        prob = 0.5 * (1.0 + np.tanh(0.5 * (features @ p)))  # σ, without overflow
        grad = features.T @ (prob - targets) / n + ridge * p
        weights = prob * (1.0 - prob) / n
        hess = features.T @ (features * weights[:, None]) + ridge * np.eye(len(p))
        step = np.linalg.solve(hess, grad)
        p = p - step
        if np.max(np.abs(step)) < 1e-14 * (1.0 + np.max(np.abs(p))):
            break
    return p


LOGISTIC_REGRESSION = make_data_surface(
    key="logistic_regression",
    title="Logistic regression, cross-entropy",
    domain=((-4.0, 8.0), (-12.0, 4.0)),
    start=(-1.0, 2.0),
    latex=r"L(w, b) = \frac{1}{N}\sum_{i=1}^{N} \log\left(1 + e^{(w x_i + b)}\right)"
    r" - y_i (w x_i + b) + \frac{\lambda}{2}\lVert (w, b) \rVert^2",
    tags=frozenset({"data", "valley"}),
    params=(
        *data_params(60, SurfaceParam("noise", 1.0, 0.5, datasets.NOISE_MAX)),
        SurfaceParam("two_features", 0.0, 0.0, 1.0, integer=True),
    ),
    make=_class_data,
    example_loss=_cross_entropy,
    solve=_fitted,
    ridge=LOGISTIC_RIDGE,
    loss_name="cross_entropy",
)
