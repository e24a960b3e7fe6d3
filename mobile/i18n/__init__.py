"""The app's words in the language a person chose: gettext catalogs, Chinese first.

Messages in the code are English (``tr("Sign in")``); the ``zh_CN`` catalog in
``assets/translations/zh_CN/LC_MESSAGES/app.po`` gives the Chinese, and English
needs no catalog. Babel extracts the messages from the ``.py`` and ``.kv``
files and compiles the ``.mo`` the app reads (``python -m mobile.i18n``, see
docs/app.md). Messages from the domain and the server come as ``Text`` with
both languages already (``say``).
"""

from __future__ import annotations

import gettext
from pathlib import Path

from domain.text import Text

TRANSLATIONS = Path(__file__).resolve().parents[2] / "assets" / "translations"
DOMAIN = "app"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class Translator:
    def __init__(self, language: str = DEFAULT_LANGUAGE, directory: Path = TRANSLATIONS):
        self.directory = directory
        self._catalogs: dict[str, gettext.NullTranslations] = {}
        self.language = DEFAULT_LANGUAGE
        self.set_language(language)

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
        if language not in self._catalogs:
            self._catalogs[language] = gettext.translation(
                DOMAIN, self.directory, languages=[language], fallback=language == "en"
            )
        self.language = language

    def tr(self, message: str) -> str:
        return self._catalogs[self.language].gettext(message)

    def say(self, text: Text | None) -> str:
        """A bilingual message from the domain, the sync engine or the server."""
        return "" if text is None else text.in_language(self.language)
