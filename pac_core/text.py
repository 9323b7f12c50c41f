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
