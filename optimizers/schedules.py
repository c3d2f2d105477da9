"""Learning-rate schedules, usable with every first-order method.

The kind is a static choice (one compile each); its numbers are traced. The
first update uses t = 0.
"""

from __future__ import annotations

from collections.abc import Mapping

import jax
import jax.numpy as jnp
import numpy as np

from optimizers.base import SCHEDULES


def learning_rate(kind: str, t: jax.Array, hyper: dict) -> jax.Array:
    r"""The learning rate at update ``t`` (0, 1, ...).

    - exponential: :math:`\alpha\gamma^{t/T}`;
      step: :math:`\alpha\gamma^{\lfloor t/T\rfloor}`
      (``optax.exponential_decay`` without and with ``staircase``);
    - inverse_time: :math:`\alpha / (1 + \gamma t / T)`;
    - cosine: from :math:`\alpha` to :math:`\alpha_{\min}` over :math:`T` steps,
      then constant (``optax.cosine_decay_schedule`` with
      ``alpha = lr_min / lr``); sgdr: that cosine restarted every :math:`T`
      steps (Loshchilov & Hutter, 2017);
    - cyclic: triangular between :math:`\alpha_{\min}` and :math:`\alpha`, rising
      for :math:`T` steps then falling for :math:`T` (Smith, 2017).
    """
    lr, steps = hyper["lr"], hyper["decay_steps"]
    rate, low = hyper["decay_rate"], hyper["lr_min"]
    t = t.astype(lr.dtype)
    if kind == "constant":
        return lr
    if kind == "exponential":
        return lr * rate ** (t / steps)
    if kind == "step":
        return lr * rate ** jnp.floor(t / steps)
    if kind == "inverse_time":
        return lr / (1 + rate * t / steps)
    if kind in ("cosine", "sgdr"):
        phase = jnp.minimum(t, steps) if kind == "cosine" else jnp.mod(t, steps)
        return low + (lr - low) * 0.5 * (1 + jnp.cos(jnp.pi * phase / steps))
    if kind == "cyclic":
        position = jnp.mod(t, 2 * steps) / steps  # 0 -> 2 over one cycle
        return low + (lr - low) * (1 - jnp.abs(position - 1))
    raise ValueError(f"unknown schedule {kind!r}; valid: {', '.join(SCHEDULES)}")


def schedule_curve(kind: str, hyper: Mapping[str, float], steps: int) -> np.ndarray:
    """lr(t) for t = 0 .. steps - 1, as numpy (for the small plot by the sliders)."""
    t = jnp.arange(max(int(steps), 1), dtype=jnp.int32)
    numbers = {k: jnp.float64(hyper[k]) for k in ("lr", *_SCHEDULE_KEYS)}
    return np.asarray(learning_rate(kind, t, numbers))


_SCHEDULE_KEYS = ("decay_steps", "decay_rate", "lr_min")
