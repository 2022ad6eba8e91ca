"""The pictures in ``docs/``: the bundled data set's network and timeline, and the same
pictures at real size, from a generated file shaped like PA-X v10 (2,257 agreements;
see ``bench/pax_import.py``) imported with its PAA-X coding.

    python bench/pictures.py [--docs docs] [--rows 2257]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pax_import import generate  # noqa: E402


def _parley(*args: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "parley", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"parley {' '.join(args)} failed:\n{done.stderr}")
    print(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the folder to write the pictures into")
    parser.add_argument("--rows", type=int, default=2257, help="agreements in the generated PA-X file")
    options = parser.parse_args()
    docs = options.docs.resolve()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        _parley("build", "--out", "bundled", cwd=folder)
        _parley("plot", "network", "--input", "bundled/kg.trig", "--out", str(docs / "network.png"), cwd=folder)
        _parley("plot", "timeline", "--input", "bundled/kg.trig", "--out", str(docs / "timeline.png"), cwd=folder)
        pax, paax = generate(folder, options.rows)
        _parley("build", "--pax", str(pax), "--paax", str(paax), "--out", "pax", cwd=folder)
        for kind in ("co-participation", "mediation"):
            _parley("plot", "network", "--graph", kind, "--input", "pax/kg.trig",
                    "--out", str(docs / f"network-{kind}-pax-size.png"), cwd=folder)
        _parley("plot", "timeline", "--input", "pax/kg.trig", "--out", str(docs / "timeline-pax-size.png"), cwd=folder)


if __name__ == "__main__":
    main()
