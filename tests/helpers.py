"""Test helpers: the test data folder and running the real ``parley`` command."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATA = Path(__file__).parent / "data"


GRAPH_OUTPUTS = ["kg.trig", "kg.ttl", "validation.ttl"]
TABLE_OUTPUTS = [f"{name}.{suffix}" for name in ("actors", "processes", "events", "agreements", "participations")
                 for suffix in ("parquet", "csv")] + ["tables.json"]
BUILD_OUTPUTS = sorted(GRAPH_OUTPUTS + TABLE_OUTPUTS)  # every file a build writes


def run_parley(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m parley ARGS`` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)




def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (another process may
    take it before it is used: :class:`OxigraphServer` tries again on a new one)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections for as long as the block runs: it is
    bound by this process and never listened on, so nothing else can take it."""
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command installed with the test extras."""
    import shutil

    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server is not installed: pip install 'parley[test]'")
    return found


class OxigraphServer:
    """A real Oxigraph SPARQL server on loopback, started and stopped by the tests."""

    def __init__(self, location: Path):
        for _ in range(5):  # a port taken between choosing and binding it: another one
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            self.process = subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
                 "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self._wait():
                return
        raise RuntimeError("oxigraph server found no free port in 5 tries")

    def _wait(self) -> bool:
        """Wait until the server answers (True), or exits because its port is taken
        (False); any other failure to start raises."""
        import time
        import urllib.request

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.process.stderr.read().decode()
                if "in use" in message.lower():
                    return False
                raise RuntimeError(f"oxigraph server exited: {message}")
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=5).close()
                return True
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError("oxigraph server did not start within 120 s")

    def count(self) -> int:
        """How many quads the server holds, in all graphs."""
        import json
        import urllib.parse
        import urllib.request

        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        request = urllib.request.Request(f"{self.url}/query?query={query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(json.load(response)["results"]["bindings"][0]["n"]["value"])

    def dump(self) -> bytes:
        """Every quad the server holds, as sorted N-Quads lines."""
        import urllib.request

        request = urllib.request.Request(f"{self.url}/store", headers={"Accept": "application/n-quads"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return b"\n".join(sorted(response.read().splitlines()))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# Parameters that make each library query answer on the bundled data set.
BUNDLED_PARAMS: dict[str, dict[str, str]] = {
    "mediators": {"process": "russia-ukraine-peace-talks"},
    "conflict-mediators": {"conflict": "russia-ukraine-war"},
    "timeline": {"process": "russia-ukraine-peace-talks"},
    "posts-on-date": {"date": "2026-01-01"},
    "who-says-so": {"subject": "event/ankara-2026-01-01"},
    "source-facts": {"source": "hdn-2026-01-02"},
    "agreements": {"status": "terminated"},
    "statuses-on-date": {"date": "2023-08"}, "members-on-date": {"date": "2025-06"},
    "co-participants": {"actor": "turkiye"},
}


@contextmanager
def served(graph: Path, **options: object) -> Iterator[str]:
    """``parley serve`` of ``graph`` on a free loopback port, in this process; yields its URL."""
    import threading

    from parley.web.server import make_server

    server = make_server(graph=graph, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
