"""Prompt templates: loading by name or path, header validation, strict rendering, shared prefix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarize.exceptions import PromptError
from summarize.prompts import Prompt, list_prompts, load_prompt, load_prompt_file

SHIPPED = ("deal-structured", "deal-embedded")
HEADER = '---\nname: {name}\nversion: "2"\ndescription: A test prompt.\n---\n'
BODY = (
    "{% block system %}You read deals.{% endblock %}\n{% block user %}{{ article }}{% endblock %}\n"
)
ARTICLE = "Acme Corp agreed to buy Widget Ltd for $2 billion on Monday."


@pytest.fixture
def prompts_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user prompts folder, searched before the shipped one."""
    folder = tmp_path / "prompts"
    folder.mkdir()
    monkeypatch.setenv("SUMMARIZE_PROMPTS_DIR", str(folder))
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.j2"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_prompt_loads_by_name(name: str) -> None:
    prompt = load_prompt(name)
    assert isinstance(prompt, Prompt)
    assert prompt.name == name
    assert prompt.version
    assert prompt.meta.description
    assert prompt.path.name == f"{name}.j2"


def test_shipped_prompts_pick_their_strategy() -> None:
    assert load_prompt("deal-structured").meta.strategy == "structured"
    assert load_prompt("deal-embedded").meta.strategy == "fielded"


def test_prompt_loads_by_path(tmp_path: Path) -> None:
    path = write(tmp_path, "mine", HEADER.format(name="custom") + BODY)
    prompt = load_prompt(str(path))
    assert (prompt.name, prompt.version) == ("custom", "2")
    assert prompt.blocks == ["system", "user"]


def test_list_prompts_has_the_shipped_ones() -> None:
    names = [p.name for p in list_prompts()]
    assert set(SHIPPED) <= set(names)
    assert len(names) == len(set(names))


def test_user_folder_adds_and_overrides_prompts(prompts_dir: Path) -> None:
    write(prompts_dir, "extra", HEADER.format(name="extra") + BODY)
    write(prompts_dir, "deal-structured", HEADER.format(name="deal-structured") + BODY)
    by_name = {p.name: p for p in list_prompts()}
    assert "extra" in by_name
    assert by_name["deal-structured"].version == "2"
    assert load_prompt("deal-structured").path.parent == prompts_dir.resolve()


def test_edited_prompt_is_reloaded(tmp_path: Path) -> None:
    path = write(tmp_path, "mine", HEADER.format(name="before") + BODY)
    assert load_prompt(str(path)).name == "before"
    path.write_text(HEADER.format(name="after") + BODY, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_prompt(str(path)).name == "after"


def test_unknown_prompt_names_the_known_ones() -> None:
    with pytest.raises(PromptError, match=r"unknown prompt 'nope'.*deal-structured"):
        load_prompt("nope")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Just a body {{ article }}\n", "must start with a '---' metadata header"),
        ("---\nname: x\nversion: '1'\ndescription: d\n", "not closed"),
        ("---\nname: [x\nversion: '1'\n---\nbody\n", "not valid YAML"),
        ("---\nname: x\nversion: '1'\ndescription: d\ncolour: red\n---\nbody\n",
         "header field 'colour'"),
        ("---\nname: x\ndescription: d\n---\nbody\n", "header field 'version'"),
        ("---\nname: x\nversion: '1'\ndescription: d\nstrategy: magic\n---\nbody\n",
         "header field 'strategy'"),
        (HEADER.format(name="x") + "{% block user %}{{ article }\n", "template syntax error"),
    ],
)  # fmt: skip
def test_malformed_prompt_file_is_a_prompt_error_naming_the_file(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = write(tmp_path, "broken", text)
    with pytest.raises(PromptError) as caught:
        load_prompt_file(path)
    message = str(caught.value)
    assert "broken.j2" in message
    assert reason in message
    assert "\n" not in message.strip()


def test_missing_prompt_file_is_a_prompt_error(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match=r"gone\.j2: cannot read prompt"):
        load_prompt_file(tmp_path / "gone.j2")


def test_undefined_variable_fails_loudly() -> None:
    prompt = load_prompt("deal-structured")
    with pytest.raises(PromptError, match=r"block 'user'.*'article' is undefined"):
        prompt.render("user")


def test_unknown_block_lists_the_real_ones() -> None:
    prompt = load_prompt("deal-structured")
    with pytest.raises(PromptError, match=r"no block 'answer' \(it has: system, user\)"):
        prompt.render("answer", article=ARTICLE)


def test_block_renders_only_its_own_text(tmp_path: Path) -> None:
    prompt = load_prompt(str(write(tmp_path, "mine", HEADER.format(name="m") + BODY)))
    assert prompt.render("system") == "You read deals."
    assert prompt.render("user", article=ARTICLE) == ARTICLE


def test_article_text_is_not_evaluated_as_template() -> None:
    tricky = ARTICLE + " {{ secret }} {% if x %}yes{% endif %}"
    rendered = load_prompt("deal-structured").render("user", article=tricky)
    assert "{{ secret }} {% if x %}yes{% endif %}" in rendered


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_blocks_render_with_the_article(name: str) -> None:
    prompt = load_prompt(name)
    variable = "article" if prompt.meta.strategy == "structured" else "context"
    rendered = {block: prompt.render(block, **{variable: ARTICLE}) for block in prompt.blocks}
    assert any(ARTICLE in text for text in rendered.values())
    assert all(text for text in rendered.values())


@pytest.mark.parametrize("name", [p.name for p in list_prompts() if p.meta.strategy == "fielded"])
def test_question_blocks_share_one_prefix(name: str) -> None:
    """llama.cpp reuses the article's KV cache only if every question starts identically."""
    prompt = load_prompt(name)
    prefix = prompt.render("context", context=ARTICLE)
    assert ARTICLE in prefix
    questions = [b for b in prompt.blocks if b != "context"]
    assert {"buyer", "target", "amount"} <= set(questions)
    heads = set()
    for block in questions:
        rendered = prompt.render(block, context=ARTICLE)
        assert rendered.startswith(prefix), block
        heads.add(rendered.split("Question:")[0])
    assert len(heads) == 1
