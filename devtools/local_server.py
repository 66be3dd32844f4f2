"""A SPARQL server on this machine, in a folder of its own: to try a server deployment, for the tests and the
benchmarks. Two engines: the Oxigraph server (PyPI package ``oxigraph``) and Virtuoso (Debian package
``virtuoso-opensource``). Both listen on 127.0.0.1 only, on a free port.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from graph.settings import ServerAccess

ENGINES = ("oxigraph", "virtuoso")

WRITER = "atlas"
"""Virtuoso's account for the atlas's writes and private reads (through /sparql-auth, digest)."""
PRIVATE_GRAPHS = (
    "https://w3id.org/passendwerk/graph/private/contacts",
    "https://w3id.org/passendwerk/graph/private/follow-up",
    "https://w3id.org/passendwerk/graph/private/review-log",
    "https://w3id.org/passendwerk/graph/private/store-state",
)
"""The private graphs with a fixed name, put in Virtuoso's group of private graphs (see the README)."""

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
    access: ServerAccess = field(default_factory=ServerAccess)
    sql_port: int | None = None

    def environment(self) -> dict[str, str]:
        """The ``PASSENDWERK_STORE*`` variables with which a process of the atlas uses this server."""
        variables = {"PASSENDWERK_STORE": self.query_url}
        if self.access.user is not None:
            variables |= {
                "PASSENDWERK_STORE_USER": self.access.user,
                "PASSENDWERK_STORE_PASSWORD": self.access.password or "",
                "PASSENDWERK_STORE_AUTH": self.access.auth,
            }
        return variables

    def sql(self, statements: str) -> None:
        """Run SQL statements as Virtuoso's administrator (only on this local, throw-away server)."""
        isql = shutil.which("isql-vt")
        if self.sql_port is None or isql is None:
            raise ServerUnavailable("only a local Virtuoso with isql-vt takes SQL")
        done = subprocess.run(
            [isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        # isql goes on after a failing statement and still exits 0. A role already granted (U0013) or not granted
        # (U0014) is what a repeated set-up meets; anything else is a set-up that did not happen.
        errors = [line for line in (done.stdout + done.stderr).splitlines() if "*** Error" in line]
        failed = [line for line in errors if "U0013" not in line and "U0014" not in line]
        if failed:
            raise RuntimeError("Virtuoso refused its set-up: " + "; ".join(failed))

    def secure(self) -> None:
        """Virtuoso as the README's set-up says (again): the atlas's account writes, the anonymous user reads."""
        self.sql(secure_virtuoso_sql(None))

    def let_anyone_update(self) -> None:
        """A hurried admin's Virtuoso: the anonymous SPARQL user may update and read every graph."""
        self.sql(
            'GRANT SPARQL_UPDATE TO "SPARQL"; '
            "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 3, 0); DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 3, 1);"
        )

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
    anonymous = f"http://127.0.0.1:{http_port}/sparql"
    access = ServerAccess(user=WRITER, password=secrets.token_urlsafe(16), auth="digest", public_query_url=anonymous)
    url = anonymous + "-auth"
    server = LocalServer("virtuoso", folder, url, url, process, access, sql_port)
    _wait_until_answering(server, anonymous)
    server.sql(secure_virtuoso_sql(access.password))
    return server


def secure_virtuoso_sql(password: str | None) -> str:
    """The SQL of the README's Virtuoso set-up: an account for the atlas that may update and read everything
    (used through /sparql-auth), and an anonymous user (/sparql, the public reads) that may not update and may
    not read the graphs in Virtuoso's group of private graphs. Without ``password`` the account is not created
    (it exists already)."""
    private_group = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
    statements = [
        f"DB.DBA.USER_CREATE('{WRITER}', '{password}');" if password else "",
        f'GRANT SPARQL_SELECT TO "{WRITER}";',
        f'GRANT SPARQL_UPDATE TO "{WRITER}";',
        'REVOKE SPARQL_UPDATE FROM "SPARQL";',
        f"DB.DBA.RDF_GRAPH_GROUP_CREATE('{private_group}', 1);" if password else "",
        *(f"DB.DBA.RDF_GRAPH_GROUP_INS('{private_group}', '{graph}');" for graph in PRIVATE_GRAPHS),
        f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{WRITER}', 3, 0);",
        f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{WRITER}', 3, 1);",
        "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1, 0);",
        "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 0, 1);",
    ]
    return " ".join(statement for statement in statements if statement)


def _wait_until_answering(server: LocalServer, url: str | None = None, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.engine} stopped while starting; see {server.folder / 'server.log'}")
        try:
            response = requests.post(url or server.query_url, data={"query": "ASK {}"}, timeout=5)
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{server.engine} did not answer within {timeout_s:g} s; see {server.folder / 'server.log'}")
