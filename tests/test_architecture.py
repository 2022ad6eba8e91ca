"""The engine's rooms by stage, and imports that flow one way: each room imports only
the rooms below it (and the asset packages), never one beside or above it; the command
line and the benchmarks use only the public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import parley

REPO = Path(__file__).resolve().parent.parent
# Folder in the repository -> package, and each room's layer: lower layers come first.
FOLDERS = {"kg": "parley", "loaders": "parley.loaders", "ontology": "parley.ontology", "queries": "parley.queries",
           "data": "parley.data"}
LAYERS = [
    {"parley.ontology", "parley.queries", "parley.data"},  # assets
    {"parley.model"},
    {"parley.loaders", "parley.rdf"},  # side by side: records from files; records to RDF
    {"parley.shacl", "parley.sparql"},
    {"parley.network"},
    {"parley.exports"},
    {"parley.pipeline", "parley.importing", "parley.web"},
    {"parley.cli", "parley"},
    {"parley.__main__"},
]


def room(module: str) -> str:
    """The room a module belongs to: ``parley.rdf.triples`` -> ``parley.rdf``."""
    for layer in LAYERS:
        for name in sorted(layer, key=len, reverse=True):
            if name != "parley" and (module == name or module.startswith(name + ".")):
                return name
    assert module == "parley", f"{module} is in no room: add it to LAYERS"
    return "parley"


def layer(module: str) -> int:
    return next(index for index, names in enumerate(LAYERS) if room(module) in names)


def modules() -> dict[str, Path]:
    found = {}
    for folder, package in FOLDERS.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def imported(path: Path, module: str) -> set[str]:
    """The parley modules a file imports, at its top or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name == "parley" or name.startswith("parley.")}


def test_every_module_is_in_a_room():
    for module in modules():
        room(module)


@pytest.mark.parametrize("module", sorted(modules()))
def test_imports_flow_downward_only(module):
    path = modules()[module]
    for target in imported(path, module):
        if room(module) in ("parley.cli", "parley.__main__") and target == "parley":
            continue  # the top: the public API
        if room(target) == room(module):
            continue  # within one room
        assert layer(target) < layer(module), f"{module} imports {target}, which is not below it"


def test_the_command_line_and_the_benchmarks_use_only_the_public_api():
    files = {**{f"parley.cli.{p.stem}": p for p in (REPO / "kg" / "cli").glob("*.py")},
             **{f"bench.{p.stem}": p for p in (REPO / "bench").glob("*.py")}}
    assert "parley.cli.__init__" in files
    allowed = {"parley", "parley.ontology", "parley.cli"}
    for name, path in files.items():
        found = {target for target in imported(path, name) if not target.startswith("parley.cli.")}
        assert found <= allowed, f"{name} imports {found - allowed}"


def test_the_public_api_is_listed_and_every_name_resolves():
    import importlib
    import pkgutil
    import types

    for module in pkgutil.walk_packages(parley.__path__, "parley."):  # a subpackage could hide a name
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for name in parley.__all__:
        assert not isinstance(getattr(parley, name), types.ModuleType), f"parley.{name} is hidden by a module"
    names = {"load", "validate", "build", "open_graph", "query", "query_frame", "project", "centrality",
             "export_gexf", "export_graphml", "export_tables", "plot_network", "plot_timeline", "import_dataset"}
    assert names <= set(parley.__all__)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in names if f"`{name}`" not in readme and f"parley.{name}(" not in readme]
    assert missing == [], f"README does not show {missing}"
