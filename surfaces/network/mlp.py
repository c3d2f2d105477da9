r"""A small multilayer perceptron in JAX: 2 inputs, dense hidden layers, 1 logit.

The parameters are a pytree, a tuple of :class:`Dense` layers; every loop of
this package works on its flat vector (``jax.flatten_util.ravel_pytree``), so
any first-order optimizer of the registry runs on the net unchanged, exactly
as it runs on a point of a 2-D surface.

The model is :math:`z = W_L^\top h_{L-1} + b_L` with
:math:`h_l = \phi(W_l^\top h_{l-1} + b_l)`, :math:`h_0 = x`,
:math:`\phi` = tanh or ReLU; the loss is the mean binary cross-entropy of the
logit, :math:`\ell(z, y) = \log(1 + e^z) - yz`
(:math:`= -y\log\sigma(z) - (1-y)\log(1-\sigma(z))`), computed as
``logaddexp(0, z) - y z`` so that no large :math:`|z|` overflows. Reference:
course notes 001, "网络优化"; Goodfellow et al. (2016), §6.2.2.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from surfaces.network.architecture import Architecture, Params, unflatten


def _activate(arch: Architecture, h: jax.Array) -> jax.Array:
    return jnp.tanh(h) if arch.activation == "tanh" else jax.nn.relu(h)


def hidden_states(arch: Architecture, params: Params, X: jax.Array) -> list:
    """The hidden layers' outputs :math:`h_1 .. h_{L-1}`, each ``(n, width)``."""
    states, h = [], X
    for layer in params[:-1]:
        h = _activate(arch, h @ layer.w + layer.b[None, :])
        states.append(h)
    return states


def logits(arch: Architecture, params: Params, X: jax.Array) -> jax.Array:
    """The output logit :math:`z` of each row of ``X`` (shape ``(n, 2)``): ``(n,)``."""
    states = hidden_states(arch, params, X)
    last = params[-1]
    return (states[-1] @ last.w + last.b[None, :])[:, 0]


def _mean(values: jax.Array, weights: jax.Array | None) -> jax.Array:
    if weights is None:
        return jnp.mean(values)
    return jnp.sum(weights * values) / jnp.sum(weights)


def cross_entropy(z: jax.Array, y: jax.Array) -> jax.Array:
    r"""Binary cross-entropy of each logit, :math:`\log(1+e^z) - yz`; stable
    for any :math:`z` (``logaddexp`` never forms :math:`e^z`)."""
    return jnp.logaddexp(0.0, z) - y * z


def hits(z: jax.Array, y: jax.Array) -> jax.Array:
    """1.0 where the predicted class (logit > 0) is the label, else 0.0."""
    return ((z > 0) == (y > 0.5)).astype(z.dtype)


def bce(z: jax.Array, y: jax.Array, weights: jax.Array | None = None) -> jax.Array:
    """Mean :func:`cross_entropy` of logits ``z`` for labels ``y`` in {0, 1}.

    ``weights`` (0 or 1 per row: padding and mini-batch masks) give the mean
    over the rows they keep.
    """
    return _mean(cross_entropy(z, y), weights)


def loss(
    arch: Architecture,
    params: Params,
    X: jax.Array,
    y: jax.Array,
    weights: jax.Array | None = None,
) -> jax.Array:
    """The mean cross-entropy of the net on ``(X, y)``."""
    return bce(logits(arch, params, X), y, weights)


def accuracy(
    arch: Architecture,
    params: Params,
    X: jax.Array,
    y: jax.Array,
    weights: jax.Array | None = None,
) -> jax.Array:
    """The fraction of rows whose predicted class (logit > 0) is ``y``."""
    return _mean(hits(logits(arch, params, X), y), weights)


def loss_flat(
    arch: Architecture,
    flat: jax.Array,
    X: jax.Array,
    y: jax.Array,
    weights: jax.Array | None = None,
) -> jax.Array:
    """:func:`loss` of a flat parameter vector (what the loops differentiate)."""
    return loss(arch, unflatten(arch, flat), X, y, weights)


def weight_norms(arch: Architecture, flat: jax.Array) -> jax.Array:
    """Frobenius norm of each layer's weight matrix (biases left out): ``(L,)``.

    Applied to a gradient it gives the per-layer gradient norms that show
    vanishing (or exploding) gradients.
    """
    return jnp.stack([jnp.linalg.norm(d.w) for d in unflatten(arch, flat)])
