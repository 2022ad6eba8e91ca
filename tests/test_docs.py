"""The examples in the docstrings of every parley module run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import parley

MODULES = sorted({"parley", *(m.name for m in pkgutil.walk_packages(parley.__path__, "parley.")
                                if not m.name.endswith("__main__"))})


def test_every_engine_module_is_covered():
    assert {"parley.pipeline", "parley.rdf.triples", "parley.shacl.validation", "parley.loaders.schema"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_functions_have_docstrings_and_type_hints():
    import inspect

    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if inspect.isfunction(obj):
                assert obj.__doc__, f"{name}.{attr} has no docstring"
                hints = obj.__annotations__
                assert "return" in hints, f"{name}.{attr} has no return type"
