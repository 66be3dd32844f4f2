"""The README is the first thing a newcomer runs: every command and option it shows must exist."""

from __future__ import annotations

import argparse
import re

from devtools.__main__ import build_parser as build_devtools_parser
from graph.cli.main import build_parser
from graph.settings import REPO_ROOT
from ui.context import PAGES
from ui.i18n import text

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser | None = None) -> dict[str, argparse.ArgumentParser]:
    parser = parser or build_parser()
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def test_every_command_in_the_readme_exists() -> None:
    named = set(re.findall(r"python -m graph (?:--\S+ \S+ )*([a-z][a-z-]+)", README))
    assert named, "the README shows no commands"
    missing = named - set(_subcommands())
    assert not missing, f"README names commands the CLI does not have: {sorted(missing)}"


def test_every_option_the_readme_shows_for_a_command_exists() -> None:
    commands = _subcommands()
    global_options = _options(build_parser())
    for line in README.splitlines():
        match = re.search(r"python -m graph ([a-z][a-z-]+)(.*)", line)
        if not match or match.group(1) not in commands:
            continue
        shown = set(re.findall(r"(--[a-z][a-z-]*)", match.group(2).split("#")[0]))
        unknown = shown - _options(commands[match.group(1)]) - global_options
        assert not unknown, f"{match.group(1)}: README shows options the CLI does not have: {sorted(unknown)}"


def test_the_make_targets_in_the_readme_exist() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][a-z0-9-]*)", README))
    assert {"run", "test"} <= named
    assert not named - targets, f"README names make targets that do not exist: {sorted(named - targets)}"


def test_every_development_command_in_the_readme_exists_with_its_options() -> None:
    commands = _subcommands(build_devtools_parser())
    for line in README.splitlines():
        match = re.search(r"python -m devtools ([a-z][a-z-]+)(.*)", line)
        if not match:
            continue
        assert match.group(1) in commands, f"README names a development command that does not exist: {line}"
        shown = set(re.findall(r"(--[a-z][a-z-]*)", match.group(2).split("#")[0]))
        assert not shown - _options(commands[match.group(1)]), line


def test_every_page_in_the_readme_exists_with_that_title() -> None:
    section = README.split("## The web app", 1)[1].split("\n## ", 1)[0]
    named = {
        title.strip()
        for row in re.findall(r"^\| ([^|]+) \|", section, flags=re.MULTILINE)
        for title in row.split("/")
        if title.strip() not in ("page", "---")
    }
    titles = {text(f"page_{name}", "nl"): name for name in PAGES}
    assert len(named) >= 10
    assert not named - set(titles), f"README names pages the app does not have: {sorted(named - set(titles))}"
    assert not set(titles) - named, f"pages the README does not describe: {sorted(set(titles) - named)}"
    assert all((REPO_ROOT / path).is_file() for path in PAGES.values())
