"""Imports while the app holds the DuckDB file: the drop folder `depot/` beside the database (issue 21, part 3).

DuckDB lets one process write a file. When the app (streamlit run serveur.py) holds it, `python -m pac_core
import` (and the other commands of cli.HANDED_OVER) hands itself to the app instead: it writes its arguments and a
copy of the files it reads into `depot/demandes/<request>/`, and the app's watcher runs the very same command
inside the app's process, on the app's store, and writes `résultat.json` (exit code, what it printed); the command
prints it and ends with that exit code. A scheduled
export of a CRM can be pointed at `depot/entrant/`: each file, once it has stopped growing, is imported alone and
moved to `depot/traités/` (or `depot/refusés/`) with `<name>.résultat.txt` beside it; a file whose name starts
with a dot is left alone (an exporter that writes `.export.csv` then renames it is never read half-written).

A request is a folder renamed into place once complete (a command killed while copying leaves only a hidden
`.partiel` folder, never read); the watcher renames it `.en-cours` when it takes it, so that the command can tell
an app that works on it from no app at all (PICKUP_SECONDS). Anyone who can write to the folder can import, as
anyone who can run the command on the server: give the folder the same rights as the database file.
"""

from __future__ import annotations

import atexit
import datetime
import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

REQUESTS, INCOMING, DONE, REFUSED = "demandes", "entrant", "traités", "refusés"
REQUEST_FILE, RESULT_FILE = "demande.json", "résultat.json"
PARTIAL, TAKEN = ".partiel", ".en-cours"
IN_REQUEST = "@depot/"  # a file of the request, in an argument
POLL_SECONDS = float(os.environ.get("PAC_DEPOT_POLL", "1"))
PICKUP_SECONDS = float(os.environ.get("PAC_DEPOT_PICKUP", "30"))  # an app takes a request within a few polls
WAIT_SECONDS = float(os.environ.get("PAC_DEPOT_WAIT", "3600"))  # a large import, queued behind others
LEFTOVER_SECONDS = 24 * 3600
STABLE_SECONDS = float(os.environ.get("PAC_DEPOT_STABLE", "2"))  # a dropped file untouched this long is complete


class DepotError(Exception):
    """The request could not be handed over or was not answered; str(exc) is one French sentence."""


def depot_dir(db: Path) -> Path:
    return Path(db).resolve().parent / "depot"


# -- the command's side ------------------------------------------------------------------------------------------
def hand_over(db: Path, argv: list[str], files: list[Path], user: str) -> dict:
    """Send a command (its arguments without --db) to the app, with copies of the files it reads, and wait for the
    answer: {"exit": int, "stdout": str, "stderr": str}. In the request, each file of `files` found in `argv` is
    named « @depot/NNN/<its name> », inside the request's folder."""
    folder = depot_dir(db) / REQUESTS
    name = f"{datetime.datetime.now(datetime.timezone.utc):%Y%m%d-%H%M%S-%f}-{os.getpid()}"
    partial = folder / f".{name}{PARTIAL}"
    try:
        partial.mkdir(parents=True)
        sent = {}
        for index, path in enumerate(files):
            target = partial / f"{index:03d}" / Path(path).name  # its own name (the reports quote it), one folder
            target.parent.mkdir()                                # each: two files of one name in two folders
            shutil.copyfile(path, target)
            sent[str(path)] = f"{IN_REQUEST}{index:03d}/{target.name}"
        (partial / REQUEST_FILE).write_text(json.dumps({"argv": [sent.get(item, item) for item in argv],
                                                        "user": user}, ensure_ascii=False), encoding="utf-8")
        request = folder / name
        os.replace(partial, request)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise DepotError(f"La commande n'a pas pu être déposée dans {folder} ({exc.strerror or exc}) : vérifiez "
                         "que ce dossier est accessible en écriture.") from None
    return _wait(request)


def _wait(request: Path) -> dict:
    taken = request.with_name(request.name + TAKEN)
    started = time.monotonic()
    while True:
        for place in (request, taken):
            answer = place / RESULT_FILE
            if answer.exists():
                result = json.loads(answer.read_text(encoding="utf-8"))
                shutil.rmtree(place, ignore_errors=True)
                return result
        waited = time.monotonic() - started
        if not taken.exists() and waited > PICKUP_SECONDS:
            try:
                os.rename(request, request.with_name(f".{request.name}.abandonnée"))  # the app can no longer take it
            except OSError:
                continue  # taken at this very moment: wait for its answer
            shutil.rmtree(request.with_name(f".{request.name}.abandonnée"), ignore_errors=True)
            raise DepotError(f"Aucune application PAC Pilot n'a pris la commande déposée en {PICKUP_SECONDS:.0f} s : "
                             "le programme qui tient la base ne surveille pas le dossier de dépôt. Rien n'a été fait ; "
                             "arrêtez ce programme, ou passez par l'application (page Données pour un import).")
        if waited > WAIT_SECONDS:
            raise DepotError(f"L'application n'a pas fini l'import en {WAIT_SECONDS / 60:.0f} min : son résultat "
                             "sera visible dans la liste des imports (python -m pac_core imports).")
        time.sleep(min(POLL_SECONDS, 0.2))


# -- the app's side -----------------------------------------------------------------------------------------------
def serve_once(store, run, seen: dict | None = None) -> int:
    """Handle what the depot holds now: every complete request, and every file of `entrant/` that has stopped
    growing (same size and time as at the previous call, kept in `seen`). `run(store, argv, user, origin)` runs one
    command and returns (exit code, stdout, stderr). Returns how many were handled."""
    root = depot_dir(store.path)
    handled = 0
    requests = root / REQUESTS
    for request in sorted(requests.iterdir()) if requests.is_dir() else []:
        if request.name.startswith(".") or request.name.endswith(TAKEN) or not request.is_dir():
            _forget_if_old(request)
            continue
        taken = request.with_name(request.name + TAKEN)
        try:
            os.rename(request, taken)
        except OSError:
            continue  # abandoned by its command, or taken by another server
        handled += 1
        try:
            asked = json.loads((taken / REQUEST_FILE).read_text(encoding="utf-8"))
            argv = [str(taken / item.removeprefix(IN_REQUEST)) if item.startswith(IN_REQUEST) else item
                    for item in asked["argv"]]
            code, out, err = run(store, argv, asked.get("user"), "dépôt")
        except Exception as exc:  # noqa: BLE001 - the command waits for an answer whatever happens
            log.exception("depot request %s failed", request.name)
            code, out, err = 2, "", f"Erreur inattendue de l'application ({type(exc).__name__} : {exc})."
        _write_atomically(taken / RESULT_FILE, json.dumps({"exit": code, "stdout": out, "stderr": err},
                                                          ensure_ascii=False))
    incoming = root / INCOMING
    seen = {} if seen is None else seen
    for path in sorted(incoming.iterdir()) if incoming.is_dir() else []:
        if path.name.startswith(".") or not path.is_file():
            continue
        stat = path.stat()
        if seen.get(path.name) != (stat.st_size, stat.st_mtime_ns) or time.time() - stat.st_mtime < STABLE_SECONDS:
            seen[path.name] = (stat.st_size, stat.st_mtime_ns)  # still being written, perhaps: next time
            continue
        del seen[path.name]
        handled += 1
        try:
            code, out, err = run(store, ["import", str(path)], None, "dépôt")
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the watcher
            log.exception("depot file %s failed", path.name)
            code, out, err = 2, "", f"Erreur inattendue de l'application ({type(exc).__name__} : {exc})."
        target = root / (DONE if code == 0 else REFUSED)
        target.mkdir(exist_ok=True)
        stamp = f"{datetime.datetime.now():%Y%m%d-%H%M%S}"
        moved = target / f"{stamp}-{path.name}"
        os.replace(path, moved)
        _write_atomically(moved.with_name(moved.name + ".résultat.txt"),
                          "\n".join(part for part in (out.strip(), err.strip()) if part) + "\n")
    return handled


def _forget_if_old(leftover: Path) -> None:
    """A request whose command was killed (copied in part, or answered and never read) is removed after a day."""
    try:
        if time.time() - leftover.stat().st_mtime > LEFTOVER_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)
    except OSError:
        pass


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}{PARTIAL}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


_WATCHERS: dict[str, threading.Thread] = {}
_WATCHERS_LOCK = threading.Lock()
_STOP = threading.Event()  # set when the interpreter exits: a watcher never works on a store being finalised
atexit.register(_STOP.set)


def start_watcher(store, run) -> None:
    """Serve the depot of this store's database from a thread of this process, until the store is closed; the
    folder `depot/entrant/` is made for a CRM's exports to be pointed at. PAC_DEPOT=0 turns it off."""
    if os.environ.get("PAC_DEPOT", "1") == "0" or store.read_only:
        return
    key = str(Path(store.path).resolve())
    with _WATCHERS_LOCK:
        if key in _WATCHERS and _WATCHERS[key].is_alive():
            return
        try:
            (depot_dir(store.path) / INCOMING).mkdir(parents=True, exist_ok=True)
        except OSError:
            log.warning("depot folder cannot be made beside %s", key)
            return
        thread = threading.Thread(target=_watch, args=(store, run), name="pac-depot", daemon=True)
        _WATCHERS[key] = thread
        thread.start()


def _watch(store, run) -> None:
    seen: dict = {}
    while not store.closed and not _STOP.is_set():
        try:
            serve_once(store, run, seen)
        except Exception:  # noqa: BLE001 - a full disk or a removed folder: logged, tried again
            if not store.closed:
                log.exception("depot watcher")
        _STOP.wait(POLL_SECONDS)
