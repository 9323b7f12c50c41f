"""Normalising what people type, so that 'Période', 'periode ' and 'PERIODE' are one name."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9%€]+")


def fold(value: object) -> str:
    """Lower-case, accent-free, single-spaced form of a label, for matching only."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", text).strip()


# Characters that change what a name looks like, or nothing at all, without being seen: C0 and C1 controls (an
# ESC starts a terminal sequence), bidi controls (U+202E shows « ecilA » as « Alice »), zero-width characters
# and the soft hyphen (« TEL\u200b » looks like « TEL » and would be another action).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
_SOFT_HYPHEN = "\u00ad"
_CONTROLS = "".join(chr(code) for code in (*range(0x00, 0x20), *range(0x7f, 0xa0)) if chr(code) not in "\t\n\r")
_HIDDEN = re.compile(f"[{re.escape(_CONTROLS + _BIDI + _ZERO_WIDTH + _SOFT_HYPHEN)}]")
_KINDS = ((_BIDI, "sens d'écriture"), (_ZERO_WIDTH, "invisible"), (_SOFT_HYPHEN, "trait d'union conditionnel"))

MAX_CELL = 32_767  # Excel's own limit for a cell: a longer text cannot come from Excel, nor go back into it
MAX_IDENTIFIER = 64  # an action, objective or deal ID: a code (« TEL-2026-01 »), a CRM's (18 to 36 characters)
MAX_NAME = 200  # a name, owner, channel or label: a line on a card or a chart axis, not a paragraph


def hidden_characters(value: str) -> list[str]:
    """The invisible or control characters of a text, named for a person (« U+200B (invisible) »), once each."""
    named = []
    for character in dict.fromkeys(_HIDDEN.findall(value)):
        kind = next((label for characters, label in _KINDS if character in characters), "contrôle")
        named.append(f"U+{ord(character):04X} ({kind})")
    return named


def without_hidden(value: str) -> str:
    """The text without its control, bidi and zero-width characters (tabs and line breaks are kept as spaces)."""
    return _HIDDEN.sub("", value)


def clean_name(value: str) -> str:
    """A name as stored: no hidden characters, composed accents (NFC), single spaces."""
    return " ".join(unicodedata.normalize("NFC", without_hidden(value)).split())


def clean_identifier(value: str) -> str:
    """An ID as stored: also folded to its plain form (NFKC), so that « ＴＥＬ » is « TEL »."""
    return " ".join(unicodedata.normalize("NFKC", without_hidden(value)).split())


def same_person_key(value: str) -> str:
    """Two spellings of one owner (« Julie », « julie », « Julié ») give the same key."""
    text = unicodedata.normalize("NFKD", value)
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def shortened(value: object, limit: int = 80) -> str:
    """A value echoed in a message: at most `limit` characters, « … » when cut."""
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def terminal_safe(value: object) -> str:
    """Text for one terminal line: control, line-break and bidi characters written as escapes (\\x1b, \\n,
    \\u202e), so that a cell or a file name can neither move the cursor nor reorder what is shown."""
    return _TERMINAL_UNSAFE.sub(lambda match: match.group(0).encode("unicode_escape").decode("ascii"), str(value))


_LINE_SEPARATORS = "\u2028\u2029"
_TERMINAL_UNSAFE = re.compile("[" + re.escape(_CONTROLS + "\t\n\r" + _BIDI + _ZERO_WIDTH + _LINE_SEPARATORS) + "]")
