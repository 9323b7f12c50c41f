"""Command line: validate and import workbooks (ours, or foreign files through a saved column mapping), list and
undo imports, saved mappings, demo data, template, export, backups.

Exit codes: 0 success (or valid file), 1 invalid file, 2 usage error, unreadable file or unusable database.
"""

import argparse
import contextlib
import io
import json
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.import_preview import history_sentence
from pac_core.store import (Store, StoreBusy, StoreError, database_target, default_db_path, describe_counts,
                             is_postgres, open_store, os_user)
from pac_core.validate import ERROR, Context, Issue, Validation
from pac_core.validate.bounded import validate_bounded

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse in French, exiting with 2 and one sentence instead of a usage dump on error."""

    def error(self, message):
        self.exit(EXIT_UNUSABLE, f"Commande incorrecte : {message}. Aide : python -m pac_core --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pac_core", description="PAC Pilot en ligne de commande.")
    parser.add_argument("--db", type=database_target, default=None,
                        help=f"fichier DuckDB ou adresse postgresql://… (défaut : $PAC_DB ou {default_db_path()})")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = commands.add_parser("validate", help="vérifier des fichiers sans rien importer")
    validate.add_argument("files", nargs="+", type=Path)
    validate.add_argument("--json", action="store_true", help="erreurs et avertissements en JSON")
    do_import = commands.add_parser(
        "import", help="importer des fichiers (ensemble, en un seul import) ; un fichier d'un autre format est "
                       "importé avec la correspondance enregistrée pour ses colonnes, s'il n'y en a qu'une")
    do_import.add_argument("files", nargs="+", type=Path)
    do_import.add_argument("--json", action="store_true")
    do_import.add_argument("--mapping", metavar="NOM", default=None,
                           help="importer avec cette correspondance enregistrée (un import par fichier)")
    do_import.add_argument("--retirer", action="store_true",
                           help="accepter que l'import retire des chiffres enregistrés que les fichiers laissent vides")
    mappings = commands.add_parser("mappings", help="lister les correspondances de colonnes enregistrées")
    mappings.add_argument("--json", action="store_true")
    commands.add_parser("imports", help="lister les imports")
    undo = commands.add_parser("undo", help="annuler un import")
    undo.add_argument("import_id", type=int)
    demo = commands.add_parser("demo", help="charger les données de démonstration")
    demo.add_argument("--historique", action="store_true",
                      help="avec les deux années précédentes, importées comme historique")
    contact = commands.add_parser("contact", help="l'adresse e-mail d'un compte ou d'un responsable (sans adresse : "
                                                  "la liste)")
    contact.add_argument("name", nargs="?", help="le nom, tel que le plan l'écrit (« Service marketing »)")
    contact.add_argument("email", nargs="?", default=None, help="l'adresse ; \"\" la retire")
    send = commands.add_parser("envoyer", help="envoyer les relances et messages dus (cron ou minuterie systemd)")
    send.add_argument("--essai", action="store_true", help="dire ce qui partirait, sans rien envoyer ni noter")
    template = commands.add_parser("template", help="écrire le modèle Excel vide")
    template.add_argument("out", type=Path)
    export = commands.add_parser("export", help="exporter les données actuelles au format du modèle")
    export.add_argument("out", type=Path)
    summary = commands.add_parser("summary", help="la situation : entreprise, actions, canaux, objectifs stratégiques")
    summary.add_argument("--as-of", type=_month_argument, default=None, metavar="AAAA-MM",
                         help="mois de référence (défaut : le dernier mois clos, ou le dernier mois avec du "
                              "réalisé s'il est plus ancien)")
    summary.add_argument("--json", action="store_true", help="les chiffres en JSON (ratios en nombres : 0.9)")
    forecast = commands.add_parser("forecast", help="la prévision de fin d'année de chaque action × indicateur, sa "
                                                    "fourchette à 80 % et la méthode choisie sur l'historique")
    forecast.add_argument("--as-of", type=_month_argument, default=None, metavar="AAAA-MM",
                          help="mois de référence (défaut : le même que « summary »)")
    forecast.add_argument("--json", action="store_true", help="les prévisions en JSON")
    user = commands.add_parser("user", help="comptes : add NOM --role lecteur|éditeur|admin, list, role, disable")
    user.add_argument("action", choices=["add", "list", "role", "disable"])
    user.add_argument("name", nargs="?")
    user.add_argument("new_role", nargs="?", metavar="ROLE", help="pour « role » : le nouveau rôle")
    user.add_argument("--role", default="lecteur")
    user.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    user.add_argument("--oidc", action="store_true", help="compte sans mot de passe, connecté par OIDC (nom = e-mail)")
    token = commands.add_parser("token", help="jetons des écrans muraux : add LIBELLÉ, list, revoke N")
    token.add_argument("action", choices=["add", "list", "revoke"])
    token.add_argument("value", nargs="?")
    commands.add_parser("backup", help="sauvegarder la base maintenant (copie datée dans sauvegardes/)")
    commands.add_parser("backups", help="lister les sauvegardes de la base")
    restore = commands.add_parser("restore", help="remettre une sauvegarde en place (application arrêtée)")
    restore.add_argument("backup", type=Path)
    restore.add_argument("--avec-comptes", action="store_true",
                         help="reprendre aussi les comptes et jetons muraux de la sauvegarde (défaut : garder ceux "
                              "de la base actuelle)")
    bilan = commands.add_parser("bilan", help="le bilan annuel d'une année : objectifs, réalisé, coût, ROI et verdicts")
    bilan.add_argument("--year", type=int, required=True, metavar="AAAA", help="l'année du bilan")
    bilan.add_argument("--json", action="store_true", help="le bilan en JSON (ratios en nombres : 0.88)")
    next_plan = commands.add_parser("plan-suivant", help="écrire le plan de l'année suivante à partir du bilan d'une "
                                                         "année close (classeur du modèle, à modifier puis importer)")
    next_plan.add_argument("--from", dest="from_year", type=int, required=True, metavar="AAAA",
                           help="l'année close dont le bilan sert de base")
    next_plan.add_argument("out", type=Path)
    for sub in commands.choices.values():
        sub.add_argument("--db", type=database_target, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    try:
        clock.check()
    except clock.ClockError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    return _run(args)


_IN_STORE = threading.Lock()


def run_in_store(store: Store, argv: list[str], user: str | None, origin: str) -> tuple[int, str, str]:
    """A command run inside the process that holds the store (the app serving its drop folder, pac_core/depot.py):
    its exit code and what it printed, as the command would have printed it."""
    out, err = io.StringIO(), io.StringIO()
    with _IN_STORE, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # arguments argparse refused, said on err: the app goes on
            return int(exc.code or EXIT_UNUSABLE), out.getvalue(), err.getvalue()
        if args.command not in HANDED_OVER:
            return EXIT_UNUSABLE, "", f"La commande « {args.command} » ne passe pas par l'application.\n"
        args.store, args.user, args.origin = store, user, origin
        code = _run(args)
    return code, out.getvalue(), err.getvalue()


def _run(args) -> int:
    try:
        return COMMANDS[args.command](args)
    except _HeldByTheApp:
        return _hand_over(args)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("Interrompu : rien n'a été modifié par l'opération en cours.", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the reader left (`summary --json | head`): nothing to say, and nothing to flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a user never sees a traceback; PAC_DEBUG=1 shows it to a developer
        if os.environ.get("PAC_DEBUG"):
            raise
        print(f"Erreur inattendue ({type(exc).__name__} : {exc}). Relancez avec PAC_DEBUG=1 pour le détail.",
              file=sys.stderr)
        return EXIT_UNUSABLE


def _db(args) -> Path | str:
    """The base: a DuckDB file's path, or a PostgreSQL address (--db, else $PAC_DB, else data/pac.duckdb)."""
    return args.db or default_db_path()


def _postgres_backups() -> str:
    from pac_core.postgres.store import BACKUPS

    return BACKUPS


def _exists(db: Path | str) -> bool:
    """A base to read: a DuckDB file that exists, or any PostgreSQL address (its server says if it does not)."""
    return is_postgres(db) or Path(db).exists()


# Commands the app runs for the command line when it holds the base (pac_core/depot.py). Not `demo` nor `restore`
# (they replace what the base holds), nor `user` / `token` (a password is typed here, not sent through a folder),
# nor `export` / `plan-suivant` (the app would write a file wherever a request asks, with its own rights).
HANDED_OVER = {"import", "validate", "imports", "undo", "mappings", "summary", "forecast", "bilan", "backup",
               "envoyer", "contact"}


class _HeldByTheApp(Exception):
    """The base is held by another program: the command goes to that app's drop folder instead."""


@contextlib.contextmanager
def _store(args, read_only: bool = False):
    """The command's store: the app's own when the app runs the command (run_in_store), else the base opened here;
    a base held by another program hands the whole command to the app (_hand_over), when it may be."""
    given = getattr(args, "store", None)
    if given is not None:
        yield given
        return
    try:
        store = open_store(_db(args), read_only=read_only)
    except StoreBusy:
        if os.environ.get("PAC_DEPOT", "1") == "0" or args.command not in HANDED_OVER:
            raise
        raise _HeldByTheApp() from None
    with store:
        yield store


def _context_for(path: Path) -> tuple[Context, pd.DataFrame | None, str | None]:
    """What the database knows (its context and saved mappings), read-only; validation still works without it.

    Not while another program holds it (the app): checked without the actions already imported, a valid file of
    results would be called invalid (« Action SAL1 inconnue »). StoreBusy then says so, and the command stops."""
    if not _exists(path):
        return Context(), None, None
    try:
        with open_store(path, read_only=True) as store:
            return store.context(), store.mappings(), None
    except StoreBusy:
        raise StoreBusy(
            f"La base « {path} » est ouverte par un autre programme (sans doute l'application PAC Pilot) : la "
            "vérification a besoin des actions déjà importées, sans lesquelles un fichier valide paraîtrait faux. "
            "Vérifiez le fichier depuis la page Données de l'application, ou arrêtez-la puis relancez la "
            "commande.") from None
    except (StoreError, duckdb.Error) as exc:
        return Context(), None, f"Remarque : {exc} La vérification se fait sans les actions déjà importées."


def cmd_validate(args) -> int:
    app_store = getattr(args, "store", None)
    if app_store is not None:
        context, saved, note = app_store.context(), app_store.mappings(), None
    else:
        try:
            context, saved, note = _context_for(_db(args))
        except StoreBusy:
            if os.environ.get("PAC_DEPOT", "1") == "0":
                raise
            raise _HeldByTheApp() from None
    validation = validate_bounded(args.files, context)  # a native abort or a slow file: one sentence, bounded
    hints = _Hints()
    if validation.no_plan_table:
        files = _read_foreign(args.files)
        hints = _foreign_hints(files, [_fitting(saved, tables) for _, tables, _ in files], args.db)
    _report(validation, args.json, note, hints, smart=_smart_check(validation, _db(args), app_store))
    if validation.unreadable:
        return EXIT_UNUSABLE
    return EXIT_OK if validation.ok else EXIT_INVALID


def cmd_import(args) -> int:
    with _store(args) as store:
        if args.mapping is not None:
            return _import_foreign(store, args)
        validation = validate_bounded(args.files, store.context())
        if validation.no_plan_table:
            return _import_foreign(store, args, validation)
        if not validation.ok:
            return _refused(validation, args.json)
        if _removes_without_consent(store, [validation.batch], args):
            return EXIT_INVALID
        outcome = store.import_batch(validation.batch, origin=_origin(args), user=getattr(args, "user", None),
                                     warnings=len(validation.warnings))
    _print_imported(_imported(outcome, validation), args.json)
    return EXIT_OK


def _origin(args) -> str:
    return getattr(args, "origin", "cli")


def _hand_over(args) -> int:
    """The app holds the base: the command goes through its drop folder (pac_core/depot.py), the app runs it on its
    own store, and this command prints what it printed and ends with its exit code. The files it reads (import,
    validate) are copied into the request."""
    from pac_core import depot

    argv = _without_db(getattr(args, "argv", None) or [])
    files = [Path(path) for path in getattr(args, "files", None) or []]
    print(f"La base est ouverte par l'application : commande confiée à son dossier de dépôt "
          f"({depot.depot_dir(_db(args)) / depot.REQUESTS}).", file=sys.stderr)
    try:
        answer = depot.hand_over(_db(args), argv, files, os_user())
    except depot.DepotError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    sys.stdout.write(answer["stdout"])
    sys.stderr.write(answer["stderr"])
    return int(answer["exit"])


def _without_db(argv: list[str]) -> list[str]:
    """The command's arguments without --db (the app runs it on the base it holds)."""
    kept, skip = [], False
    for item in argv:
        if skip:
            skip = False
        elif item == "--db":
            skip = True
        elif not item.startswith("--db="):
            kept.append(item)
    return kept


REMOVAL_REFUSED = ("Rien n'a été importé : cet import retirerait des chiffres enregistrés. Si c'est voulu, relancez "
                   "avec --retirer ; sinon, remplissez ces cases dans le fichier.")


def _removes_without_consent(store: Store, batches, args) -> bool:
    """True (and said) when the import would remove stored figures and --retirer was not given: a blank or broken
    cell must never remove a figure unattended."""
    from pac_core.import_preview import preview_import

    if args.retirer:
        return False
    warnings = [warning for batch in batches if (warning := preview_import(store, batch).removal_warning())]
    if not warnings:
        return False
    if args.json:
        print(json.dumps({"imported": False, "removals": warnings, "message": REMOVAL_REFUSED}, ensure_ascii=False,
                         indent=2))
    for warning in warnings:
        print(_terminal_line(warning), file=sys.stderr)
    print(REMOVAL_REFUSED, file=sys.stderr)
    return True


def _imported(outcome, validation: Validation, notes=(), **mapped) -> dict:
    """One import as the CLI reports it (--json keeps these keys); `mapped`: the mapping, file and sheet used."""
    history = history_sentence(validation.batch) if validation.batch is not None else None
    notes = [*notes, f"Dont {history} : gardés pour les comparaisons et le bilan."] if history else list(notes)
    return {"import_id": outcome.import_id, "already_imported": outcome.already_imported,
            "row_counts": outcome.row_counts, "message": outcome.message,
            "warnings": [i.as_dict() for i in validation.warnings], **mapped, "notes": list(notes)}


def _print_imported(done: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(done, ensure_ascii=False, indent=2))
        return
    for line in done["notes"]:
        print(line)
    for issue in done["warnings"]:
        print(_issue_line(Issue(**issue)))
    print(done["message"])


def _refused(validation: Validation, as_json: bool, hints=None) -> int:
    _report(validation, as_json, hints=hints)
    print("Rien n'a été importé : corrigez les erreurs ci-dessus puis relancez l'import.", file=sys.stderr)
    return EXIT_UNUSABLE if validation.unreadable else EXIT_INVALID


def _import_foreign(store: Store, args, ordinary: Validation | None = None) -> int:
    """Files not in our format imported through a saved mapping: the one named by --mapping, else (unattended,
    `ordinary` being their refusal as our format) the one saved mapping made for each file's columns. Every file
    is checked before the first is written; each file is then one import (one transaction, undoable)."""
    from pac_core.mapping import apply, known_actions
    from pac_core.mapping import saved as saved_mappings

    named = None
    if args.mapping is not None:
        named = store.mapping_named(" ".join(args.mapping.split()))
        if named is None:
            print(saved_mappings.UNKNOWN.format(name=args.mapping), file=sys.stderr)
            return EXIT_UNUSABLE
    files = _read_foreign(args.files)
    if named is None:
        listed = store.mappings()
        choices = [_fitting(listed, tables) for _, tables, _ in files]
        if any(len(names) != 1 for names in choices):
            return _refused(ordinary, args.json, _foreign_hints(files, choices, args.db))
        used = [(store.mapping_named(names[0]), saved_mappings.APPLIED_BY_ITSELF) for names in choices]
    else:
        for path, _, unreadable in files:
            if unreadable:
                return _refused(saved_mappings.refusal(path.name, unreadable, unreadable=True), args.json)
        used = [(named, saved_mappings.APPLIED)] * len(files)
    context, actions = store.context(), known_actions(store)
    chosen = []
    for (_, tables, _), (mapping, sentence) in zip(files, used):
        choice = saved_mappings.choose_sheet(tables, mapping, mapping.name,
                                             lambda table, mapping=mapping: apply(table, mapping, context, actions))
        if not choice.validation.ok:
            return _refused(choice.validation, args.json, _Hints(choice.notes))
        where = saved_mappings.sheet_place(choice.table)
        chosen.append((choice, mapping, [*choice.notes, sentence.format(name=mapping.name, where=where)]))
    if _removes_without_consent(store, [choice.validation.batch for choice, _, _ in chosen], args):
        return EXIT_INVALID
    done = []
    for choice, mapping, notes in chosen:
        outcome = store.import_batch(choice.validation.batch, origin=_origin(args), user=getattr(args, "user", None),
                                     warnings=len(choice.validation.warnings))
        done.append(_imported(outcome, choice.validation, notes, mapping=mapping.name, automatic=named is None,
                              file=choice.table.source, sheet=choice.table.sheet_name))
    if args.json and len(done) > 1:
        print(json.dumps(done, ensure_ascii=False, indent=2))
    else:
        for one in done:
            _print_imported(one, args.json)
    return EXIT_OK


def _read_foreign(paths) -> list[tuple[Path, list, str | None]]:
    """Each file read as raw tables for a column mapping, bounded in time and memory (a hostile file cannot
    hang the command): (path, tables, the sentence saying why it cannot be read)."""
    from pac_core.uploads import read_foreign_bounded

    return [(Path(path), *read_foreign_bounded(path)) for path in paths]


def _fitting(saved: pd.DataFrame | None, tables: list) -> list[str]:
    from pac_core.mapping.saved import fitting_names

    return fitting_names(saved, tables) if saved is not None else []


@dataclass
class _Hints:
    """What the CLI adds to the refusal of files not in our format: sentences, and the saved mappings that fit."""

    sentences: list[str] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)
    foreign: bool = False


def _foreign_hints(files, choices: list[list[str]], db: Path | None) -> _Hints:
    from pac_core.mapping.saved import foreign_hints

    hints = _Hints(foreign=True)
    for (path, _, unreadable), names in zip(files, choices):
        hints.sentences += [unreadable] if unreadable else foreign_hints(path, names, db)
        hints.mappings += [name for name in names if name not in hints.mappings]
    return hints


def cmd_mappings(args) -> int:
    from pac_core.mapping.saved import NONE_SAVED, described, described_line

    with _store(args) as store:
        listed = [(store.mapping_named(row.name), row.saved_at, row.saved_by)
                  for row in store.mappings().itertuples(index=False)]
    if args.json:
        print(json.dumps([described(*one) for one in listed], ensure_ascii=False, indent=2))
    elif not listed:
        print(NONE_SAVED)
    for one in [] if args.json else listed:
        print(described_line(*one))
    return EXIT_OK


def cmd_imports(args) -> int:
    with _store(args) as store:
        history = store.import_history()
    if history.empty:
        print("Aucun import pour l'instant.")
        return EXIT_OK
    for row in history.itertuples(index=False):
        undone = row.undone_at == row.undone_at and row.undone_at
        state = f"annulé le {fmt.local_time(row.undone_at, at=' ')}" if undone else "actif"
        counts = describe_counts(json.loads(row.row_counts))
        print(f"n° {row.import_id} · {fmt.local_time(row.imported_at, at=' ')} · {row.imported_by} · "
              f"{row.file_names} · {counts} · {state}")
    return EXIT_OK


def cmd_undo(args) -> int:
    with _store(args) as store:
        print(store.undo(args.import_id))
    return EXIT_OK


def cmd_demo(args) -> int:
    from pac_core.demo_loader import load_demo

    with open_store(_db(args)) as store:
        print(load_demo(store, force=True, history=True if args.historique else None))
    return EXIT_OK


def cmd_template(args) -> int:
    from pac_core.template import write_template

    write_template(args.out)
    print(f"Modèle écrit dans {args.out}.")
    return EXIT_OK


def cmd_export(args) -> int:
    from pac_core.export import export_workbook

    with _store(args) as store:
        export_workbook(store, args.out)
    print(f"Données actuelles exportées dans {args.out} (réimportables telles quelles).")
    return EXIT_OK


def cmd_summary(args) -> int:
    from pac_core.kpi.scope import Scope
    from pac_core.kpi.summary import summary
    from pac_core.kpi.summary_text import summary_text

    with _store(args) as store:
        figures = summary(store, Scope(as_of=args.as_of))
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else summary_text(figures))
    return EXIT_OK


def cmd_forecast(args) -> int:
    from pac_core.kpi.scope import Scope, resolve
    from pac_core.kpi.year_end import forecast_report
    from pac_core.kpi.year_end_text import forecast_text

    with _store(args) as store:
        scope = resolve(store, Scope(as_of=args.as_of))
        rows = forecast_report(store, scope)
    if args.json:
        print(json.dumps({"as_of": scope.as_of.strftime("%Y-%m"), "forecasts": rows}, ensure_ascii=False, indent=2))
    else:
        print(forecast_text(scope.as_of, rows))
    return EXIT_OK


def cmd_backup(args) -> int:
    with _store(args) as store:
        print(f"Sauvegarde écrite : {store.backup()}.")
    return EXIT_OK


def cmd_backups(args) -> int:
    from pac_core.backup import backup_dir, listing, taken_at

    if is_postgres(_db(args)):
        print(_postgres_backups(), file=sys.stderr)
        return EXIT_UNUSABLE
    found = listing(_db(args))
    if not found.verified and not found.legacy:
        print(f"Aucune sauvegarde complète dans {backup_dir(_db(args))}.")
    for path in found.verified:
        print(f"{path} · du {fmt.local_time(taken_at(path))} · {path.stat().st_size / 1e6:.1f} Mo")
    if found.legacy:
        print("Sauvegardes d'une version précédente, sans somme de contrôle (relues en entier avant d'être remises "
              "en place) :")
    for path in found.legacy:
        print(f"{path} · du {fmt.local_time(taken_at(path))} · {path.stat().st_size / 1e6:.1f} Mo")
    if found.damaged:
        print(f"{len(found.damaged)} fichier(s) tronqué(s) ou illisible(s) ne sont pas listés (ils ne seront pas "
              f"remis en place) : {', '.join(path.name for path in found.damaged)}.")
    return EXIT_OK


def cmd_restore(args) -> int:
    from pac_core.backup import RestoreError, restore

    db = _db(args)
    if is_postgres(db):
        print(_postgres_backups(), file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        with open_store(db, read_only=True):
            pass  # the app holding the file stops us here, with the store's sentence
    except StoreBusy:
        raise
    except StoreError:
        pass  # a damaged database is what a restore is for
    try:
        restored = restore(args.backup, db, with_accounts=args.avec_comptes)  # migrated, checked, then swapped in
    except RestoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"Sauvegarde « {args.backup} » remise en place dans {db}."
          + (f" L'ancienne base est gardée dans {restored.kept}." if restored.kept else ""))
    for note in restored.notes:
        print(note)
    return EXIT_OK


def cmd_user(args) -> int:
    from pac_core import accounts

    with open_store(_db(args)) as store:
        if args.action == "list":
            frame = accounts.accounts(store)
            if frame.empty:
                print("Aucun compte : PAC Pilot fonctionne en mode local ouvert (tout le monde peut tout faire).")
            for row in frame.itertuples(index=False):
                state = " · désactivé" if row.disabled_at == row.disabled_at and row.disabled_at else ""
                print(f"{row.username} · {row.role}{'' if row.has_password else ' · OIDC'}{state}")
            return EXIT_OK
        if not args.name:
            print("Indiquez le nom du compte.", file=sys.stderr)
            return EXIT_UNUSABLE
        try:
            if args.action == "add":
                was_open = accounts.open_mode(store)
                accounts.add_account(store, args.name, args.role, None if args.oidc else _password(args),
                                     by=_cli_user())
                print(f"Compte « {args.name} » ({args.role}) créé."
                      + (" Le mode local ouvert est terminé : il faut désormais se connecter." if was_open else ""))
            elif args.action == "role":
                accounts.set_role(store, args.name, args.new_role or "", by=_cli_user())
                print(f"« {args.name} » a maintenant le rôle {args.new_role}.")
            else:
                accounts.disable_account(store, args.name, by=_cli_user())
                print(f"Compte « {args.name} » désactivé.")
        except accounts.AccountError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    return EXIT_OK


def cmd_token(args) -> int:
    from pac_core import accounts

    with open_store(_db(args)) as store:
        try:
            if args.action == "add":
                secret = accounts.add_wall_token(store, args.value or "", by=_cli_user())
                print(f"Jeton créé (il ne sera plus jamais affiché) : ouvrez /mural?embed=true&jeton={secret}")
            elif args.action == "revoke":
                if not (args.value or "").isdigit():
                    raise accounts.AccountError(f"« {args.value or ''} » n'est pas un numéro de jeton : "
                                                "« python -m pac_core token list » les donne.")
                accounts.revoke_wall_token(store, int(args.value), by=_cli_user())
                print(f"Jeton n° {args.value} révoqué : l'écran qui l'utilisait ne montre plus rien.")
            else:
                for row in accounts.wall_tokens(store).itertuples(index=False):
                    state = "révoqué" if row.revoked_at == row.revoked_at and row.revoked_at else "actif"
                    print(f"n° {row.token_id} · {row.label} · créé par {row.created_by} · {state}")
        except accounts.AccountError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    return EXIT_OK


def _password(args) -> str:
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Confirmez : ") != first:
        raise SystemExit("Les deux mots de passe diffèrent : rien n'a été créé.")
    return first


def _cli_user() -> str:
    from pac_core.store import os_user

    return f"{os_user()} (ligne de commande)"


def _month_argument(text: str):
    import datetime

    try:
        return datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un mois au format AAAA-MM (par exemple 2026-10)") from None


def cmd_bilan(args) -> int:
    from pac_core.bilan import BilanError, as_json, as_text, compute

    with _store(args) as store:
        try:
            result = compute(store, args.year)
        except BilanError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    print(json.dumps(as_json(result), ensure_ascii=False, indent=2, default=str) if args.json else as_text(result))
    return EXIT_OK


def cmd_next_plan(args) -> int:
    from pac_core.bilan import BilanError
    from pac_core.next_plan import write_next_plan

    with _store(args) as store:
        try:
            print(write_next_plan(store, args.from_year, args.out))
        except BilanError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNUSABLE
    return EXIT_OK


COMMANDS = {"summary": cmd_summary, "validate": cmd_validate, "import": cmd_import, "imports": cmd_imports, "undo": cmd_undo,
            "mappings": cmd_mappings,
            "demo": cmd_demo, "template": cmd_template, "export": cmd_export, "backup": cmd_backup,
            "backups": cmd_backups, "restore": cmd_restore, "user": cmd_user, "token": cmd_token}
COMMANDS.update({"bilan": cmd_bilan, "plan-suivant": cmd_next_plan})  # issue 19: the annual bilan
COMMANDS.update({"forecast": cmd_forecast})  # issue 20: the year-end forecast chosen on history


def cmd_send(args) -> int:
    from pac_core.notify import send

    with _store(args) as store:
        for line in send.run(store, dry_run=args.essai):
            print(line)
    return EXIT_OK


def cmd_contact(args) -> int:
    from pac_core.notify import reminders

    with _store(args) as store:
        if args.name is None or args.email is None:
            listed = reminders.emails(store)
            for name, email in sorted(listed.items()):
                if args.name is None or name == args.name:
                    print(f"{name} · {email}")
            if not listed:
                print("Aucune adresse : « python -m pac_core contact NOM ADRESSE » en donne une.")
            return EXIT_OK
        try:
            reminders.set_email(store, args.name, args.email, by=getattr(args, "user", None) or _cli_user())
        except reminders.ContactError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_INVALID
    print(f"Adresse de « {args.name} » retirée." if not args.email.strip()
          else f"« {args.name} » : {args.email.strip()}.")
    return EXIT_OK


COMMANDS.update({"envoyer": cmd_send, "contact": cmd_contact})  # issue 22: reaching people


def _terminal_line(text: str) -> str:
    from pac_core.text import terminal_safe

    return terminal_safe(text)


def _issue_line(issue) -> str:
    """One issue on one terminal line: what came from a file (names, values, messages quoting them) is escaped, so
    an ESC sequence or a right-to-left override in a cell or a file name is shown, never obeyed."""
    value = f" : « {issue.value} »" if issue.value not in (None, "") else ""
    return _terminal_line(f"{issue.level} · {issue.where()}{value} — {issue.message}")


def _report(validation: Validation, as_json: bool, note: str | None = None, hints: _Hints | None = None,
            smart=None) -> None:
    hints = hints or _Hints()
    if as_json:
        print(json.dumps({"valid": validation.ok,
                          "errors": [i.as_dict() for i in validation.errors],
                          "warnings": [i.as_dict() for i in validation.warnings],
                          "foreign": hints.foreign, "mappings": hints.mappings, "hints": hints.sentences,
                          **({"smart": smart.as_dict()} if smart is not None else {})},
                         ensure_ascii=False, indent=2))
        return
    if note:
        print(_terminal_line(note))
    for issue in validation.issues:
        print(_issue_line(issue), file=sys.stderr if issue.level == ERROR else sys.stdout)
    for sentence in hints.sentences:
        print(_terminal_line(sentence), file=sys.stderr if not validation.ok else sys.stdout)
    if validation.ok:
        print(f"Fichier valide ({len(validation.warnings)} avertissement(s)).")
    else:
        print(f"Fichier refusé : {len(validation.errors)} erreur(s), {len(validation.warnings)} avertissement(s).",
              file=sys.stderr)
    if smart is not None:
        from pac_core.display.smart import summary_lines

        for line in summary_lines(smart):
            print(_terminal_line(line))


def _smart_check(validation: Validation, db: Path, app_store: Store | None = None):
    """The SMART check (advice) of a valid file's actions, with what the database holds for them when it can be
    read; None when it cannot be computed: advice never changes the report's verdict or the exit code."""
    from pac_core.smart import SmartCheck, check_batch

    if not validation.ok:
        return SmartCheck(None)
    try:
        if app_store is not None:
            return check_batch(app_store, validation.batch)
        if not _exists(db):
            return check_batch(None, validation.batch)
        with open_store(db, read_only=True) as store:
            return check_batch(store, validation.batch)
    except Exception:  # noqa: BLE001 — a validation report must never fail on its advice
        return None
