"""The shape every optimizer takes: optax-style init/update plus a UI spec."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import jax

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
    """One slider: key (canonical, see DESIGN.md), LaTeX symbol, default, range."""

    key: str
    symbol: str
    default: float
    low: float
    high: float
    log: bool = False

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


_PLACEHOLDER = re.compile(r"@(\w+)")


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
        evals_per_step: function / gradient / Hessian evaluations one step uses.
    """

    key: str
    title: str
    factory: Callable[..., GradientTransformation]
    hyperparams: tuple[HyperParam, ...]
    rule: str
    note: str = ""
    evals_per_step: Mapping[str, int] = field(
        default_factory=lambda: {"f": 0, "grad": 1, "hess": 0}
    )

    @property
    def latex(self) -> str:
        """The update rule with symbols."""
        symbols = {h.key: h.symbol for h in self.hyperparams}
        return _PLACEHOLDER.sub(lambda m: symbols[m.group(1)], self.rule)

    def latex_with(self, values: Mapping[str, float]) -> str:
        """The update rule with the current values substituted."""
        merged = {h.key: h.default for h in self.hyperparams} | dict(values)
        return _PLACEHOLDER.sub(lambda m: _latex_number(merged[m.group(1)]), self.rule)

    def defaults(self) -> dict[str, float]:
        return {h.key: h.default for h in self.hyperparams}

    def resolve(self, values: Mapping[str, float]) -> dict[str, float]:
        """Defaults overlaid with ``values``; unknown: TypeError, bad: ValueError."""
        specs = {h.key: h for h in self.hyperparams}
        unknown = sorted(set(values) - set(specs))
        if unknown:
            raise TypeError(
                f"{self.key} has no hyperparameter {', '.join(unknown)} "
                f"(valid: {', '.join(specs)})"
            )
        return self.defaults() | {k: specs[k].check(v) for k, v in values.items()}


def _latex_number(value: float) -> str:
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}\cdot 10^{{{int(exponent)}}}"
    return text
