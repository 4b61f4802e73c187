"""Errors a user can act on (사용자 오류).

Every error names the file, the place in it and the fix, in Korean first and English second.
The CLI prints them without a traceback and exits with code 2; library callers catch
``BaljuError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BaljuError(Exception):
    """A problem with the user's input or the rule data, explained for a person."""

    message: str
    """What is wrong, in Korean (with the English in parentheses where it helps)."""
    file: str | None = None
    where: str | None = None
    """The place in the file: row and column, key path, page …"""
    fix: str | None = None
    """What the user should do about it."""
    exit_code: int = field(default=2, repr=False)

    def __post_init__(self) -> None:
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = [self.message]
        place = ", ".join(p for p in (self.file, self.where) if p)
        if place:
            parts.append(f"  위치(where): {place}")
        if self.fix:
            parts.append(f"  해결(fix): {self.fix}")
        return "\n".join(parts)

    def as_dict(self) -> dict[str, str | None]:
        return {"message": self.message, "file": self.file, "where": self.where, "fix": self.fix}

    def __str__(self) -> str:  # dataclass would otherwise print the fields
        return self.describe()


class InputError(BaljuError):
    """The user's file or option is not usable (입력 오류)."""


class RuleError(BaljuError):
    """A rule file is invalid, or no rule is in force on the date asked (규칙 오류)."""
