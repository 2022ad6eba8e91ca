"""Problems in the user's input, located by file and line, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "InputError", "EXIT_OK", "EXIT_NONCONFORMING", "EXIT_BAD_INPUT"]

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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.record}: {self.message}" if self.record else f"{where}: {self.message}"


class InputError(Exception):
    """Bad input: one or more problems, all reported together (exit code 2)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.record, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
