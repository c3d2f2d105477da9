"""What happens to the gradient before the optimizer sees it: noise, clipping.

Noise stands in for a minibatch gradient; clipping is the usual guard against
exploding gradients. Both come before the optimizer's own transformation.
"""

from __future__ import annotations

from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np


def standard_normals(noise: float, seed: float, steps: int, dim: int) -> jax.Array:
    """The noise draws of a whole run, ``(budget, dim)``, made on the host.

    Row ``t`` is update ``t``'s draw, from numpy's generator seeded by ``seed``,
    so the same seed gives the same path and fewer steps give a prefix. Drawn
    on the host: JAX's generator inside the scan tripled the compile time
    (0.33 -> 1.0 s) and cost 2.5 µs a step. Without noise it is a shared block
    of zeros.
    """
    if noise == 0:
        return _zeros(steps, dim)
    return np.random.default_rng(int(seed)).standard_normal((steps, dim))


@lru_cache(maxsize=4)
def _zeros(steps: int, dim: int) -> jax.Array:
    # Kept on the device: a numpy array would be copied on every call.
    return jax.device_put(np.zeros((steps, dim)))


def gradient_seen(grad: jax.Array, normal: jax.Array, hyper: dict) -> jax.Array:
    r"""``grad`` plus :math:`\sigma z` noise (``z`` standard normal), then clipped.

    By value: each coordinate to :math:`[-c_v, c_v]` (``optax.clip``); by global
    norm: :math:`g \min(1, c / \|g\|)` (``optax.clip_by_global_norm``). The
    noise depends only on the seed and the update's index (see
    ``standard_normals``): the same seed gives the same path.
    """
    grad = grad + hyper["noise"] * normal
    # 0 means "off": an infinite bound clips nothing, without a branch.
    off = jnp.inf
    value = jnp.where(hyper["clip_value"] > 0, hyper["clip_value"], off)
    limit = jnp.where(hyper["clip_norm"] > 0, hyper["clip_norm"], off)
    grad = jnp.clip(grad, -value, value)
    # c / 0 is inf, so a zero gradient keeps scale 1.
    return grad * jnp.minimum(1.0, limit / small_norm(grad))


SEEN_KEYS = ("noise", "clip_value", "clip_norm")  # what gradient_seen reads


def untouched(hyper: dict) -> jax.Array:
    """True when ``gradient_seen`` returns the gradient as it is: no noise,
    no clipping, for every cell of a map (the values may be arrays)."""
    quiet = jnp.asarray(True)
    for key in SEEN_KEYS:
        if key in hyper:
            quiet = quiet & jnp.all(jnp.asarray(hyper[key]) == 0)
    return quiet


def small_norm(v: jax.Array) -> jax.Array:
    """‖v‖ of a vector; for a few coordinates written out term by term.

    Under vmap (hyperparameter maps: 65 536 runs at once) XLA on the CPU
    reduces a tiny trailing axis slowly: jnp.linalg.norm of a 2-vector made
    a 256 × 256 map of 500 steps 8x slower (measured). The sum is the same,
    in the same order, so the value is too.
    """
    if v.ndim == 1 and v.shape[0] <= 4:
        total = v[0] * v[0]
        for i in range(1, v.shape[0]):
            total = total + v[i] * v[i]
        return jnp.sqrt(total)
    return jnp.linalg.norm(v)
