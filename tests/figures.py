"""Read the figures a page sends, as AppTest sees them (no browser)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


class FigureReader:
    """Resolves the chart component's ``$store``/``$ref`` traces across reruns,
    as the browser does."""

    def __init__(self) -> None:
        self.store: dict[str, dict] = {}

    def payloads_all(self, at: AppTest) -> list[dict]:
        """The raw ``data`` of every custom component on the page, in order."""
        return [json.loads(el.proto.json) for el in at.get("bidi_component")]

    def payloads(self, at: AppTest) -> list[dict]:
        """The raw ``data`` of every chart component on the page, in order."""
        return [p for p in self.payloads_all(at) if "figure" in p]

    def figures(self, at: AppTest) -> list[dict]:
        figures = []
        for payload in self.payloads(at):
            traces = []
            figure = json.loads(payload["figure"])
            for trace in figure["data"]:
                if "$store" in trace:
                    self.store[trace["$store"]] = trace["trace"]
                    trace = trace["trace"]
                elif "$ref" in trace:
                    trace = self.store[trace["$ref"]]
                traces.append(trace)
            figures.append({**figure, "data": traces})
        return figures
