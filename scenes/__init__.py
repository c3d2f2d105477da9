"""Scenes: what a lesson shows (surface, start, runs, view), as pure data.

No streamlit here: the pages build widgets from a Scene and write changes back.
"""

from scenes.gallery import GALLERY
from scenes.labels import dash_for, run_labels
from scenes.limits import FAN_MOST, MAX_RUNS
from scenes.model import TYPED, Run, Scene, View
from scenes.notices import NOTICE_CODES, Notice

__all__ = [
    "FAN_MOST",
    "GALLERY",
    "MAX_RUNS",
    "NOTICE_CODES",
    "TYPED",
    "Notice",
    "Run",
    "Scene",
    "View",
    "dash_for",
    "run_labels",
]
