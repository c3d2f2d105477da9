"""What validation changed or ignored, as data the UI words in either language."""

from __future__ import annotations

from dataclasses import dataclass

# One code per kind of notice; ui/texts.py has a text "notice_<code>" for each
# (a test checks), formatted with the notice's fields.
NOTICE_CODES = (
    "unknown_parameter",  # a URL key or JSON field that means nothing here
    "unreadable",  # a value that is not what its parameter takes
    "out_of_range",  # a number outside its range: clamped
    "unknown_surface",
    "unknown_optimizer",
    "unknown_setting",  # a hyperparameter or choice the method does not have
    "too_many_runs",
    "repeated",  # a URL key given more than once: the last one is used
    "too_long",
    "no_seed",  # a fan for a method without randomness
    "bad_function",  # a typed function (URL, file) that does not parse
)


@dataclass(frozen=True)
class Notice:
    """One thing that was not taken as given.

    Attributes:
        code: one of ``NOTICE_CODES``.
        what: the parameter, e.g. ``"r2.lr"`` or ``"x"``.
        given: what was given (shortened for display).
        used: what is used instead ("" when the item was dropped).
    """

    code: str
    what: str
    given: str = ""
    used: str = ""

    def __post_init__(self) -> None:
        if self.code not in NOTICE_CODES:
            raise ValueError(f"unknown notice code {self.code!r}")

    def __str__(self) -> str:
        used = f"; using {self.used}" if self.used else "; ignored"
        return f"{self.what}: {self.code.replace('_', ' ')} ({self.given}){used}"


def shorten(value: object, most: int = 40) -> str:
    """``value`` as text fit for a notice: one line, at most ``most`` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 1] + "…"
