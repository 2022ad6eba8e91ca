"""Serving the explorer and the endpoint: the graph loaded once, a threaded HTTP server.

>>> url_for_bind("127.0.0.1", 7878), url_for_bind("::1", 8000)
('http://127.0.0.1:7878/', 'http://[::1]:8000/')
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from parley.model.errors import InputError, Problem
from parley.network.tables import GraphTables, read_store, read_tables
from parley.rdf.graphs import DEFAULT_GRAPH, open_graph

if TYPE_CHECKING:
    from werkzeug.serving import BaseWSGIServer

__all__ = ["serve", "make_server", "url_for_bind", "is_loopback", "DEFAULT_PORT"]

DEFAULT_PORT = 7878


def is_loopback(bind: str) -> bool:
    """True when ``bind`` is reachable only from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if bind == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind).is_loopback
    except ValueError:
        return False


def url_for_bind(bind: str, port: int) -> str:
    """The URL a browser opens for a server bound to ``bind`` and ``port``."""
    host = f"[{bind}]" if ":" in bind else bind
    return f"http://{host}:{port}/"


def make_server(*, graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None,
                port: int = DEFAULT_PORT, bind: str = "127.0.0.1", timeout: float = 30.0) -> BaseWSGIServer:
    """A server (not yet serving) for a graph file (``out/kg.trig`` by default) or an
    on-disk store, loaded once: call ``serve_forever()`` on it, ``shutdown()`` to stop."""
    from werkzeug.serving import make_server as werkzeug_server

    from parley.web.app import make_app

    oxstore = open_graph(graph=graph, store=store, named_graphs=True)
    tables: GraphTables | None = read_tables(graph if graph is not None else DEFAULT_GRAPH) if store is None else None
    if tables is None:
        tables = read_store(oxstore)
    name = str(store) if store is not None else str(Path(graph) if graph is not None else DEFAULT_GRAPH)
    app = make_app(oxstore, tables, timeout=timeout, graph_name=name)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with _listening(bind, port) as listener:  # bound here, so a taken port is this module's error to report
        return werkzeug_server(bind, port, app, threaded=True, fd=listener.fileno())


def _listening(bind: str, port: int) -> socket.socket:
    where = f"--bind {bind} --port {port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(bind, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as err:
        raise InputError([Problem(where, 0, "", f"no such address: {err.strerror}")]) from None
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as err:
        listener.close()
        reason = "in use" if err.errno == errno.EADDRINUSE else (err.strerror or str(err))
        raise InputError([Problem(where, 0, "", f"cannot listen there: {reason}")]) from None
    return listener


def serve(*, graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None,
          port: int = DEFAULT_PORT, bind: str = "127.0.0.1", timeout: float = 30.0,
          echo: Callable[[str], None] = print) -> None:
    """Serve the explorer and the SPARQL endpoint until interrupted (Ctrl-C)."""
    server = make_server(graph=graph, store=store, port=port, bind=bind, timeout=timeout)
    url = url_for_bind(bind, server.port)
    echo(f"serving {url} (SPARQL 1.1 endpoint: {url}sparql, read-only); Ctrl-C stops")
    try:
        server.serve_forever()
    finally:
        server.server_close()
