"""Texts of the loss-landscape page, in English and Simplified Chinese (see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {}
