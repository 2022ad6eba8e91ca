"""parley: a knowledge graph of actors and negotiations.

The Python API, each a plain function over plain data, in the order data flows:

>>> import parley
>>> records = parley.load()            # the bundled data set, as records
>>> result = parley.validate()         # SHACL over the union of all record graphs
>>> result.conforms
True
>>> graph = parley.project("co-participation", store=result.store)
>>> parley.centrality(graph).loc[0, "actor"]
'ukraine'

Everything else (``parley.model``, ``parley.rdf``, ``parley.shacl``, ``parley.sparql``,
``parley.network``, ``parley.exports``) is the engine behind these names, in rooms by
stage; its layout may change between releases.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("parley")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

# The public API: name -> the module that defines it (imported when first used, so
# ``import parley`` and the command line start fast).
_API = {
    "load": "parley.loaders",
    "Import": "parley.loaders",
    "import_dataset": "parley.importing",
    "to_quads": "parley.rdf.triples",
    "validate": "parley.pipeline",
    "build": "parley.pipeline",
    "BuildResult": "parley.pipeline",
    "open_graph": "parley.rdf.graphs",
    "vocabulary_schemes": "parley.model.vocabulary",
    "vocabulary_terms": "parley.model.vocabulary",
    "facts_schema": "parley.loaders.reference",
    "facts_reference": "parley.loaders.reference",
    "query_library": "parley.sparql.library",
    "query": "parley.sparql.run",
    "query_frame": "parley.sparql.run",
    "push": "parley.sparql.push",
    "project": "parley.network.projections",
    "third_party_actors": "parley.network.projections",
    "read_tables": "parley.network.tables",
    "GraphTables": "parley.network.tables",
    "GRAPH_KINDS": "parley.network.projections",
    "centrality": "parley.network.measures",
    "MEASURES": "parley.network.measures",
    "DEFAULT_MEASURES": "parley.network.measures",
    "with_measures": "parley.exports",
    "export_gexf": "parley.exports",
    "export_graphml": "parley.exports",
    "export_tables": "parley.exports",
    "csv_cell": "parley.exports.tables",
    "plot_network": "parley.exports.plots",
    "plot_timeline": "parley.exports.plots",
    "write_ontology_docs": "parley.exports.ontology_docs",
    "serve": "parley.web.server",
    "make_server": "parley.web.server",
    "is_loopback": "parley.web.server",
    "InputError": "parley.model.errors",
    "Problem": "parley.model.errors",
    "EndpointError": "parley.sparql.http",
    "EXIT_OK": "parley.model.errors",
    "EXIT_NONCONFORMING": "parley.model.errors",
    "EXIT_BAD_INPUT": "parley.model.errors",
}
_RENAMED = {"query_library": "library"}  # public name -> the name in its module

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Import the API lazily, so ``import parley`` (and the CLI's start) stays fast."""
    if name in _API:
        return getattr(import_module(_API[name]), _RENAMED.get(name, name))
    raise AttributeError(f"module 'parley' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
