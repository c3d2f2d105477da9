"""The text modules of page families, each owning its keys (see ui/texts.py)."""

from __future__ import annotations

from ui import (
    texts_backprop,
    texts_basins,
    texts_landscape,
    texts_networks,
    texts_sweeps,
)

MODULES = (texts_backprop, texts_networks, texts_landscape, texts_sweeps, texts_basins)
