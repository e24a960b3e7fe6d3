"""Errors the domain raises, each carrying a bilingual ``text`` a user can read.

    DomainError              base; ``code`` (stable, for programs) and ``text`` (for people)
    ├── InvalidRecord        a dict could not become a domain object; ``errors`` lists every
    │                        field at fault (the same list ``validate_record`` returns)
    └── TransitionRefused    a workflow step is not allowed from the current state
                             (e.g. closing a complaint that was never classified)

Validation never raises: it returns field errors. These exceptions are for code that
asks the domain to *do* something with data that cannot support it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.text import Text

if TYPE_CHECKING:
    from domain.validation import FieldError


class DomainError(Exception):
    def __init__(self, code: str, text: Text):
        self.code = code
        self.text = text
        super().__init__(f"{code}: {text.en}")


class InvalidRecord(DomainError):
    def __init__(self, errors: list[FieldError]):
        self.errors = tuple(errors)
        if len(self.errors) == 1:
            text = self.errors[0].text
        else:
            fields = ", ".join(error.field for error in self.errors)
            text = Text(f"记录内容有误（{fields}）。", f"The record has errors ({fields}).")
        super().__init__("invalid_record", text)


class TransitionRefused(DomainError):
    pass
