"""Pictures: the actor network and the timeline of each process's events and
agreements, as PNG, SVG or PDF (matplotlib)."""

from __future__ import annotations

from parley.exports.network_plot import plot_network
from parley.exports.pictures import PICTURE_FORMATS, picture_format
from parley.exports.timeline_plot import plot_timeline

__all__ = ["plot_network", "plot_timeline", "picture_format", "PICTURE_FORMATS"]
