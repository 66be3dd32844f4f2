"""The README is the first thing a newcomer runs: every command and option it shows must exist."""

from __future__ import annotations

import argparse
import re

from graph.cli.main import build_parser
from graph.settings import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
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
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", README))
    assert {"run", "test"} <= named
    assert not named - targets, f"README names make targets that do not exist: {sorted(named - targets)}"
