"""Problems in the user's input, located by file and line, and the error that carries them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["Problem", "InputError", "did_you_mean", "EXIT_OK", "EXIT_NONCONFORMING", "EXIT_BAD_INPUT"]

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, in the curator's terms: where it is, which record, what is wrong.

    >>> str(Problem("facts.yaml", 42, "event ankara", "has no date"))
    'facts.yaml:42: event ankara: has no date'
    """

    file: str
    line: int
    record: str
    message: str
    # The file could not be read (whole, or from this line on): checks across records,
    # which would report every reference into it, wait until it can.
    whole_file: bool = field(default=False, compare=False)

    def of_whole_file(self) -> Problem:
        """This problem, marked as one that keeps its file from being read."""
        return replace(self, whole_file=True)

    def __str__(self) -> str:
        r"""One line, whatever the input held: line breaks and other control characters
        are shown escaped.

        >>> str(Problem("f.yaml", 2, "source a\nb", "id 'a\nb' is not an id"))
        "f.yaml:2: source a\\nb: id 'a\\nb' is not an id"
        """
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.record}: {self.message}" if self.record else f"{where}: {self.message}"
        return _one_line(text)


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class InputError(Exception):
    """Bad input: one or more problems, all reported together (exit code 2)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.record, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

def did_you_mean(word: str, choices: Any) -> str:
    """A ' (did you mean X?)' hint, or '' when nothing is close.

    >>> did_you_mean("turkey", ["turkiye", "ukraine"])
    ' (did you mean turkiye?)'
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
