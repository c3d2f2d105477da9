r"""Weight decay for plain first-order methods: as an L2 term or decoupled.

- ``"l2"``: the loss gets :math:`\tfrac{\lambda}{2}\|x\|^2`, so the method sees
  :math:`g + \lambda x` (``optax.add_decayed_weights(λ)`` before the method);
- ``"decoupled"``: the method sees :math:`g` and the point shrinks after the
  step, :math:`x_{t+1} = x_t - \alpha_t d_t - \alpha_t\lambda x_t` with
  :math:`d_t` the method's direction (SGDW; ``optax.add_decayed_weights(λ)``
  between the method's direction and ``optax.scale(-α)``).

For plain gradient descent the two are one rule: decay
:math:`\omega = \alpha\lambda` is GD on :math:`f + \tfrac{\lambda}{2}\|x\|^2`.
With momentum (or any state) they part: the L2 term is accumulated in the
velocity, the decoupled one is not. Reference: Loshchilov & Hutter (2019),
"Decoupled weight decay regularization"; course notes 001, "ℓ2 vs weight decay".
"""

from __future__ import annotations

from typing import Literal

import jax

from optimizers.base import Choice

Decay = Literal["l2", "decoupled"]
DECAY = Choice("decay", ("l2", "decoupled"))


def with_l2(
    grad: jax.Array, params: jax.Array | None, weight_decay, decay: Decay
) -> jax.Array:
    """``grad + λ x`` for the L2 form; ``grad`` unchanged when decoupled."""
    if decay == "l2" and params is not None:
        return grad + weight_decay * params
    return grad


def with_decoupled(
    step: jax.Array, params: jax.Array | None, rate, weight_decay, decay: Decay
) -> jax.Array:
    """``step - rate λ x`` for the decoupled form; ``step`` unchanged for L2.

    ``rate`` is the learning rate the method's own step used, so that under a
    schedule the decay follows lr(t) as well.
    """
    if decay == "decoupled" and params is not None:
        return step - rate * weight_decay * params
    return step
