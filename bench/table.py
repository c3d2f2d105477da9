"""The one table format every benchmark prints (Markdown, for closing notes)."""

from __future__ import annotations


def print_table(rows: list[tuple], digits: str = ".3g") -> None:
    """Rows of (measure, value) or (measure, value, format), e.g. ".2f"."""
    width = max(len(row[0]) for row in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|------:|")
    for name, value, *own in rows:
        print(f"| {name.ljust(width)} | {value:{own[0] if own else digits}} |")
