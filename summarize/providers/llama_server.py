"""``python -m summarize.providers.llama_server``: llama-cpp-python's server, safe on AMX CPUs.

llama.cpp built with ``GGML_NATIVE`` (what ``pip install llama-cpp-python`` does) on a CPU with
Intel AMX (Sapphire Rapids and later: most current cloud Xeons) repacks quantized weights into
AMX buffers, and that path crashes the process with SIGSEGV in ``ggml_backend_amx_mul_mat`` on
the first completion (upstream llama.cpp issue #20824). Loading the model without "extra
buffer types" (``llama_model_params.use_extra_bufts = False``, what llama-server's
``--no-repack`` sets) avoids it. llama-cpp-python's ``Llama`` class and server do not expose that
field, so this launcher sets it on the default model parameters before the server loads the
model, then runs the unchanged server with the same arguments.

Only CPUs with AMX get the change by default: elsewhere the CPU repack buffers (AVX2/AVX-512
kernels) are safe and faster. ``SUMMARIZE_LLAMA_REPACK=0`` turns repacking off everywhere and
``=1`` keeps it even on AMX, for whoever needs to measure either.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

UPSTREAM_ISSUE = "https://github.com/ggml-org/llama.cpp/issues/20824"
CPUINFO = Path("/proc/cpuinfo")


def cpu_has_amx(cpuinfo: Path = CPUINFO) -> bool:
    """True when the CPU advertises Intel AMX tiles (Linux; elsewhere False)."""
    try:
        text = cpuinfo.read_text(errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return "amx_tile" in line.split()
    return False


def repack_allowed(cpuinfo: Path = CPUINFO) -> bool:
    """Whether llama.cpp may use its extra (repacked) weight buffers on this machine."""
    setting = os.environ.get("SUMMARIZE_LLAMA_REPACK", "").strip().lower()
    if setting in {"0", "false", "no", "off"}:
        return False
    if setting in {"1", "true", "yes", "on"}:
        return True
    return not cpu_has_amx(cpuinfo)


def disable_extra_buffers() -> None:
    """Make every model llama-cpp-python loads in this process skip the extra buffer types."""
    import llama_cpp.llama_cpp as lib

    default_params = lib.llama_model_default_params

    def params_without_extra_buffers() -> lib.llama_model_params:
        params = default_params()
        params.use_extra_bufts = False
        return params

    lib.llama_model_default_params = params_without_extra_buffers


def main() -> None:
    if not repack_allowed():
        disable_extra_buffers()
        print(
            f"summarize: weight repacking off (AMX CPU or SUMMARIZE_LLAMA_REPACK=0; "
            f"see {UPSTREAM_ISSUE})",
            file=sys.stderr,
            flush=True,
        )
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
