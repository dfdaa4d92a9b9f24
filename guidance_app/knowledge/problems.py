"""Problems found in content/ files, worded for the lawyer or adviser who edits them."""

from __future__ import annotations

from dataclasses import dataclass

ERROR, STALE, MISSING, WARNING = "error", "stale", "missing", "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # relative to content/, e.g. en/rules/unlawful_reason.md
    key: str  # where in the file, e.g. "when.all[1].term_total" or "(file)"
    message: str  # what is wrong and what to do
    level: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}" + (f" [{self.key}]" if self.key else "")
        return f"{self.level.upper()}: {where}: {self.message}"


class KnowledgeBaseError(RuntimeError):
    """The knowledge base has errors; the app must not start with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            f"The knowledge base in content/ has {len(problems)} problem(s):\n{lines}\n"
            "Fix them, then run `flask --app guidance_app kb check` to confirm.")
