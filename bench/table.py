"""The one table format every benchmark prints (Markdown, for closing notes)."""

from __future__ import annotations


def print_table(rows: list[tuple], digits: str = ".3g") -> None:
    """Rows of (measure, value) or (measure, value, format), e.g. ".2f"."""
    width = max(len(row[0]) for row in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|------:|")
    for name, value, *own in rows:
        print(f"| {name.ljust(width)} | {value:{own[0] if own else digits}} |")


def print_grid(header: tuple[str, ...], rows: list[tuple], digits: str = ".0f") -> None:
    """A table of several columns: the first left (names), the rest right
    (numbers, formatted with ``digits``; strings as they are)."""
    cells = [
        [str(row[0]), *(v if isinstance(v, str) else f"{v:{digits}}" for v in row[1:])]
        for row in rows
    ]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for line in cells:
        print("| " + " | ".join(line) + " |")
