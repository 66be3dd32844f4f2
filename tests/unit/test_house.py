"""The house: the import graph of the product has no circles, and each layer only imports the layers below it.

Layers, from the bottom: ``model`` (vocabulary, terms, records, who is looking), ``settings``, ``store`` (one
interface, the engines, the named questions, and the :class:`~graph.store.atlas.Atlas` that holds them),
``analysis``, ``intake`` (files in and out, the form), ``privacy``, ``views`` (what pages and reports show) and
``cli``. Only ``ui`` (and ``app.py``) import Streamlit, and nothing in ``graph`` imports ``ui`` or ``devtools``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from graph.settings import REPO_ROOT

LAYERS = (
    "graph.model",
    "graph.settings",
    "graph.store",
    "graph.analysis",
    "graph.intake",
    "graph.privacy",
    "graph.views",
    "graph.cli",
)
PACKAGES = ("graph", "ui", "devtools")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    found = {_module_name(path): path for package in PACKAGES for path in (REPO_ROOT / package).rglob("*.py")}
    found["app"] = REPO_ROOT / "app.py"
    return found


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an import names, with ``from .context import …`` read from the importing file's package."""
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (a lazy import is still a dependency), and
    relative imports as the modules they name."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (module := _absolute(path, node)):
            named.add(module)
            named.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
    return named


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(path):
            # a package's __init__ holds only its docstring: importing a package is no dependency
            if target in modules and target != name and modules[target].name != "__init__.py":
                graph.add_edge(name, target)
    return graph


def _layer(module: str) -> int | None:
    for number, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return number
    return None


def test_a_relative_import_counts_as_the_module_it_names() -> None:
    """Regression: ``from .context import …`` was left out of the house's imports, so a circle through one would
    not have been seen."""
    assert "ui.context" in _imports(REPO_ROOT / "ui" / "small_maps.py")
    assert import_graph().has_edge("ui.small_maps", "ui.context")


def test_the_import_graph_has_no_circles() -> None:
    graph = import_graph()
    assert graph.number_of_nodes() > 60 and graph.number_of_edges() > 150  # the walk itself found the house
    circles = [" -> ".join([*circle, circle[0]]) for circle in nx.simple_cycles(graph)]
    assert circles == []


def test_a_layer_imports_only_the_layers_below_it() -> None:
    upward = [
        f"{source} -> {target}"
        for source, target in import_graph().edges
        if (low := _layer(source)) is not None and (high := _layer(target)) is not None and high > low
    ]
    assert upward == []


def test_the_product_package_reaches_neither_the_app_nor_the_development_tools() -> None:
    outward = [
        f"{source} -> {target}"
        for source, target in import_graph().edges
        if source.startswith("graph") and target.split(".")[0] in ("ui", "devtools", "app")
    ]
    assert outward == []


def test_only_the_app_imports_streamlit() -> None:
    modules = _modules()
    importers = sorted(
        name
        for name, path in modules.items()
        if any(target == "streamlit" or target.startswith("streamlit.") for target in _imports(path))
        and not (name == "app" or name.startswith("ui"))
    )
    assert importers == []


def test_the_walk_sees_a_circle_when_there_is_one(tmp_path: Path) -> None:
    """The check itself: two modules that import each other are found."""
    graph = nx.DiGraph([("graph.a", "graph.b"), ("graph.b", "graph.a")])
    assert list(nx.simple_cycles(graph))
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from graph.store.catalogue import QueryCatalogue\n", encoding="utf-8")
    assert "graph.store.catalogue" in _imports(source)


def test_no_page_calls_the_store_or_the_named_questions_itself() -> None:
    """Pages arrange widgets; what they show comes from read models in graph/ that take a viewer, through the
    app's one cache (ui.context.read), never from the store, the named questions or a cache of the page's own."""
    found = []
    for path in sorted((REPO_ROOT / "ui" / "pages").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph.store"):
                found.append(f"{path.name}:{node.lineno} imports {node.module}")
            if isinstance(node, ast.Attribute) and node.attr in ("store", "questions", "answer", "cache_data"):
                found.append(f"{path.name}:{node.lineno} uses .{node.attr}")
    assert found == []


def test_every_select_box_has_a_placeholder_in_the_readers_language() -> None:
    """Streamlit's own placeholder ("Choose an option") is English; Dutch pages showed it in their select boxes."""
    missing = []
    for path in [*(REPO_ROOT / "ui").rglob("*.py"), REPO_ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
                and not any(keyword.arg == "placeholder" for keyword in node.keywords)
            ):
                missing.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert missing == []


def test_every_map_is_made_by_the_one_function_that_asks_no_other_host() -> None:
    """Regression: the profile's map, the form's preview and the review card's map were made with pydeck's
    defaults, which fetch a map style from a map provider; ``ui.map_layers.deck`` draws from the app alone."""
    makers = sorted(
        name
        for name, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "Deck"
        and name != "ui.map_layers"
    )
    assert makers == []


def test_only_the_address_module_writes_the_address_or_ends_a_run() -> None:
    """Regression: Back after a change of province landed on an in-between address, because each write of
    ``st.query_params`` adds a history entry; ``ui.address`` writes the address once per run. A page that ended
    with ``st.stop`` or ``st.rerun`` itself would keep its address from the browser, so those go through there too.
    (``st.page_link(query_params=…)`` opens a page; it writes nothing.)"""
    found = []
    for path in [*(REPO_ROOT / "ui").rglob("*.py"), REPO_ROOT / "app.py"]:
        if path.name == "address.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(REPO_ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and node.attr == "query_params":
                found.append(f"{where} st.query_params")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("stop", "rerun")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "st"
            ):
                found.append(f"{where} st.{node.func.attr}()")
    assert found == []


def test_every_link_to_a_page_keeps_the_readers_language() -> None:
    """Regression: the menu and the organisation links led an English reader to a Dutch page once a page followed
    its address (``ui.address``): a link's address has to say the language (``ui.address.link_query``)."""
    found = []
    for path in [*(REPO_ROOT / "ui").rglob("*.py"), REPO_ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "page_link":
                query = next((keyword.value for keyword in node.keywords if keyword.arg == "query_params"), None)
                names = {each.id for each in ast.walk(query) if isinstance(each, ast.Name)} if query else set()
                if not names & {"link_query", "profile_query"}:
                    found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert found == []


def test_every_page_with_controls_in_its_address_writes_it_once_they_are_drawn() -> None:
    """Regression: written only when the run ended, a Back pressed while *Dekking* was still being made (up to 0.3 s
    at demo scale 1) went back past the change; a page writes its address once its controls are drawn."""
    missing = []
    for path in sorted((REPO_ROOT / "ui" / "pages").glob("*.py")):
        called = {
            node.func.id
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        if called & {"url_choice", "url_switch", "set_url_text"} and "write_address" not in called:
            missing.append(path.name)
    assert missing == []
