"""Problems found in a file, each pinned to its sheet, row, column and value, in French."""

from dataclasses import dataclass, field, asdict

from pac_core.text import shortened

ERROR = "erreur"
WARNING = "avertissement"
MAX_ISSUES_PER_KIND = 50  # past that, one line says how many more of the same kind were found
MAX_SHOWN = 80  # characters of a value echoed in a message


@dataclass(frozen=True)
class Issue:
    level: str  # ERROR blocks the import, WARNING does not
    source: str  # file name
    sheet: str | None
    row: int | None  # as Excel or a text editor numbers it
    column: str | None  # the header as written in the file, with its letter for a workbook
    value: str | None  # the raw value, as text, cut to MAX_SHOWN characters (a 10 MB cell is not echoed whole)
    message: str  # what is wrong and what to do

    def as_dict(self) -> dict:
        return asdict(self)

    def where(self) -> str:
        parts = [self.source]
        if self.sheet and self.sheet != self.source:
            parts.append(f"feuille « {self.sheet} »")
        if self.row is not None:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne {self.column}")
        return ", ".join(parts)


@dataclass
class IssueLog:
    """Collects issues, keeping at most MAX_ISSUES_PER_KIND of each message kind so a million bad cells stay readable."""

    issues: list[Issue] = field(default_factory=list)
    _counts: dict = field(default_factory=dict)
    _overflow: dict = field(default_factory=dict)
    error_rows: set = field(default_factory=set)  # every row with an error, listed or past the limit
    unpinned_errors: int = 0  # errors about no row (a missing column, an empty file)

    def add(self, level, source, sheet, row, column, value, message, kind=None) -> None:
        if level == ERROR:
            if row is None:
                self.unpinned_errors += 1
            else:
                self.error_rows.add(row)
        kind = (level, source, sheet, column, kind or message)
        seen = self._counts.get(kind, 0)
        self._counts[kind] = seen + 1
        if seen < MAX_ISSUES_PER_KIND:
            shown = None if value is None else shortened(value, MAX_SHOWN)
            self.issues.append(Issue(level, source, sheet, row, column, shown, message))
        else:
            self._overflow[kind] = self._overflow.get(kind, 0) + 1

    def error(self, source, sheet, row, column, value, message, kind=None) -> None:
        self.add(ERROR, source, sheet, row, column, value, message, kind)

    def warning(self, source, sheet, row, column, value, message, kind=None) -> None:
        self.add(WARNING, source, sheet, row, column, value, message, kind)

    def finish(self) -> list[Issue]:
        """Issues with errors first, and one summary line per kind that overflowed."""
        for (level, source, sheet, column, _), extra in self._overflow.items():
            self.issues.append(Issue(level, source, sheet, None, column, None,
                                     f"… et {extra} autres cellules avec le même problème dans cette colonne."))
        self._overflow.clear()
        return sorted(self.issues, key=lambda i: (i.level != ERROR, i.source, i.sheet or "", i.row or 0))

    def said(self, source, kind) -> bool:
        """Whether an issue of this kind was logged about this file (so that a later check need not say it again)."""
        return any(key[1] == source and key[4] == kind for key in self._counts)

    @property
    def has_errors(self) -> bool:
        return any(i.level == ERROR for i in self.issues) or any(k[0] == ERROR for k in self._overflow)
