"""parley: a knowledge graph of actors and negotiations.

The Python API, each a plain function over plain data:

>>> import parley
>>> records = parley.load()            # the bundled data set, as records
>>> result = parley.validate()         # SHACL over the union of all record graphs
>>> result.conforms
True
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("parley")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__", "load", "build", "validate", "query", "query_frame", "actor_graph", "centrality",
           "with_measures", "write_gexf", "write_graphml", "write_tables", "InputError", "Problem"]

_API = {
    "load": "parley.loaders",
    "build": "parley.pipeline",
    "validate": "parley.pipeline",
    "query": "parley.sparql",
    "query_frame": "parley.sparql",
    "actor_graph": "parley.network",
    "centrality": "parley.network",
    "with_measures": "parley.exports",
    "write_gexf": "parley.exports",
    "write_graphml": "parley.exports",
    "write_tables": "parley.exports",
    "InputError": "parley.errors",
    "Problem": "parley.errors",
}


def __getattr__(name: str) -> Any:
    """Import the API lazily, so ``import parley`` (and the CLI's start) stays fast."""
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'parley' has no attribute {name!r}")
