"""Export plumbing: the base config fix and finding llama.cpp's converter."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from summarize.exceptions import ConfigError
from training.export import SCRIPT, convert_command, export, fixed_base_config, llama_cpp_dir

GGUF_LOADED = {
    "architectures": None,
    "model_type": "gemma3_text",
    "hidden_size": 640,
    "quantization_config": {"quant_method": "gguf"},
}


def test_base_config_names_the_architecture_and_drops_quantization() -> None:
    fixed = fixed_base_config(GGUF_LOADED)
    assert fixed["architectures"] == ["Gemma3ForCausalLM"]
    assert "quantization_config" not in fixed
    assert fixed["hidden_size"] == 640
    assert GGUF_LOADED["architectures"] is None  # the input is not changed


def _sdist(path: Path, names: list[str]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            data = b"# stand-in\n"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_converter_is_unpacked_from_the_sdist_with_its_packages(tmp_path: Path) -> None:
    root = "llama_cpp_python-0.3.36/vendor/llama.cpp/"
    names = [root + SCRIPT, root + "conversion/__init__.py", root + "gguf-py/gguf/__init__.py",
             root + "src/llama.cpp", "llama_cpp_python-0.3.36/README.md"]  # fmt: skip
    found = llama_cpp_dir(_sdist(tmp_path / "sdist.tar.gz", names), tmp_path / "x")
    assert (found / SCRIPT).is_file()
    assert (found / "conversion" / "__init__.py").is_file()
    assert (found / "gguf-py" / "gguf" / "__init__.py").is_file()
    assert not (found / "src").exists()


@pytest.mark.parametrize("layout", ["flat", "vendor"])
def test_converter_is_found_in_a_folder(tmp_path: Path, layout: str) -> None:
    folder = tmp_path if layout == "flat" else tmp_path / "vendor" / "llama.cpp"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SCRIPT).write_text("# stand-in\n")
    assert llama_cpp_dir(tmp_path, tmp_path / "scratch") == folder


@pytest.mark.parametrize("what", ["empty-folder", "wrong-file"])
def test_missing_converter_is_a_config_error(tmp_path: Path, what: str) -> None:
    where = tmp_path
    if what == "wrong-file":
        where = tmp_path / "model.bin"
        where.write_bytes(b"x")
    with pytest.raises(ConfigError, match=r"convert_lora_to_gguf|pip download"):
        llama_cpp_dir(where, tmp_path / "scratch")


def test_command_passes_base_outfile_and_type(tmp_path: Path) -> None:
    cmd = convert_command(tmp_path, Path("a"), Path("b"), Path("o.gguf"), "f16")
    assert cmd[1].endswith(SCRIPT)
    assert cmd[2:] == ["--base", "b", "--outfile", "o.gguf", "--outtype", "f16", "a"]


def test_export_without_an_adapter_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"python -m training\.train"):
        export(tmp_path, tmp_path, tmp_path / "out.gguf")


def test_export_without_base_config_says_where_it_comes_from(tmp_path: Path) -> None:
    (tmp_path / "adapter").mkdir()
    (tmp_path / "adapter" / "adapter_config.json").write_text(json.dumps({"r": 16}))
    with pytest.raises(ConfigError, match=r"base_config\.json is missing"):
        export(tmp_path, tmp_path, tmp_path / "out.gguf")
