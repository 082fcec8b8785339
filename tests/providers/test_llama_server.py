"""The AMX-safe launcher: repacking off on AMX CPUs (llama.cpp #20824), on elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarize.providers import llama_server

SAPPHIRE_RAPIDS = "flags\t\t: fpu vme avx2 avx512f avx512bw amx_bf16 amx_tile amx_int8 avx_vnni\n"
ICE_LAKE = "flags\t\t: fpu vme avx2 avx512f avx512bw avx512vl avx512_vnni\n"
NO_AVX512 = "flags\t\t: fpu vme sse4_2 avx avx2 fma\n"


@pytest.fixture
def cpuinfo(tmp_path: Path) -> Path:
    return tmp_path / "cpuinfo"


@pytest.mark.parametrize(
    ("flags", "env", "allowed"),
    [
        (SAPPHIRE_RAPIDS, None, False),
        (ICE_LAKE, None, True),
        (NO_AVX512, None, True),
        ("", None, True),  # no flags line (not x86, not Linux): nothing to avoid
        (SAPPHIRE_RAPIDS, "1", True),
        (ICE_LAKE, "0", False),
        (ICE_LAKE, "off", False),
    ],
)
def test_repacking_is_off_on_amx_cpus_unless_told(
    cpuinfo: Path, monkeypatch: pytest.MonkeyPatch, flags: str, env: str | None, allowed: bool
) -> None:
    cpuinfo.write_text("processor\t: 0\n" + flags)
    if env is None:
        monkeypatch.delenv("SUMMARIZE_LLAMA_REPACK", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZE_LLAMA_REPACK", env)
    assert llama_server.repack_allowed(cpuinfo) is allowed


def test_a_missing_cpuinfo_means_no_amx(tmp_path: Path) -> None:
    assert llama_server.cpu_has_amx(tmp_path / "absent") is False


def test_disabling_extra_buffers_reaches_the_params_llama_loads_with() -> None:
    """Run in a child: the patch is process-wide, as it is in the server process."""
    probe = (
        "import llama_cpp.llama_cpp as lib\n"
        "from summarize.providers.llama_server import disable_extra_buffers\n"
        "before = lib.llama_model_default_params().use_extra_bufts\n"
        "disable_extra_buffers()\n"
        "after = lib.llama_model_default_params().use_extra_bufts\n"
        "print(before, after)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["True", "False"]
