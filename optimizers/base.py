"""The shape every optimizer takes: optax-style init/update plus a UI spec."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import jax

from surfaces.datasets import N_MAX

# Optimizer math is float64; see NOTES.md (float32 stalls on Rosenbrock).
jax.config.update("jax_enable_x64", True)


class GradientTransformation(NamedTuple):
    """optax's pair: ``init(params) -> state``, ``update(g, state, params, **extra)``.

    ``update`` returns ``(updates, new_state)``; the new point is
    ``params + updates``. ``extra`` carries ``value_fn`` for methods that need
    function values; first-order methods ignore it.
    """

    init: Callable[[jax.Array], Any]
    update: Callable[..., tuple[jax.Array, Any]]


@dataclass(frozen=True)
class HyperParam:
    """One slider: key (canonical, see DESIGN.md), LaTeX symbol, default, range.

    ``integer``: only whole numbers make sense (a seed, a step count); the value
    is still passed as a float, so moving it does not recompile.
    """

    key: str
    symbol: str
    default: float
    low: float
    high: float
    log: bool = False
    integer: bool = False

    def check(self, value: float) -> float:
        """``value`` as a float, or ValueError with the valid range."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.key} must be a number, got {value!r}") from None
        if not (math.isfinite(number) and self.low <= number <= self.high):
            raise ValueError(
                f"{self.key} = {value!r} is outside its range "
                f"[{self.low:g}, {self.high:g}] (default {self.default:g})"
            )
        return number


# Shared specs: the same key means the same thing for every optimizer.
def lr(default: float) -> HyperParam:
    return HyperParam("lr", r"\alpha", default, 1e-5, 10.0, log=True)


MOMENTUM = HyperParam("momentum", r"\mu", 0.9, 0.0, 0.999)
BETA1 = HyperParam("beta1", r"\beta_1", 0.9, 0.0, 0.999)
BETA2 = HyperParam("beta2", r"\beta_2", 0.999, 0.5, 0.99999)
RHO = HyperParam("rho", r"\rho", 0.9, 0.0, 0.999)


def weight_decay(default: float) -> HyperParam:
    return HyperParam("weight_decay", r"\lambda", default, 0.0, 0.5)


def eps(default: float) -> HyperParam:
    return HyperParam("eps", r"\varepsilon", default, 1e-12, 1.0, log=True)


# Every first-order method also takes a schedule and a gradient treatment
# (optimizers/schedules.py, optimizers/gradients.py).
SCHEDULES = (
    "constant",
    "step",
    "inverse_time",
    "exponential",
    "cosine",
    "cyclic",
    "sgdr",
)
SCHEDULE_PARAMS = (
    HyperParam("decay_steps", "T", 100.0, 1.0, 5000.0, integer=True),
    HyperParam("decay_rate", r"\gamma", 0.5, 0.0, 10.0),
    HyperParam("lr_min", r"\alpha_{\min}", 0.0, 0.0, 1.0),
)
GRADIENT_PARAMS = (
    HyperParam("noise", r"\sigma", 0.0, 0.0, 10.0),
    HyperParam("seed", "s", 0.0, 0.0, 1e6, integer=True),
    HyperParam("clip_norm", "c", 0.0, 0.0, 1e3),  # 0: no clipping
    HyperParam("clip_value", "c_v", 0.0, 0.0, 1e3),  # 0: no clipping
)
FIRST_ORDER_EXTRAS = SCHEDULE_PARAMS + GRADIENT_PARAMS
# Real mini-batches, for first-order methods on data surfaces only
# (optimizers/batches.py); 0 = the full batch, also what K >= N gives. Read
# on the host: never traced, never compiled.
BATCH_SIZE = HyperParam("batch_size", "K", 0.0, 0.0, float(N_MAX), integer=True)
BATCH_KEYS = ("batch_size", "sampler")
SEED = GRADIENT_PARAMS[1]
DAMPING = HyperParam("damping", r"\lambda", 0.0, 0.0, 100.0)

FAMILIES = ("first_order", "second_order", "derivative_free")


@dataclass(frozen=True)
class Choice:
    """A discrete setting (a select box); static under jit, so one compile each.

    ``options[0]`` is the default.
    """

    key: str
    options: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.options[0]

    def check(self, value: str) -> str:
        """``value`` if it is one of the options, else ValueError naming them."""
        if value not in self.options:
            raise ValueError(
                f"{self.key} must be one of {', '.join(self.options)}, got {value!r}"
            )
        return value


SCHEDULE = Choice("schedule", SCHEDULES)
SAMPLERS = ("shuffle", "one_class")
SAMPLER = Choice("sampler", SAMPLERS)

_PLACEHOLDER = re.compile(r"@(\w+)")
_LONE_GRADIENT = re.compile(r"\\big\((\\nabla f\(x_t\))\\big\)")
_DECAY_TERM = re.compile(r"\s*[+-]\s*(@lr\\,)?@weight_decay\\,x_t")


@dataclass(frozen=True, eq=False)
class Optimizer:
    """A registry entry; hashed by identity because it is a static jit argument.

    Attributes:
        key: registry key.
        title: display name.
        factory: ``factory(**hyperparams) -> GradientTransformation``.
        hyperparams: slider specs, in display order.
        rule: update rule in LaTeX with ``@key`` where a hyperparameter goes.
        note: when to use it, in one or two sentences.
        evals_per_step: function / gradient / Hessian evaluations one step uses
            or None for methods whose count varies: they keep a running
            ``evals`` (f, grad, hess) in their state.
        family: first_order (takes schedules, noise and clipping), second_order
            or derivative_free (its factory also gets the view box, ``bounds``).
        choices: discrete settings passed to the factory as strings.
        rule_variants: the rule shown for a picked option, keyed by a
            ``(choice, option)`` pair, or by a tuple of such pairs for a
            combination; the most specific variant that matches wins.
        own_schedule: ``(choice, option)`` pairs under which ``update``
            applies the scheduled rate itself, from its ``lr_t`` keyword (as
            the course's momentum, whose velocity holds lr(t) times the
            gradient). Otherwise the runner applies a schedule by scaling the
            whole update by lr(t) / lr, which is exact for updates linear in lr.
    """

    key: str
    title: str
    factory: Callable[..., GradientTransformation]
    hyperparams: tuple[HyperParam, ...]
    rule: str
    note: str = ""
    evals_per_step: Mapping[str, int] | None = field(
        default_factory=lambda: {"f": 0, "grad": 1, "hess": 0}
    )
    family: str = "first_order"
    choices: tuple[Choice, ...] = ()
    # (choice key, option), or a tuple of them -> the rule shown when picked
    rule_variants: Mapping[tuple, str] = field(default_factory=dict)
    own_schedule: tuple[tuple[str, str], ...] = ()

    @property
    def first_order(self) -> bool:
        return self.family == "first_order"

    @property
    def all_hyperparams(self) -> tuple[HyperParam, ...]:
        """Its own sliders, then (first-order methods) schedule and gradient ones."""
        return self.hyperparams + (FIRST_ORDER_EXTRAS if self.first_order else ())

    @property
    def all_choices(self) -> tuple[Choice, ...]:
        """Its own discrete settings, then (first-order methods) the schedule."""
        return self.choices + ((SCHEDULE,) if self.first_order else ())

    def hyperparams_on(self, data: bool) -> tuple[HyperParam, ...]:
        """``all_hyperparams``, plus the batch size on a data surface."""
        batch = (BATCH_SIZE,) if data and self.first_order else ()
        return self.all_hyperparams + batch

    def choices_on(self, data: bool) -> tuple[Choice, ...]:
        """``all_choices``, plus the mini-batch sampler on a data surface."""
        return self.all_choices + ((SAMPLER,) if data and self.first_order else ())

    @property
    def latex(self) -> str:
        """The update rule with symbols."""
        return self.latex_for({})

    def latex_for(self, values: Mapping[str, float | str]) -> str:
        """The rule for the options picked in ``values``, with symbols."""
        symbols = {h.key: h.symbol for h in self.all_hyperparams}
        return _PLACEHOLDER.sub(lambda m: symbols[m.group(1)], self.rule_for(values))

    def latex_with(self, values: Mapping[str, float | str]) -> str:
        """The update rule for the chosen options, with the values substituted."""
        merged = self.defaults() | dict(values)
        return _PLACEHOLDER.sub(
            lambda m: _latex_number(merged[m.group(1)]), self.rule_for(values)
        )

    def rule_for(self, values: Mapping[str, float | str]) -> str:
        """The rule, or its most specific variant for the options in ``values``.

        A variant applies when every ``(choice, option)`` pair of its key is
        picked; among those, the one with the most pairs wins (the first on a
        tie), so a combination can have its own rule.
        """
        values = {c.key: c.default for c in self.all_choices} | dict(values)
        best, matched = self.rule, 0
        for key, rule in self.rule_variants.items():
            pairs = (key,) if isinstance(key[0], str) else key
            if len(pairs) > matched and all(values.get(c) == o for c, o in pairs):
                best, matched = rule, len(pairs)
        # Without weight decay its term would read "+ 0 x": leave it out.
        if self.defaults().get("weight_decay") == 0 and not values.get("weight_decay"):
            best = _LONE_GRADIENT.sub(r"\1", _DECAY_TERM.sub("", best))
        return best

    def applies_own_schedule(self, choices: Mapping[str, str]) -> bool:
        """Whether ``update`` applies lr(t) itself for these choices."""
        return any(choices.get(c) == o for c, o in self.own_schedule)

    def defaults(self) -> dict[str, float]:
        return {h.key: h.default for h in self.all_hyperparams}

    def resolve(
        self, values: Mapping[str, float], data: bool = False
    ) -> dict[str, float]:
        """Defaults overlaid with ``values``; unknown: TypeError, bad: ValueError.

        ``data``: on a data surface (which adds the batch size)."""
        specs = {h.key: h for h in self.hyperparams_on(data)}
        self._check_known(values, specs, data)
        defaults = {key: spec.default for key, spec in specs.items()}
        return defaults | {k: specs[k].check(v) for k, v in values.items()}

    def resolve_choices(
        self, values: Mapping[str, str], data: bool = False
    ) -> dict[str, str]:
        """The discrete settings: defaults overlaid with checked ``values``."""
        specs = {c.key: c for c in self.choices_on(data)}
        self._check_known(values, specs, data)
        return {c.key: c.default for c in self.choices_on(data)} | {
            k: specs[k].check(v) for k, v in values.items()
        }

    def split(
        self, values: Mapping[str, float | str], data: bool = False
    ) -> tuple[dict, dict]:
        """``values`` as (numbers, choices), each resolved; errors as ``resolve``."""
        keys = {c.key for c in self.choices_on(data)}
        numbers = {k: v for k, v in values.items() if k not in keys}
        chosen = {k: v for k, v in values.items() if k in keys}
        return self.resolve(numbers, data), self.resolve_choices(chosen, data)

    def _check_known(self, values: Mapping, specs: Mapping, data: bool) -> None:
        valid = [h.key for h in self.hyperparams_on(data)] + [
            c.key for c in self.choices_on(data)
        ]
        unknown = sorted(set(values) - set(specs))
        if unknown:
            where = (
                ""
                if data or not set(unknown) & set(BATCH_KEYS)
                else ("; mini-batches need a data surface")
            )
            raise TypeError(
                f"{self.key} has no hyperparameter {', '.join(unknown)} "
                f"(valid: {', '.join(valid)}){where}"
            )


def transformation(
    optimizer: Optimizer,
    hyper: Mapping[str, Any],
    choices: Mapping[str, str],
    bounds: tuple[tuple[float, float], ...] | None = None,
) -> GradientTransformation:
    """The optimizer's init/update pair for these settings.

    ``hyper`` holds at least the optimizer's own hyperparameters (extra keys,
    such as the schedule's or noise, are ignored: the caller applies them);
    ``choices`` its discrete settings (the schedule is the caller's too).
    Derivative-free methods also need the view box, ``bounds``.
    """
    own = {h.key: hyper[h.key] for h in optimizer.hyperparams}
    own |= {k: v for k, v in choices.items() if k != "schedule"}
    if optimizer.family == "derivative_free":
        if bounds is None:
            raise ValueError(f"{optimizer.key} searches a box: give its bounds")
        own["bounds"] = jax.numpy.asarray(bounds, jax.numpy.float64)
    return optimizer.factory(**own)


def _latex_number(value: float) -> str:
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}\cdot 10^{{{int(exponent)}}}"
    return text
