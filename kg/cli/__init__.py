"""The ``parley`` command: thin click commands over the library's functions, one module
per kind of work (reading facts, asking the graph, the network), sharing ``base``.

Exit codes: 0 ok, 1 the data does not conform to the shapes, 2 bad input or usage.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from parley import __version__
from parley.cli import building, library, network, serving
from parley.cli.base import drop_at_exit

__all__ = ["main", "cli"]


class _Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the command is, so its clean-up runs as for Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped(signum)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:  # before click's main turns Ctrl-C into "Aborted!", exit 1
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was replaced", err=True)
            sys.exit(130)
        except _Stopped as stopped:  # the shell's convention: 128 + the signal's number
            click.echo(f"stopped by {signal.Signals(stopped.signum).name}: nothing was replaced", err=True)
            sys.exit(128 + stopped.signum)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def cli() -> None:
    """parley: a knowledge graph of actors and negotiations."""


for _command in (building.build, building.validate, building.import_command, library.queries, library.vocab,
                 library.schema, library.docs, library.query, library.push, network.centrality,
                 network.export, network.plot, serving.serve):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``parley`` console script."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        cli(prog_name="parley")
    except SystemExit as done:
        if drop_at_exit and (done.code is None or isinstance(done.code, int)):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code or 0)
        raise
