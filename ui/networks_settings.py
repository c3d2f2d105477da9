"""What the networks page trains: one frozen record of its settings, its
address form (``?data=moons&net=16-16&opt=adam&lr=0.05…``) and the training
calls it makes. Pure Python (no Streamlit), so tests read it directly.

The address holds only the settings that differ from the defaults; a link
without any of them leaves the session's settings alone. A value that cannot
be read, or lies outside its range, gives a :class:`scenes.Notice` and the
default (clamped to the range when it is a number); no text is ever evaluated.

Weight decay is the method's own: ``gd`` and ``momentum`` choose ℓ2
(``g + λθ``) or decoupled (``θ ← (1 − αλ)θ`` after the step) through their
``decay`` choice; Adam's decoupled form is the registry's ``adamw``, so the
page lists Adam once and picks ``adam`` or ``adamw`` by the decay kind; Lion's
decay is decoupled only; the other methods have none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from optimizers import OPTIMIZERS, HyperParam
from scenes import Notice
from scenes.notices import shorten
from scenes.query import fmt
from scenes.validate import number
from surfaces.datasets import KINDS, N_MAX
from surfaces.network.architecture import ACTIVATIONS, MAX_LAYERS, MAX_WIDTH
from surfaces.network.init import SCHEMES
from surfaces.network.loop import TRAIN_BUDGET

ARCHITECTURES = ((8,), (16, 16), (32, 32), (16, 16, 16))
# The registry's first-order methods; AdamW is Adam's decoupled decay.
TWINS = {"adam": "adamw"}
METHODS = tuple(
    k for k, o in OPTIMIZERS.items() if o.first_order and k not in TWINS.values()
)
ONLY_DECOUPLED = ("lion",)  # its λ acts on the point (optax.lion)
DECAY_KINDS = ("l2", "decoupled")
FIXED_SCALE = ("gaussian", "uniform")  # the schemes that take σ
POINTS_LOW, NOISE_HIGH = 16, 1.0
VAL_LOW, VAL_HIGH = 0.1, 0.5
SEED_HIGH = 10**6
SIGMA_LOW, SIGMA_HIGH = 1e-3, 1.0
FIRST_STEPS = 200  # the initialisation chart's steps (at most)
OWN_KEYS = ("lr", "weight_decay")  # a method's numbers the page shows itself


@dataclass(frozen=True)
class NetSettings:
    """Everything the page trains with; every value already valid.

    ``hyper``: the method's other numbers (momentum, β₁ …) as sorted pairs,
    only those moved away from the registry's defaults. ``batch`` 0 is the
    full training set; ``patience`` 0 turns early stopping off.
    """

    data: str = "moons"
    points: int = 200
    noise: float = 0.2
    data_seed: int = 0
    val_fraction: float = 0.25
    hidden: tuple[int, ...] = (16, 16)
    activation: str = "tanh"
    init: str = "glorot_normal"
    sigma: float = 0.01
    init_seed: int = 0
    method: str = "adam"
    lr: float = 0.05
    hyper: tuple[tuple[str, float], ...] = ()
    batch: int = 32
    seed: int = 0
    steps: int = 500
    weight_decay: float = 0.0
    decay: str = "l2"
    patience: int = 100
    compare_decay: bool = False
    compare_inits: bool = False

    @property
    def n_val(self) -> int:
        """Validation points, as ``surfaces.network.split_data`` counts them."""
        return max(1, round(self.points * self.val_fraction))

    @property
    def n_train(self) -> int:
        return self.points - self.n_val

    def with_method(self, method: str) -> NetSettings:
        """Another method, at its own default learning rate."""
        lr = OPTIMIZERS[method].defaults()["lr"]
        return replace(self, method=method, lr=lr, hyper=())


def widths_text(hidden: tuple[int, ...]) -> str:
    """``(16, 16)`` -> ``"16-16"``: the address's and the picker's form."""
    return "-".join(str(w) for w in hidden)


WIDTHS = re.compile(r"\s*(\d{1,4})(?:\s*[-,x×\s]\s*(\d{1,4}))*\s*")


def parse_widths(text: str) -> tuple[int, ...] | None:
    """Hidden widths from text such as ``8-8-8``, ``32, 32`` or ``16 x 16``;
    None unless 1 to ``MAX_LAYERS`` whole widths in [1, ``MAX_WIDTH``]."""
    text = str(text)[:60]
    if not WIDTHS.fullmatch(text):
        return None
    widths = tuple(int(w) for w in re.findall(r"\d+", text))
    if not 1 <= len(widths) <= MAX_LAYERS or not all(
        1 <= w <= MAX_WIDTH for w in widths
    ):
        return None
    return widths


# --- weight decay: which kinds a method has, and the training call ----------


def decay_kinds(method: str) -> tuple[str, ...]:
    """The decay kinds ``method`` offers: both, decoupled only, or none."""
    opt = OPTIMIZERS[method]
    if any(c.key == "decay" for c in opt.choices) or method in TWINS:
        return DECAY_KINDS
    if method in ONLY_DECOUPLED:
        return ("decoupled",)
    return ()


def other_specs(method: str) -> tuple[HyperParam, ...]:
    """The method's own numbers besides the learning rate and λ."""
    return tuple(h for h in OPTIMIZERS[method].hyperparams if h.key not in OWN_KEYS)


def run_call(s: NetSettings, kind: str | None = None) -> tuple[str, dict]:
    """``(optimizer key, settings)`` for ``train``, with decay ``kind``
    (default: the page's own)."""
    kind = kind or s.decay
    kinds = decay_kinds(s.method)
    key = TWINS[s.method] if s.method in TWINS and kind == "decoupled" else s.method
    settings: dict[str, float | str] = {"lr": s.lr, **dict(s.hyper), "seed": s.seed}
    if kinds:
        settings["weight_decay"] = s.weight_decay
    if any(c.key == "decay" for c in OPTIMIZERS[s.method].choices):
        settings["decay"] = kind if kind in kinds else kinds[0]
    return key, settings


def shown_kind(s: NetSettings) -> str | None:
    """The decay kind the page's run uses, or None (the method has no λ)."""
    kinds = decay_kinds(s.method)
    if not kinds:
        return None
    return s.decay if s.decay in kinds else kinds[0]


def can_compare(s: NetSettings) -> bool:
    return len(decay_kinds(s.method)) == 2


# --- the address ------------------------------------------------------------

# field -> URL key; the method's other numbers use their own keys (momentum…)
KEYS = {
    "data": "data",
    "points": "pts",
    "noise": "noise",
    "data_seed": "dseed",
    "val_fraction": "val",
    "hidden": "net",
    "activation": "act",
    "init": "init",
    "sigma": "sigma",
    "init_seed": "iseed",
    "method": "opt",
    "lr": "lr",
    "batch": "k",
    "seed": "seed",
    "steps": "steps",
    "weight_decay": "wd",
    "decay": "decay",
    "patience": "pat",
    "compare_decay": "cmp",
    "compare_inits": "inits",
}
HYPER_KEYS = tuple(
    sorted({h.key for m in METHODS for h in other_specs(m)})
)  # momentum, beta1, beta2, eps, rho
URL_KEYS = (*KEYS.values(), *HYPER_KEYS)
CHOICES: dict[str, tuple[str, ...]] = {
    "data": KINDS,
    "activation": ACTIVATIONS,
    "init": SCHEMES,
    "method": METHODS,
    "decay": DECAY_KINDS,
}
# field -> (low, high, whole number)
RANGES: dict[str, tuple[float, float, bool]] = {
    "points": (POINTS_LOW, N_MAX, True),
    "noise": (0.0, NOISE_HIGH, False),
    "data_seed": (0, SEED_HIGH, True),
    "val_fraction": (VAL_LOW, VAL_HIGH, False),
    "sigma": (SIGMA_LOW, SIGMA_HIGH, False),
    "init_seed": (0, SEED_HIGH, True),
    "lr": (1e-5, 10.0, False),
    "batch": (0, N_MAX, True),
    "seed": (0, SEED_HIGH, True),
    "steps": (1, TRAIN_BUDGET, True),
    "weight_decay": (0.0, 0.5, False),
    "patience": (0, TRAIN_BUDGET, True),
}
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def to_query(s: NetSettings) -> dict[str, str]:
    """The settings that differ from the defaults, as URL parameters."""
    base = NetSettings().with_method(s.method)
    query: dict[str, str] = {}
    if s.method != NetSettings.method:
        query[KEYS["method"]] = s.method
    for f in fields(NetSettings):
        value = getattr(s, f.name)
        if f.name == "hyper":
            query |= {k: fmt(v) for k, v in value}
        elif value != getattr(base, f.name):
            query[KEYS[f.name]] = _text(value)
    return query


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return widths_text(value)
    if isinstance(value, int | float):
        return fmt(value)
    return str(value)


def from_query(query: Mapping[str, str]) -> tuple[NetSettings, list[Notice]]:
    """Settings from URL parameters (defaults for the rest) and what was not
    taken as given. Never raises; keys that are not the page's are ignored."""
    notices: list[Notice] = []
    method = query.get(KEYS["method"])
    if method in TWINS.values():  # ?opt=adamw: Adam with decoupled decay
        twin = next(k for k, v in TWINS.items() if v == method)
        query = {**query, KEYS["method"]: twin, KEYS["decay"]: "decoupled"}
    values: dict[str, object] = {}
    default = NetSettings()
    for name, key in KEYS.items():
        if key in query:
            values[name] = _read(name, key, query[key], default, notices)
    s = replace(default, **values)
    if "method" in values:  # a new method's learning rate, unless given
        lr = values.get("lr", OPTIMIZERS[s.method].defaults()["lr"])
        s = replace(s, lr=lr)
    return replace(s, hyper=_read_hyper(s.method, query, notices)), notices


def _read(name: str, key: str, given: str, default, notices) -> object:
    old = getattr(default, name)
    if name in CHOICES:
        if given in CHOICES[name]:
            return given
        notices.append(Notice("unreadable", key, shorten(given), _text(old)))
        return old
    if name == "hidden":
        widths = parse_widths(given)
        if widths is None:
            notices.append(Notice("unreadable", key, shorten(given), _text(old)))
            return old
        return widths
    if isinstance(old, bool):
        if given.lower() in TRUE + FALSE:
            return given.lower() in TRUE
        notices.append(Notice("unreadable", key, shorten(given), _text(old)))
        return old
    low, high, whole = RANGES[name]
    return _number(key, given, old, low, high, whole, notices)


def _number(key, given, old, low, high, whole, notices) -> float | int:
    value = number(given)
    if value is None:
        notices.append(Notice("unreadable", key, shorten(given), _text(old)))
        return old
    if whole:
        value = round(value)
    clamped = min(max(value, low), high)
    if clamped != value:
        notices.append(Notice("out_of_range", key, shorten(given), _text(clamped)))
    return int(clamped) if whole else float(clamped)


def _read_hyper(method: str, query: Mapping[str, str], notices) -> tuple:
    specs = {h.key: h for h in other_specs(method)}
    out = {}
    for key in HYPER_KEYS:
        if key not in query:
            continue
        if key not in specs:
            notices.append(Notice("unknown_setting", key, shorten(query[key])))
            continue
        h = specs[key]
        value = _number(key, query[key], h.default, h.low, h.high, False, notices)
        if value != h.default:
            out[key] = value
    return tuple(sorted(out.items()))
