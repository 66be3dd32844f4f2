"""The command line as a coordinator uses it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.settings import REPO_ROOT

from .conftest import TINY, ServerPool, fresh_server_atlas, run_cli


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_cli("--help", store=tmp_path / "s")
    assert result.returncode == 0
    for command in ("import", "validate", "export", "stats"):
        assert command in result.stdout
    assert run_cli("import", "--help", store=tmp_path / "s").returncode == 0


def test_bad_file_exits_2_with_file_row_column_and_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    before = run_cli("stats", "--format", "csv", store=store).stdout
    folder = tmp_path / "bad"
    shutil.copytree(TINY, folder)
    text = (folder / "sites.csv").read_text().replace("52.085,4.88333", "48.85,2.35")
    (folder / "sites.csv").write_text(text)
    result = run_cli("import", str(folder), store=store)
    assert result.returncode == 2
    assert "sites.csv:2: lat: het punt (48,85; 2,35) ligt niet in Nederland" in result.stderr
    assert "nothing was written" in result.stderr
    assert run_cli("stats", "--format", "csv", store=store).stdout == before
    assert run_cli("validate", str(folder), store=store).returncode == 2


def test_validate_ok_and_import_then_export(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("validate", str(TINY), store=store).returncode == 0
    assert run_cli("import", str(TINY), store=store).returncode == 0
    out = tmp_path / "out"
    assert run_cli("export", "--format", "csv", "--out", str(out), store=store).returncode == 0
    assert (out / "organisations.csv").read_text().count("\n") == 10
    ttl = run_cli("export", "--format", "ttl", store=store)
    assert ttl.returncode == 0 and "Bibliotheek Alfa" in ttl.stdout


def test_validate_against_a_missing_store_checks_the_file_and_creates_nothing(tmp_path: Path) -> None:
    """Regression: ``validate`` with a store folder that was not there created an empty store, which a later
    command then answered from."""
    missing = tmp_path / "stor"
    result = run_cli("validate", str(TINY), store=missing)
    assert result.returncode == 0, result.stderr
    assert f"de opslag {missing} bestaat niet; gecontroleerd tegen een lege atlas" in result.stderr
    bad = tmp_path / "bad"
    shutil.copytree(TINY, bad)
    (bad / "sites.csv").write_text((bad / "sites.csv").read_text().replace("52.085,4.88333", "48.85,2.35"))
    refused = run_cli("validate", str(bad), store=missing)
    assert refused.returncode == 2 and "sites.csv:2: lat:" in refused.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad"]
    assert run_cli("stats", store=missing).returncode == 2


def test_a_mistyped_store_is_refused_not_created(tmp_path: Path) -> None:
    """A typing error in --store used to create an empty store and answer from it (stats said 0)."""
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    mistyped = tmp_path / "stor"
    for command in (["stats"], ["query", "coverage"], ["suggest", "--radius-km", "5"], ["backup", str(tmp_path / "b")]):
        result = run_cli(*command, store=mistyped)
        assert result.returncode == 2, (command, result.stderr)
        assert f"de opslag {mistyped} bestaat niet (the store does not exist)" in result.stderr
        assert "Traceback" not in result.stderr
    assert not mistyped.exists() and not (tmp_path / "b").exists()
    assert run_cli("stats", store=store).returncode == 0


def test_a_parameter_given_twice_is_refused_not_overwritten(tmp_path: Path) -> None:
    """A repeated --param used to keep the last value without a word."""
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    result = run_cli("query", "coverage", "--param", "province_code=PV26", "--param", "province_code=PV27", store=store)
    assert result.returncode == 2
    assert "--param province_code staat er twee keer (is given twice)" in result.stderr


def test_a_province_or_municipality_the_atlas_does_not_know_is_refused_not_answered_empty(tmp_path: Path) -> None:
    """Regression: `query gaps --param province_code=PV99` printed "no rows" with exit code 0, which reads as "no
    gaps there", while `suggest --province PV99` refused the code."""
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    for question, parameter, code, word in (
        ("gaps", "province_code", "PV99", "provincie"),
        ("municipality-figures", "municipality_code", "GM9999", "gemeente"),
    ):
        result = run_cli("query", question, "--param", f"{parameter}={code}", store=store)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"--param {parameter}: {code} is geen {word} van de atlas" in result.stderr
    assert run_cli("query", "gaps", "--param", "province_code=pv31", store=store).returncode == 0  # Limburg
    known = run_cli("query", "municipality-figures", "--param", "municipality_code=GM0983", store=store)
    assert known.returncode == 0 and "Venlo" in known.stdout


def test_suggest_takes_a_province_or_municipality_by_name_as_the_app_does(tmp_path: Path) -> None:
    """Regression: `suggest --province Gelderland` and `--province pv26` were refused, where the app's addresses
    take a province by its name."""
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    for option, code, names in (
        ("--province", "PV31", ("Limburg", "limburg", "pv31")),
        ("--municipality", "GM0983", ("Venlo",)),
    ):
        by_code = run_cli("suggest", "--radius-km", "50", option, code, "--format", "csv", store=store)
        assert by_code.returncode == 0 and len(by_code.stdout.splitlines()) > 1
        for name in names:
            by_name = run_cli("suggest", "--radius-km", "50", option, name, "--format", "csv", store=store)
            assert by_name.stdout == by_code.stdout, name
    unknown = run_cli("suggest", "--radius-km", "50", "--province", "Atlantis", store=store)
    assert unknown.returncode == 2 and "Onbekende provincie 'Atlantis'" in unknown.stderr


def test_unknown_path_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "missing"), store=tmp_path / "store")
    assert result.returncode == 2
    assert "bestaat niet" in result.stderr and "Traceback" not in result.stderr


def test_store_from_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PASSENDWERK_STORE": str(tmp_path / "env-store")}
    subprocess.run([sys.executable, "-m", "graph", "init"], cwd=REPO_ROOT, env=env, check=True, capture_output=True)
    assert (tmp_path / "env-store").is_dir()


@pytest.mark.parametrize("engine", ["oxigraph", "virtuoso"])
def test_init_on_a_new_server_fills_it_as_on_one_machine(tmp_path: Path, server_pool: ServerPool, engine: str) -> None:
    """Regression: on a new server ``init`` left the atlas without its vocabulary and municipalities (each
    graph was written ahead of its change and then dropped by that change's replacement of the graph)."""
    server = fresh_server_atlas(server_pool, engine, None, None).settings.store
    assert run_cli("init", store=server).returncode == 0
    assert run_cli("init", store=tmp_path / "store").returncode == 0
    on_server = json.loads(run_cli("stats", "--format", "json", store=server, check=True).stdout)
    on_one_machine = json.loads(run_cli("stats", "--format", "json", store=tmp_path / "store", check=True).stdout)
    assert {"measure": "municipalities", "value": 342} in on_server
    assert on_server == on_one_machine
