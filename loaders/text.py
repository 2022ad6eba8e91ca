"""Reading input files as text, with located errors for undecodable bytes."""

from __future__ import annotations

from pathlib import Path

from parley.model.errors import Problem

__all__ = ["read_text"]


def read_text(path: Path, display: str, encoding: str = "utf-8") -> tuple[str | None, list[Problem]]:
    """The file's text without a byte-order mark, or None and the problem that stopped it.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = p.write_bytes(b"a: 1\\nb: caf\\xe9\\n")
    >>> read_text(p, "bad.yaml")[1][0].message
    'byte 0xe9 is not valid utf-8 (save the file as UTF-8)'
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(display, 0, "", f"cannot read file: {err.strerror or err}")]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start]
        return None, [Problem(display, line, "", f"byte 0x{bad:02x} is not valid {encoding} (save the file as UTF-8)")]
    except LookupError:
        return None, [Problem(display, 0, "", f"unknown encoding '{encoding}'")]
    return text.removeprefix("\ufeff"), []
