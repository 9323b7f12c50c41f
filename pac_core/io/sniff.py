"""Recognising what a file really is from its first bytes, whatever its name says."""

import re
import zipfile
from pathlib import Path

from pac_core.io.sheet import UnreadableFile

XLSX = "xlsx"
CSV = "csv"

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # ordinary sheets compress 5 to 20 times; bombs thousands of times
MIN_BOMB_BYTES = 10 * 1024 * 1024  # below, a high ratio costs nothing (and small parts compress well)
MAX_PROLOG_BYTES = 64 * 1024  # what may stand before an XML part's root element (Excel writes one line)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")  # the first start tag: comments, <?xml ?> and <!DOCTYPE come before
_SPREADSHEET_2003 = b"urn:schemas-microsoft-com:office:spreadsheet"


def detect_format(path: Path, head: bytes) -> str:
    """XLSX or CSV, or UnreadableFile with a sentence naming what the file is."""
    name = path.name
    if not head:
        raise UnreadableFile(f"« {name} » est vide : exportez à nouveau le fichier depuis Excel.")
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes()[:1_000_000]:
            raise UnreadableFile(
                f"« {name} » est protégé par un mot de passe : ouvrez-le dans Excel, retirez la protection "
                "(Fichier › Informations › Protéger le classeur) et enregistrez-le à nouveau.")
        raise UnreadableFile(
            f"« {name} » est un ancien classeur Excel 97-2003 (.xls) : ouvrez-le dans Excel et "
            "enregistrez-le au format « Classeur Excel (.xlsx) ».")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        _check_zip(path)
        return XLSX
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        raise UnreadableFile(f"« {name} » est une image, pas un tableau : importez le fichier Excel ou CSV d'origine.")
    if head.startswith(b"%PDF"):
        raise UnreadableFile(f"« {name} » est un document PDF, pas un tableau : importez le fichier Excel ou CSV d'origine.")
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<?xml") and _SPREADSHEET_2003 in head.lower():
        raise UnreadableFile(
            f"« {name} » est un classeur « Feuille de calcul XML 2003 », un format que PAC Pilot ne lit pas : "
            "ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».")
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head", b"<body")):
        raise UnreadableFile(
            f"« {name} » est une page web (HTML) renommée, pas un vrai classeur : ouvrez-le dans Excel "
            "et enregistrez-le au format .xlsx ou CSV.")
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _utf16_without_mark(head):
            raise UnreadableFile(
                f"« {name} » est un texte UTF-16 sans marque d'ordre des octets, que PAC Pilot ne sait pas lire sans "
                "risque : ouvrez-le dans Excel et enregistrez-le au format « CSV UTF-8 ».")
        raise UnreadableFile(f"« {name} » n'est ni un classeur Excel (.xlsx) ni un fichier CSV : vérifiez que c'est "
                             "le bon fichier, ou exportez-le à nouveau depuis Excel au format .xlsx ou CSV.")
    return CSV


def _utf16_without_mark(head: bytes) -> bool:
    """Text with every other byte zero (ASCII in UTF-16), on the odd bytes (little-endian) or the even ones."""
    sample = head[:4096 - len(head[:4096]) % 2]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even)) or (
        even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd))


def _check_zip(path: Path) -> None:
    """Refuse what is not a workbook, and zip bombs, before anything is decompressed."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(f"« {name} » est une archive endommagée : exportez à nouveau le classeur depuis Excel.") from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        if any(n.startswith("word/") for n in names):
            what = "un document Word"
        elif any(n.startswith("ppt/") for n in names):
            what = "une présentation PowerPoint"
        elif "content.xml" in names:
            what = "un classeur OpenDocument (.ods)"
        else:
            what = "une archive zip"
        raise UnreadableFile(f"« {name} » est {what}, pas un classeur Excel : enregistrez les données au format .xlsx ou CSV.")
    if "xl/vbaProject.bin" in names:
        raise UnreadableFile(
            f"« {name} » contient des macros : enregistrez-le sans macros, au format « Classeur Excel (.xlsx) ».")
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise UnreadableFile(
            f"« {name} » contient des liaisons vers d'autres classeurs : dans Excel, Données › Modifier les liens "
            "› Rompre la liaison, puis enregistrez-le à nouveau.")
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableFile(
            f"« {name} » contient {len(members)} parties alors qu'un classeur en a quelques dizaines : ce n'est pas "
            "un classeur ordinaire, il est refusé. Enregistrez-le à nouveau depuis Excel au format .xlsx.")
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if total > MAX_UNCOMPRESSED_BYTES or (total > MIN_BOMB_BYTES and total / packed > MAX_COMPRESSION_RATIO):
        raise UnreadableFile(
            f"« {name} » se décompresse en un volume anormal ({total // (1024 * 1024)} Mo) : "
            "ce n'est pas un classeur ordinaire, il est refusé.")
    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                _refuse_entities(name, archive, member)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise UnreadableFile(
            f"« {name} » est une archive endommagée ou falsifiée (ses tailles ou sommes de contrôle ne "
            "correspondent pas à son contenu) : exportez à nouveau le classeur depuis Excel.") from None


def _refuse_entities(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    if member.filename.lower().endswith((".xml", ".rels")) and _declares_entities(archive, member):
        raise UnreadableFile(
            f"« {name} » contient une déclaration DOCTYPE ou ENTITY (dans « {member.filename} ») : Excel "
            "n'en écrit jamais, et elles servent à faire exploser la mémoire à la lecture. Le fichier est "
            "refusé : ouvrez le classeur d'origine dans Excel et enregistrez-le à nouveau au format .xlsx.")


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether an XML part has a DOCTYPE (where entities are declared), reading only its prolog, before any
    XML parser sees it. A prolog longer than MAX_PROLOG_BYTES is refused too."""
    prolog = b""
    with archive.open(member) as stream:
        while len(prolog) <= MAX_PROLOG_BYTES:
            chunk = stream.read(4096)
            if not chunk:
                break
            prolog += chunk
            markup = prolog.replace(b"\x00", b"")  # UTF-16 parts: the markup is ASCII once the zeros are gone
            root = _ROOT_ELEMENT.search(markup)
            if root is not None:
                markup = markup[:root.start()].upper()
                return b"<!DOCTYPE" in markup or b"<!ENTITY" in markup
    return len(prolog) > MAX_PROLOG_BYTES
