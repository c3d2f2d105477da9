"""The XLA settings the runners rely on are in place before JAX starts, and a
setting the user gave is left alone (surfaces/_xla.py)."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = "import os, surfaces; print(os.environ['XLA_FLAGS'])"


def _flags(given: str) -> str:
    env = {**os.environ, "XLA_FLAGS": given}
    out = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_runners_settings_are_set() -> None:
    flags = _flags("")
    assert "xla_cpu_small_while_loop_byte_threshold=1000000" in flags
    assert "xla_cpu_use_multi_output_fusion=true" in flags
    assert "--xla_force_host_platform_device_count=" in flags


def test_a_setting_the_user_gave_is_kept() -> None:
    flags = _flags("--xla_force_host_platform_device_count=3")
    assert flags.count("xla_force_host_platform_device_count") == 1
    assert "--xla_force_host_platform_device_count=3" in flags
    assert "xla_cpu_use_multi_output_fusion=true" in flags
