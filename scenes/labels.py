"""Names for runs, made from what differs between runs of the same method."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from optimizers import OPTIMIZERS
from scenes.model import Run

# describe(key, value) -> "α = 0.1": how one setting reads in a label.
Describe = Callable[[str, float | str], str]


def plain_describe(key: str, value: float | str) -> str:
    return f"{key} = {value}" if isinstance(value, str) else f"{key} = {value:.4g}"


def run_labels(
    runs: Sequence[Run],
    name: Callable[[str], str] = lambda key: OPTIMIZERS[key].title,
    describe: Describe = plain_describe,
) -> list[str]:
    """One label per run: its own, or the method's name plus the settings in
    which it differs from the other runs of that method ("GD α = 0.1" beside
    "GD α = 1"); runs that differ in nothing are numbered."""
    labels = []
    for index, run in enumerate(runs):
        if run.label:
            labels.append(run.label)
            continue
        twins = [r for r in runs if r.optimizer == run.optimizer]
        title = name(run.optimizer)
        if len(twins) == 1:
            labels.append(title)
            continue
        text = ", ".join(describe(k, v) for k, v in _differing(run, twins))
        # Twins (the same settings, spelt out or left to defaults) are numbered.
        mine = _full(run)
        if sum(_full(r) == mine for r in twins) > 1:
            earlier = [r for r in runs[:index] if r.optimizer == run.optimizer]
            number = f"#{sum(_full(r) == mine for r in earlier) + 1}"
            text = f"{text} {number}" if text else number
        labels.append(f"{title} {text}")
    return labels


def _full(run: Run) -> dict[str, float | str]:
    """Every setting of the run, defaults filled in, with its fan."""
    opt = OPTIMIZERS[run.optimizer]
    defaults: dict[str, float | str] = {
        h.key: h.default for h in opt.hyperparams_on(data=True)
    }
    defaults |= {c.key: c.default for c in opt.choices_on(data=True)}
    return defaults | run.settings() | {"fan": run.fan}


def _differing(run: Run, twins: list[Run]) -> list[tuple[str, float | str]]:
    """Settings (defaults filled in) whose value is not the same in all twins."""
    full = [_full(t) for t in twins]
    mine = _full(run)
    keys = [k for k in mine if len({repr(f.get(k)) for f in full}) > 1]
    return [(k, mine[k]) for k in keys]


def dash_for(runs: Sequence[Run], index: int) -> str:
    """Solid for a method's first run, then dashed, dotted, …: runs of one
    method are told apart by dash as well as colour."""
    earlier = sum(r.optimizer == runs[index].optimizer for r in runs[:index])
    return DASHES[earlier % len(DASHES)]


DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
