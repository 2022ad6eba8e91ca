"""Writing outputs so that a failed or interrupted run never leaves a half-written
file, nor destroys the previous good one: each file is written to a temporary
name in the same folder (or, for a file written while the run goes on, on the same
file system: :func:`staging_folder`) and renamed over the old one only once all are
written."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from parley.rdf.store import process_alive

__all__ = ["write_files", "staging_folder", "temporary_prefix", "remove_debris"]

_DEBRIS = re.compile(r"^\.parley-(\d+)-.*\.tmp$")


def temporary_prefix(name: str) -> str:
    """The start of the name of a temporary file this process writes for ``name``: hidden,
    and holding the process id, so :func:`remove_debris` can tell a file left by a run
    that was killed from one a run still going on is writing."""
    return f".parley-{os.getpid()}-{name}."


def remove_debris(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that runs killed before they could clean up (``kill -9``,
    a power cut) left in ``folder``; files of runs still going on are kept.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".parley-999999999-kg.trig.x1.tmp").write_bytes(b"half")
    >>> [p.name for p in remove_debris(folder)]
    ['.parley-999999999-kg.trig.x1.tmp']
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _DEBRIS.match(entry.name)
        if match and int(match.group(1)) != os.getpid() and not process_alive(int(match.group(1))):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed


def write_files(folder: str | os.PathLike[str], writers: dict[str, Callable[[BinaryIO], object] | Path]) -> list[Path]:
    """Write each ``name -> writer(binary file)`` into ``folder``, all or nothing. A
    writer may instead be the path of a file already written and flushed in
    :func:`staging_folder`, which is moved in, not copied (and removed if another
    file fails).

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> [p.name for p in write_files(out, {"a.txt": lambda f: f.write(b"hello")})]
    ['a.txt']
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    remove_debris(target)
    umask = os.umask(0)
    os.umask(umask)
    pending: list[tuple[Path, Path]] = []
    try:
        for name, write in writers.items():
            if isinstance(write, Path):
                pending.append((write, target / name))
                os.chmod(write, 0o666 & ~umask)
                with open(write, "rb") as written:
                    os.fsync(written.fileno())
                continue
            try:
                handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(name), suffix=".tmp", dir=target)
                pending.append((Path(temporary), target / name))
                os.chmod(temporary, 0o666 & ~umask)
                with os.fdopen(handle, "wb") as stream:
                    write(stream)
                    stream.flush()
                    os.fsync(stream.fileno())
            except OSError as err:  # named by the file the user asked for, not the temporary one
                raise OSError(err.errno, err.strerror or str(err), str(target / name)) from None
        for temporary, final in pending:
            os.replace(temporary, final)
        pending.clear()
    finally:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)
    return [target / name for name in writers]


def staging_folder(folder: str | os.PathLike[str]) -> Path:
    """Where to write ahead of time a file meant for ``folder``, to be renamed into it
    once all is well: the folder itself, or, while it does not exist, its nearest
    existing parent (on the file system the folder will be made in).

    >>> import pathlib, tempfile
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> staging_folder(base / "out" / "2026") == base
    True
    """
    path = Path(folder).absolute()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path
