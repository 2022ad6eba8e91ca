"""Writing outputs so that a failed or interrupted run never leaves a half-written
file, nor destroys the previous good one: each file is written to a temporary
name in the same folder and renamed over the old one only once all are written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["write_files"]


def write_files(folder: str | os.PathLike[str], writers: dict[str, Callable[[BinaryIO], None]]) -> list[Path]:
    """Write each ``name -> writer(binary file)`` into ``folder``, all or nothing.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> [p.name for p in write_files(out, {"a.txt": lambda f: f.write(b"hello")})]
    ['a.txt']
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    pending: list[tuple[Path, Path]] = []
    try:
        for name, write in writers.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
            pending.append((Path(temporary), target / name))
            os.chmod(temporary, 0o666 & ~umask)
            with os.fdopen(handle, "wb") as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
        for temporary, final in pending:
            os.replace(temporary, final)
        pending.clear()
    finally:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)
    return [target / name for name in writers]
