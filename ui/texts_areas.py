"""The text modules of page families, each owning its keys (see ui/texts.py)."""

from __future__ import annotations

from ui import texts_backprop, texts_basins, texts_landscape, texts_networks

MODULES = (texts_backprop, texts_networks, texts_landscape, texts_basins)
