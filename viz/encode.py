"""Figure specs to JSON, fast: numpy arrays become plotly.js typed arrays.

plotly's own encoder walks every value through its validators (≈ 9 ms for a
contour page with 120 frames); ``json.dumps`` with a numpy hook takes ≈ 1 ms.
The output is what plotly.js 3 reads: ``{"dtype": "f4", "bdata": ..., "shape"}``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

_SHORT = {
    "int8": "i1",
    "uint8": "u1",
    "int16": "i2",
    "uint16": "u2",
    "int32": "i4",
    "uint32": "u4",
    "float32": "f4",
    "float64": "f8",
}


def _typed_array(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        if array.dtype == np.int64:
            array = array.astype(np.int32)
        if str(array.dtype) not in _SHORT or array.size == 0:
            return array.tolist()
        spec = {
            "dtype": _SHORT[str(array.dtype)],
            "bdata": base64.b64encode(array.tobytes()).decode("ascii"),
        }
        if array.ndim > 1:
            spec["shape"] = ", ".join(str(n) for n in array.shape)
        return spec
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot encode {type(value).__name__} in a figure")


def to_json(spec: Any) -> str:
    """Compact JSON of a figure spec (or any part of one)."""
    return json.dumps(spec, default=_typed_array, separators=(",", ":"))
