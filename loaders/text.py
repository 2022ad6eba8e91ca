"""Reading input files as text, with located errors for undecodable bytes."""

from __future__ import annotations

from pathlib import Path

from parley.model.errors import Problem

__all__ = ["read_text", "MAX_FILE_BYTES"]

# The largest input file read whole (a facts file, a query): far above any curated file
# (100k events are about 40 MB of YAML), and a ceiling on what one file can cost.
MAX_FILE_BYTES = 1 << 30


def read_text(path: Path, display: str, encoding: str = "utf-8", *,
              limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """The file's text without a byte-order mark, or None and the problem that stopped it:
    a file that is not a regular file (a FIFO would wait for a writer forever), one of
    more than ``limit`` bytes, one that cannot be read or decoded.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = p.write_bytes(b"a: 1\\nb: caf\\xe9\\n")
    >>> read_text(p, "bad.yaml")[1][0].message
    'byte 0xe9 is not valid utf-8 (save the file as UTF-8)'
    """
    try:
        if path.exists() and not path.is_file():
            return None, [Problem(display, 0, "", "not a regular file (a folder, a FIFO or a device): give a file")]
        size = path.stat().st_size
        if size > limit:
            return None, [Problem(display, 0, "", f"is {size:,} bytes, more than the {limit:,} a file may have")]
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
