"""Outputs are all-or-nothing: a failure while writing keeps the previous files and
leaves no temporary file behind; progress shows on a terminal only."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from parley.exports.files import write_files


def test_failure_while_writing_keeps_previous_outputs(tmp_path):
    write_files(tmp_path, {"kg.trig": lambda f: f.write(b"old trig"), "kg.ttl": lambda f: f.write(b"old ttl")})

    def broken(stream):
        stream.write(b"half a file")
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C in the middle of writing

    with pytest.raises(KeyboardInterrupt):
        write_files(tmp_path, {"kg.trig": lambda f: f.write(b"new trig"), "kg.ttl": broken})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.trig", "kg.ttl"]
    assert (tmp_path / "kg.trig").read_bytes() == b"old trig"
    assert (tmp_path / "kg.ttl").read_bytes() == b"old ttl"


def test_a_file_written_ahead_is_moved_in_or_removed_with_the_rest(tmp_path):
    from parley.exports.files import staging_folder

    out = tmp_path / "out"
    ahead = staging_folder(out) / f".parley-{os.getpid()}-kg.trig.tmp"
    ahead.write_bytes(b"trig written as the build went")
    write_files(out, {"kg.trig": ahead, "kg.ttl": lambda f: f.write(b"ttl")})
    assert (out / "kg.trig").read_bytes() == b"trig written as the build went" and not ahead.exists()
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "kg.trig").stat().st_mode & 0o777 == 0o666 & ~umask

    ahead = staging_folder(out) / f".parley-{os.getpid()}-kg.trig.tmp"
    ahead.write_bytes(b"new trig")

    def broken(stream):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_files(out, {"kg.trig": ahead, "kg.ttl": broken})
    assert sorted(p.name for p in out.iterdir()) == ["kg.trig", "kg.ttl"] and not ahead.exists()
    assert (out / "kg.trig").read_bytes() == b"trig written as the build went"


def test_written_files_get_the_usual_permissions(tmp_path):
    [path] = write_files(tmp_path, {"kg.ttl": lambda f: f.write(b"x")})
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_progress_is_shown_on_a_terminal_and_silent_otherwise(tmp_path):
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "parley", "validate"], stdout=subprocess.PIPE, stderr=follower,
                          cwd=tmp_path, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"}) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        stdout = process.stdout.read()
    os.close(leader)
    assert process.returncode == 0
    assert b"validating with SHACL" in shown
    assert stdout.decode().strip().endswith("conforms")
    piped = subprocess.run([sys.executable, "-m", "parley", "validate"], capture_output=True, cwd=tmp_path)
    assert piped.stderr == b""


def test_a_failed_write_names_the_file_asked_for_not_the_temporary_one(tmp_path):
    import errno

    (tmp_path / "kg.ttl").write_bytes(b"old")

    def disk_full(stream):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as err:
        write_files(tmp_path, {"kg.ttl": disk_full})
    assert (err.value.filename, err.value.strerror) == (str(tmp_path / "kg.ttl"), "No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"] and (tmp_path / "kg.ttl").read_bytes() == b"old"


def test_a_folder_that_refuses_new_files_is_named_not_its_temporary_file(tmp_path, monkeypatch):
    """A read-only --out, simulated (root, as CI runs, may write anywhere): the error
    names the file asked for."""
    import errno
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".parley-1-kg.ttl.x1y2.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OSError) as err:
        write_files(tmp_path, {"kg.ttl": lambda stream: stream.write(b"new")})
    assert (err.value.filename, err.value.strerror) == (str(tmp_path / "kg.ttl"), "Permission denied")
    assert list(tmp_path.iterdir()) == []
