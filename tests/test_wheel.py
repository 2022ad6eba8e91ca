"""The built wheel, installed into a fresh virtual environment outside the repository,
finds and parses its ontology, shapes, vocabularies and data through importlib.resources."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHECK = """
import pyoxigraph as ox
from importlib.resources import files
from parley.ontology import ontology_text, shapes_text, vocabulary_texts
assert files("parley.ontology").joinpath("parley.ttl").is_file()
counts = {"parley.ttl": len(list(ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE))),
          "shapes.ttl": len(list(ox.parse(shapes_text(), format=ox.RdfFormat.TURTLE)))}
for name, text in vocabulary_texts():
    counts[name] = len(list(ox.parse(text, format=ox.RdfFormat.TURTLE)))
data = files("parley.data").joinpath("russia-ukraine.yaml").read_text(encoding="utf-8")
assert "ankara-2026-01-01" in data
import parley
print(parley.__file__)
import json
print(json.dumps(counts))
"""


@pytest.mark.skipif(not (REPO / "pyproject.toml").is_file(), reason="needs the source tree to build the wheel")
def test_wheel_in_a_fresh_venv_finds_and_parses_its_assets(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO)],
                   check=True, cwd=tmp_path, timeout=600)
    [wheel] = wheels.glob("parley-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, timeout=600)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "pyoxigraph>=0.5"], check=True, timeout=600)
    result = subprocess.run([python, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    location, counts = result.stdout.splitlines()
    assert location.startswith(str(env_dir)) and not location.startswith(str(REPO))
    parsed = json.loads(counts)
    assert set(parsed) == {"parley.ttl", "shapes.ttl", "claims.ttl", "event-types.ttl", "issues.ttl", "roles.ttl",
                           "statuses.ttl"}
    assert all(count > 50 for count in parsed.values()), parsed
