"""Bilingual text: every message a user can see exists in Chinese and English.

The app shows ``zh`` by default and ``en`` when the user picks English; the
server returns both so any client can choose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def in_language(self, language: str) -> str:
        """The message in ``language`` ("zh_CN"/"zh" or "en"); Chinese is the default."""
        return self.en if language.lower().startswith("en") else self.zh

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


class ExplainedError(Exception):
    """An error a field worker will read: ``text`` says what happened, in both languages.

    Subclasses set ``text`` as a class attribute; ``detail`` is for logs, not for people.
    """

    text: Text = Text("出错了。", "Something went wrong.")

    def __init__(self, detail: str = "", text: Text | None = None):
        if text is not None:
            self.text = text
        self.detail = detail
        super().__init__(f"{self.text.en} {detail}".strip())
