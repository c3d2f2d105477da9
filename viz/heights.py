"""How heights are shown: linear, or logarithmic where values span decades."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG_WHEN_RATIO = 15.0  # max/median of (f - min) above this -> log levels
# (measured: quadratics such as Booth and Matyas sit near 10, Rosenbrock at 17)


@dataclass(frozen=True)
class Heights:
    """A monotone map from f to the plotted height, and its inverse for ticks."""

    log: bool
    floor: float  # f's reference minimum
    delta: float  # keeps the log finite at the minimum

    def __call__(self, f) -> np.ndarray:
        f = np.asarray(f, dtype=np.float64)
        if not self.log:
            return f
        return np.log10(np.maximum(f - self.floor, 0.0) + self.delta)

    def ticks(self, shown: np.ndarray, count: int = 6) -> tuple[list, list]:
        """Tick positions (in plotted units) and labels (in f) for a colour bar."""
        if not self.log:
            return [], []
        lo, hi = float(np.min(shown)), float(np.max(shown))
        positions = np.linspace(lo, hi, count)
        labels = [_short(10**p - self.delta + self.floor) for p in positions]
        return positions.tolist(), labels


def choose_heights(z: np.ndarray) -> Heights:
    """Log scale when the grid's values span decades (Rosenbrock, Goldstein-Price)."""
    finite = z[np.isfinite(z)]
    lo = float(finite.min())
    median = float(np.median(finite)) - lo
    top = float(finite.max()) - lo
    if median <= 0 or top / median < LOG_WHEN_RATIO:
        return Heights(log=False, floor=lo, delta=0.0)
    return Heights(log=True, floor=lo, delta=max(median * 1e-3, 1e-12))


def _short(value: float) -> str:
    """A colour-bar label that fits its margin: 0.0012, 7.1, 357, 2.5e3."""
    if value != 0 and not 1e-3 <= abs(value) < 1e3:
        mantissa, exponent = f"{value:.1e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.3g}"
