"""Every message the app shows (``app.tr`` in .py and .kv) has its Chinese in the
catalog, and the compiled .mo the app reads says the same as the .po."""

import gettext

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mobile.i18n import DOMAIN, TRANSLATIONS, Translator

ROOT = TRANSLATIONS.parents[1]
MAPPING = [("**.py", "python"), ("**.kv", "python")]


def _messages_in_the_code() -> set[str]:
    found = extract_from_dir(ROOT / "mobile", MAPPING, keywords={"tr": None})
    return {message for _file, _line, message, _comments, _context in found}


def _catalog():
    with open(TRANSLATIONS / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        return read_po(po)


def test_every_message_in_the_code_is_translated_to_chinese():
    catalog = _catalog()
    messages = _messages_in_the_code()

    assert {"Sign in", "Today's work", "Sync now"} <= messages
    untranslated = sorted(m for m in messages if m not in catalog or not catalog[m].string)
    assert untranslated == [], "run scripts/update-translations and translate these"


def test_the_compiled_catalog_matches_the_po():
    compiled = gettext.translation(DOMAIN, TRANSLATIONS, languages=["zh_CN"])

    for message in _catalog():
        if message.id:
            assert compiled.gettext(message.id) == message.string, message.id


def test_chinese_is_the_default_and_english_is_chosen_at_once():
    translator = Translator()
    assert translator.tr("Sign in") == "登录"

    translator.set_language("en")

    assert translator.tr("Sign in") == "Sign in"
