"""A SPARQL server on this machine, in a folder of its own: to try a server deployment, for the tests and the
benchmarks. Two engines: the Oxigraph server (PyPI package ``oxigraph``) and Virtuoso (Debian package
``virtuoso-opensource``). Both listen on 127.0.0.1 only, on a free port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ENGINES = ("oxigraph", "virtuoso")

_VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 40
DirsAllowed = ., {folder}
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
MaxQueryMem = 2G
CaseMode = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 40
MaxClientConnections = 40
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxSortedTopRows = {max_rows}
MaxQueryExecutionTime = {timeout_s}
MaxQueryCostEstimationTime = {timeout_s}
"""


class ServerUnavailable(RuntimeError):
    """The engine is not installed here; the message says what to install."""


@dataclass
class LocalServer:
    engine: str
    folder: Path
    query_url: str
    update_url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(engine: str, folder: Path, *, max_rows: int = 2_000_000, timeout_s: int = 120) -> LocalServer:
    """Start ``engine`` with its data in ``folder`` and wait until it answers a query.

    ``max_rows`` is Virtuoso's ResultSetMaxRows, which silently cuts answers (10,000 by default);
    ``timeout_s`` is the server's own limit per query, so that a query nobody waits for any more stops.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if engine == "oxigraph":
        return _start_oxigraph(folder, timeout_s)
    if engine == "virtuoso":
        return _start_virtuoso(folder, max_rows, timeout_s)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _start_oxigraph(folder: Path, timeout_s: int) -> LocalServer:
    program = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if program is None:
        raise ServerUnavailable("the Oxigraph server is not installed: pip install oxigraph")
    port = free_port()
    log = (folder / "server.log").open("ab")
    process = subprocess.Popen(
        [
            program,
            "serve",
            "--location",
            str(folder / "data"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(timeout_s),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    server = LocalServer("oxigraph", folder, base + "/query", base + "/update", process)
    _wait_until_answering(server)
    return server


def _start_virtuoso(folder: Path, max_rows: int, timeout_s: int) -> LocalServer:
    program, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if program is None or isql is None:
        raise ServerUnavailable("Virtuoso is not installed: apt-get install virtuoso-opensource")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(
            folder=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows, timeout_s=timeout_s
        ),
        encoding="utf-8",
    )
    log = (folder / "server.log").open("ab")
    process = subprocess.Popen(
        [program, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    server = LocalServer("virtuoso", folder, url, url, process)
    _wait_until_answering(server)
    # The anonymous SPARQL user may update; on a shared server use /sparql-auth and a real account instead.
    subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return server


def _wait_until_answering(server: LocalServer, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.engine} stopped while starting; see {server.folder / 'server.log'}")
        try:
            response = requests.post(server.query_url, data={"query": "ASK {}"}, timeout=5)
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{server.engine} did not answer within {timeout_s:g} s; see {server.folder / 'server.log'}")
