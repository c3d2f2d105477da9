"""Heavy-ball momentum (Polyak), in optax's form or the course's."""

from __future__ import annotations

from typing import Literal, NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import (
    MOMENTUM,
    Choice,
    GradientTransformation,
    Optimizer,
    lr,
    weight_decay,
)
from optimizers.decay import DECAY, Decay, with_decoupled, with_l2

Form = Literal["optax", "course"]


class MomentumState(NamedTuple):
    # (dim,) decayed sum of past gradients; times lr(t) in the course form
    velocity: jax.Array


def momentum(
    lr: jax.Array,
    momentum: jax.Array,
    weight_decay: jax.Array = 0.0,
    form: Form = "optax",
    decay: Decay = "l2",
) -> GradientTransformation:
    r"""Heavy ball, with :math:`v_0 = 0`, in one of two forms.

    - ``form="optax"``: :math:`v_{t+1} = \mu v_t + \nabla f(x_t)`,
      :math:`x_{t+1} = x_t - \alpha_t v_{t+1}`; same trajectory as
      ``optax.sgd(lr, momentum)``, and under a schedule as
      ``optax.sgd(schedule, momentum)`` (the runner scales the update).
    - ``form="course"``: :math:`v_{t+1} = \mu v_t + \alpha_t\nabla f(x_t)`,
      :math:`x_{t+1} = x_t - v_{t+1}` (course notes 000; PyTorch's
      ``dampening=0`` SGD is the optax form). Its sign-flipped twin
      :math:`v \leftarrow \mu v - \alpha\nabla f,\ x \leftarrow x + v` is the
      same path.

    The two coincide for a constant :math:`\alpha` (the course's :math:`v` is
    :math:`\alpha` times optax's) and part under a schedule: optax scales the
    whole accumulated velocity by today's rate, the course's velocity keeps each
    gradient at the rate it was taken with. So the course form reads the rate
    from the runner's ``lr_t`` keyword (``own_schedule`` below).

    Weight decay λ (``optimizers/decay.py``): ``"l2"`` adds :math:`\lambda x_t`
    to the gradient before the velocity (``optax.chain(
    optax.add_decayed_weights(λ), optax.sgd(lr, momentum))``); ``"decoupled"``
    subtracts :math:`\alpha_t\lambda x_t` after the step, outside the velocity
    (``optax.chain(optax.trace(decay=μ), optax.add_decayed_weights(λ),
    optax.scale(-lr))``). Reference: Polyak (1964), "Some methods of speeding
    up the convergence of iteration methods".
    """
    course = form == "course"

    def init(params: jax.Array) -> MomentumState:
        return MomentumState(velocity=jnp.zeros_like(params))

    def update(grad, state, params=None, *, lr_t=None, **extra):
        del extra
        grad = with_l2(grad, params, weight_decay, decay)
        if course:
            rate = lr if lr_t is None else lr_t
            velocity = momentum * state.velocity + rate * grad
            step = -velocity
        else:  # the runner applies a schedule to this (linear in lr) update
            rate = lr
            velocity = grad + momentum * state.velocity
            step = -lr * velocity
        step = with_decoupled(step, params, rate, weight_decay, decay)
        return step, MomentumState(velocity)

    return GradientTransformation(init, update)


_L2 = r"\big(\nabla f(x_t) + @weight_decay\,x_t\big)"
_OPTAX_STEP = r"x_{t+1} = x_t - @lr\,v_{t+1}"
_COURSE_STEP = r"x_{t+1} = x_t - v_{t+1}"
_DECOUPLED = r" - @lr\,@weight_decay\,x_t"

MOMENTUM_OPT = Optimizer(
    key="momentum",
    title="Momentum (heavy ball)",
    factory=momentum,
    hyperparams=(lr(0.02), MOMENTUM, weight_decay(0.0)),
    choices=(Choice("form", ("optax", "course")), DECAY),
    rule=r"v_{t+1} = @momentum\,v_t + \nabla f(x_t) + @weight_decay\,x_t,\quad "
    + _OPTAX_STEP,
    rule_variants={
        ("decay", "decoupled"): r"v_{t+1} = @momentum\,v_t + \nabla f(x_t),\quad "
        + _OPTAX_STEP
        + _DECOUPLED,
        ("form", "course"): r"v_{t+1} = @momentum\,v_t + @lr\,"
        + _L2
        + r",\quad "
        + _COURSE_STEP,
        (("form", "course"), ("decay", "decoupled")): r"v_{t+1} = @momentum\,v_t"
        r" + @lr\,\nabla f(x_t),\quad " + _COURSE_STEP + _DECOUPLED,
    },
    own_schedule=(("form", "course"),),
    note="Averages gradients so the zig-zag across a valley cancels and the "
    "motion along it builds up; overshoots and spirals when the momentum is high.",
)
