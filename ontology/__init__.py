"""parley's OWL-lite ontology, its SHACL shapes and its SKOS vocabularies, as package data.

>>> "owl:Ontology" in ontology_text()
True
>>> sorted(name for name, _ in vocabulary_texts())
['claims.ttl', 'event-types.ttl', 'issues.ttl', 'roles.ttl', 'statuses.ttl']
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["ontology_text", "shapes_text", "vocabulary_texts", "asset"]


def asset(name: str) -> Traversable:
    """A file shipped in this package, such as ``parley.ttl`` or ``vocabularies/roles.ttl``."""
    return files(__name__).joinpath(name)


def ontology_text() -> str:
    """The ontology, ``parley.ttl``, as Turtle."""
    return asset("parley.ttl").read_text(encoding="utf-8")


def shapes_text() -> str:
    """The SHACL shapes, ``shapes.ttl``, as Turtle."""
    return asset("shapes.ttl").read_text(encoding="utf-8")


def vocabulary_texts() -> list[tuple[str, str]]:
    """Each SKOS vocabulary as (file name, Turtle), sorted by name."""
    folder = asset("vocabularies")
    return [(entry.name, entry.read_text(encoding="utf-8"))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".ttl")]
