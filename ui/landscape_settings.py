"""What the loss-landscape page shows, as one frozen value, and its URL form.

Pure Python (no Streamlit): the page keeps a :class:`Settings` in session
state, seeds its widgets from it and writes every change back; the address
holds ``settings.to_query()`` (read back by ui/landscape_query.py):

    ?data=moons&points=200&noise=0.2&dseed=0&hidden=16,16&act=tanh
    &m=gd:0.5,momentum:0.05,adam:0.01&K=32&steps=1000&seed=0
    &res=31&span=1&dirs=0&center=gd&pca=all&surf3d=1&sf=adam&small=8&large=0
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from optimizers import OPTIMIZERS
from surfaces.datasets import N_MAX
from ui.page_query import PAGE_VALUE_MOST

FIRST_ORDER = tuple(k for k, o in OPTIMIZERS.items() if o.first_order)
MAX_METHODS = 3
# Learning rates that train the default net on the default data in 1 000
# steps (checked: training loss 0.13-0.15 for each); other methods start at
# their registry default.
DEFAULT_LR = {"gd": 0.5, "momentum": 0.05, "adam": 0.01}
LR_LOW, LR_HIGH = 1e-4, 5.0
POINTS_LOW, POINTS_HIGH = 20, N_MAX
NOISE_HIGH = 1.0
SEED_HIGH = 99
STEPS_LOW = 10
MAX_LAYERS, MAX_WIDTH = 4, 64  # the PCA of 3 paths stays within ~50 MB
RESOLUTIONS = (21, 31, 51)
SPANS = (0.25, 0.5, 1.0, 2.0)
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 0)  # 0: the full training set
SMALL_BATCHES = (1, 2, 4, 8, 16, 32)
LARGE_BATCHES = (16, 32, 64, 128, 0)
ALL_PATHS = "all"


NOTICE_CODES = (
    "unreadable",
    "out_of_range",
    "not_an_option",
    "unknown_method",
    "not_first_order",
    "too_many_methods",
    "repeated",
    "too_long",
    "hidden",
)


def default_lr(method: str) -> float:
    if method in DEFAULT_LR:
        return DEFAULT_LR[method]
    lr = next(h for h in OPTIMIZERS[method].hyperparams if h.key == "lr")
    return min(max(float(lr.default), LR_LOW), LR_HIGH)


@dataclass(frozen=True)
class Settings:
    """Everything the page draws from; hashable (a cache key).

    Attributes:
        data, points, noise, data_seed: the 2-D classification set (a quarter
            held out for validation).
        hidden, activation: the net's hidden layers and nonlinearity.
        methods: up to three first-order methods, trained from one
            initialisation; ``lrs`` their learning rates (any method's, kept
            when it is deselected), as sorted ``(method, lr)`` pairs.
        batch: K rows per update (0: the full training set); ``steps``;
            ``seed`` seeds the initialisation and the shuffling.
        center: the method whose trained weights the random plane goes through.
        resolution, span, direction_seed: the random plane's grid, its
            α and β range ``[-span, span]`` and the draws of its directions.
        pca: ``"all"`` (one plane for every path) or a method (its own plane).
        show_3d: the random plane in 3-D as well.
        sharp_method, small, large: the sharp-against-flat pair's method and
            batch sizes.
    """

    data: str = "moons"
    points: int = 200
    noise: float = 0.2
    data_seed: int = 0
    hidden: tuple[int, ...] = (16, 16)
    activation: str = "tanh"
    methods: tuple[str, ...] = ("gd", "momentum", "adam")
    lrs: tuple[tuple[str, float], ...] = field(
        default_factory=lambda: tuple(sorted(DEFAULT_LR.items()))
    )
    batch: int = 32
    steps: int = 1000
    seed: int = 0
    center: str = "gd"
    resolution: int = 31
    span: float = 1.0
    direction_seed: int = 0
    pca: str = ALL_PATHS
    show_3d: bool = True
    sharp_method: str = "adam"
    small: int = 8
    large: int = 0

    def lr(self, method: str) -> float:
        return dict(self.lrs).get(method, default_lr(method))

    def with_lr(self, method: str, lr: float) -> Settings:
        return replace(self, lrs=tuple(sorted((dict(self.lrs) | {method: lr}).items())))

    def tidy(self) -> Settings:
        """The method pickers point at a chosen method (the first otherwise)."""
        first = self.methods[0]
        return replace(
            self,
            center=self.center if self.center in self.methods else first,
            pca=self.pca if self.pca in (ALL_PATHS, *self.methods) else ALL_PATHS,
            sharp_method=(
                self.sharp_method if self.sharp_method in self.methods else first
            ),
        )

    def to_query(self) -> dict[str, str]:
        runs = ",".join(f"{m}:{number_text(self.lr(m))}" for m in self.methods)
        return {
            "data": self.data,
            "points": str(self.points),
            "noise": number_text(self.noise),
            "dseed": str(self.data_seed),
            "hidden": ",".join(str(w) for w in self.hidden),
            "act": self.activation,
            "m": runs,
            "K": str(self.batch),
            "steps": str(self.steps),
            "seed": str(self.seed),
            "res": str(self.resolution),
            "span": number_text(self.span),
            "dirs": str(self.direction_seed),
            "center": self.center,
            "pca": self.pca,
            "surf3d": "1" if self.show_3d else "0",
            "sf": self.sharp_method,
            "small": str(self.small),
            "large": str(self.large),
        }


def number_text(value: float) -> str:
    """The shortest text that reads back as ``value``: 1, 0.25, 0.0123."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


QUERY_KEYS = tuple(Settings().to_query())


def parse_hidden(text: str) -> tuple[int, ...] | None:
    """Widths such as ``16,16``, ``16 16`` or ``32, 32, 32``; None if that is
    not 1 to ``MAX_LAYERS`` whole numbers in [1, ``MAX_WIDTH``]."""
    parts = [p for p in re.split(r"[\s,;，x×]+", str(text)[:PAGE_VALUE_MOST]) if p]
    if not 1 <= len(parts) <= MAX_LAYERS or not all(
        p.isascii() and p.isdigit() for p in parts
    ):
        return None
    widths = tuple(int(p) for p in parts)
    return widths if all(1 <= w <= MAX_WIDTH for w in widths) else None
