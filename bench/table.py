"""The one table format every benchmark prints (Markdown, for closing notes)."""

from __future__ import annotations


def print_table(rows: list[tuple[str, float]], digits: str = ".3g") -> None:
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|------:|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value:{digits}} |")
