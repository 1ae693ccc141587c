"""Sub-commands that work on the workstation's local store: demo, export, import, pdf, erase."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from app.cli.common import (
    OperationFailed,
    UsageError,
    atomic_file,
    numbered_lines,
    one_line,
    out_target,
    output,
    parse_json,
    read_input,
    read_stdin,
    resolve_data_dir,
    write_json_lines,
)
from app.forms.evaluation import SituationError, parse_iso_date
from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire
from app.forms.records import validate_record

MAX_DEMO_DOSSIERS = 1_000_000  # they are built in memory before they are stored


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Any]:
    """The local store of ``--data-dir``, with its failures turned into clear exits."""
    from sqlalchemy.exc import DBAPIError

    from app.models.database import open_store
    from app.models.errors import StoreError

    data_dir = resolve_data_dir(args)
    try:
        store = open_store(data_dir)
    except StoreError as exc:
        raise OperationFailed(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except DBAPIError as exc:
        raise OperationFailed(f"the local database in {data_dir} cannot be opened "
                              f"({one_line(exc.orig)})") from None
    try:
        yield store
    except DBAPIError as exc:  # the transaction, if any, has been rolled back already
        raise OperationFailed(f"the local database {store.path} failed ({one_line(exc.orig)}); "
                              "nothing of this command was saved") from None
    finally:
        store.close()


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import DEMO_AS_OF, demo_records
    from app.models.errors import StoreError
    from app.models.repository import import_records

    if not 1 <= args.dossiers <= MAX_DEMO_DOSSIERS:
        raise UsageError(f"--dossiers: {args.dossiers} is not allowed; expected a whole number "
                         f"from 1 to {MAX_DEMO_DOSSIERS}")
    try:
        as_of = parse_iso_date(args.as_of, "--as-of") if args.as_of else None
    except SituationError as exc:
        raise UsageError(str(exc)) from None
    questionnaire = load_questionnaire(CURRENT_VERSION)
    started = time.perf_counter()
    with opened_store(args) as store:
        try:
            with store.transaction() as session:
                records = list(demo_records(args.dossiers, questionnaire, seed=args.seed,
                                            as_of=as_of or DEMO_AS_OF,
                                            counter_only_sites={store.site_code}))
                # The workstation's own site's dossiers go to the outbox (the next sync sends
                # them to the central store, where partners see those oriented to them with
                # consent); the other sites' dossiers stay local, as they would be on a real
                # workstation's copy.
                own_prefix = f"TI-{store.site_code}-"
                own = [r for r in records if r["number"].startswith(own_prefix)]
                others = [r for r in records if not r["number"].startswith(own_prefix)]
                results = [import_records(session, own, write_outbox=True,
                                          agent="démonstration"),
                           import_records(session, others, write_outbox=False,
                                          agent="démonstration")]
        except StoreError as exc:  # e.g. another seed's dossiers already hold these numbers
            raise OperationFailed(f"demo: nothing added: {one_line(exc)}; use an empty "
                                  "--data-dir, or the seed used before") from None
    elapsed = time.perf_counter() - started
    created, updated, skipped = (sum(getattr(r, name) for r in results)
                                 for name in ("created", "updated", "skipped"))
    print(f"demo: {created} dossiers created, {updated} updated, {skipped} skipped in "
          f"{elapsed:.1f} s; {len(own)} of site {store.site_code} to send at the next sync")
    return 0


def _dossier_export(store: Any, ref: str) -> dict[str, Any]:
    """One dossier's export dict with its history on this workstation (oldest first)."""
    from app.dossier_service import DossierService, UnknownDossier

    service = DossierService(store, agent="")
    try:
        record = service.record(ref)
    except UnknownDossier:
        raise UsageError(f"--dossier: no local dossier {ref!r}; expected a dossier number such "
                         "as TI-BRE-02-2026-000123 or a dossier id") from None
    record["history"] = [
        {"at": h.at.isoformat(), "agent": h.agent, "action": h.action, "detail": dict(h.detail),
         "workstation": h.workstation}
        for h in reversed(service.history(record["id"]))]
    return record


def cmd_export(args: argparse.Namespace) -> int:
    from app.models.repository import iter_export

    if args.out not in (None, "-"):
        out_target(args.out)  # before any work: a folder, a missing folder…
    if args.dossier is not None:
        with opened_store(args) as store:
            record = _dossier_export(store, args.dossier)
        with output(args.out) as out:
            write_json_lines(out, [record])
        if args.out not in (None, "-"):
            print(f"export: dossier {record['number']} written to {args.out}", file=sys.stderr)
        return 0
    with opened_store(args) as store, store.session() as session, output(args.out) as out:
        count = write_json_lines(out, iter_export(session))
    if args.out not in (None, "-"):
        print(f"export: {count} dossiers written to {args.out}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.models.errors import StoreError
    from app.models.repository import import_records

    text = read_input(args.file)
    today = date.today()
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in numbered_lines(text):
        try:
            raw = parse_json(line, "one dossier as a JSON object", line=number)
        except UsageError as exc:
            errors.append(str(exc))
            continue
        try:
            records.append(validate_record(raw, load_questionnaire, today=today))
        except SituationError as exc:
            errors.append(f"line {number}: {one_line(exc)}")
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as exc:
            # validate_record names the field of every error it foresees; anything else still
            # means this line is not a dossier in the export format.
            errors.append(f"line {number}: not a dossier in the export format "
                          f"({type(exc).__name__}: {one_line(exc)})")
    if errors:
        shown = errors[:50]
        more = [f"… and {len(errors) - len(shown)} more bad lines"] if len(errors) > 50 else []
        raise UsageError(f"nothing imported, {len(errors)} bad line"
                         f"{'s' if len(errors) > 1 else ''}:", shown + more)
    from sqlalchemy.exc import DBAPIError

    with opened_store(args) as store:
        try:
            with store.transaction() as session:
                result = import_records(session, records, agent="import")
        except (StoreError, ValueError) as exc:
            raise UsageError(f"nothing imported: {one_line(exc)}") from None
        except OverflowError as exc:  # a number SQLite cannot hold
            raise UsageError(f"nothing imported: a number is out of range ({one_line(exc)}); "
                             "expected numbers as written by accueil-ti export") from None
        except DBAPIError as exc:  # the transaction was rolled back: nothing half-written
            raise OperationFailed(f"nothing imported: the local database {store.path} could not "
                                  f"be written ({one_line(exc.orig)}); free some disk space and "
                                  "import again") from None
    print(f"import: {result.created} created, {result.updated} updated, {result.skipped} "
          "skipped")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from app.document_service import DocumentService, DossierNotFoundError
    from app.documents import DocumentError, DocumentKind

    out_target(args.out)  # before any work: a folder, a missing folder…
    if args.kind == DocumentKind.ACCESS:
        return _pdf_access(args)
    with opened_store(args) as store:
        service = DocumentService(store)
        organisme = args.organisme
        try:
            if args.kind == DocumentKind.LETTER and organisme is None:
                allowed = [c.organisme for c in service.choices(args.dossier)
                           if c.kind == DocumentKind.LETTER]
                if len(allowed) != 1:
                    raise UsageError(
                        "--organisme: required for a letter; expected one of "
                        + (", ".join(str(a) for a in allowed)
                           or "(none: no organisme has the worker's consent)"))
                organisme = allowed[0]
            document = service.render(args.dossier, args.kind, organisme)
        except (DossierNotFoundError, DocumentError) as exc:
            raise UsageError(str(exc)) from None
        with atomic_file(args.out, binary=True) as fh:
            fh.write(document.pdf)
        service.record_print(args.dossier, document, agent=args.agent or "")
    print(f"pdf: {document.title} ({document.pages} page{'s' if document.pages > 1 else ''}) "
          f"written to {args.out}")
    return 0


def _central_accesses(args: argparse.Namespace, dossier_id: str,
                      workstation: str) -> list[dict[str, Any]] | None:
    """Who accessed the dossier on the central store, or None when it is not reached (no
    session on this data dir, no answer, an older store)."""
    import httpx

    from app.models.errors import KeyringUnavailableError
    from app.sync.accesses import fetch_accesses
    from app.sync.session import configured_server, read_token

    data_dir = resolve_data_dir(args)
    server = str(args.server or configured_server(data_dir))
    try:
        token = read_token(data_dir, server)
    except KeyringUnavailableError:
        return None
    if not token:
        return None
    try:
        with httpx.Client(base_url=server, timeout=httpx.Timeout(10.0, connect=5.0)) as http:
            return fetch_accesses(http, dossier_id, token=token, workstation=workstation)
    except (httpx.HTTPError, ValueError):  # ValueError: a server address httpx refuses
        return None


def _pdf_access(args: argparse.Namespace) -> int:
    """``pdf --kind access``: the « Relevé de vos données », for the person; not recorded as a
    print of the dossier (it is no document of the dossier's processing)."""
    from app.document_service import DocumentService, DossierNotFoundError
    from app.documents import DocumentError

    if args.organisme is not None:
        raise UsageError(f"--organisme: only a letter is addressed to an organisme; got "
                         f"{args.organisme!r} for access")
    with opened_store(args) as store:
        service = DocumentService(store)
        try:
            record = service.record(args.dossier)
            accesses = _central_accesses(
                args, str(record["id"]), f"{store.site_code}-{store.workstation_code}")
            document = service.render_access(args.dossier, accesses=accesses)
        except (DossierNotFoundError, DocumentError) as exc:
            raise UsageError(str(exc)) from None
        with atomic_file(args.out, binary=True) as fh:
            fh.write(document.pdf)
    where = ("with the accesses recorded on the central store" if accesses is not None
             else "central store not reached: its accesses are not listed")
    print(f"pdf: {document.title} ({document.pages} page{'s' if document.pages > 1 else ''}) "
          f"written to {args.out}; {where}")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase one dossier's personal data here at the person's request; the request goes to the
    central store at the next sync (app.models.erasure)."""
    from app.models.base import utcnow
    from app.models.erasure import erase_dossier
    from app.models.repository import find_dossier

    with opened_store(args) as store:
        with store.session() as session:
            found = find_dossier(session, args.dossier)
            number = found.number if found is not None else None
        if number is None:
            raise UsageError(f"DOSSIER: no local dossier {args.dossier!r}; expected a dossier "
                             "number or id of this workstation")
        if args.yes:
            confirm = number
        else:
            print(f"erase: type the dossier's number ({number}) to erase the person's data",
                  file=sys.stderr)
            confirm = read_stdin("confirmation", line=True).strip()
        with store.transaction() as session:
            dossier = find_dossier(session, number)
            assert dossier is not None
            try:
                erase_dossier(session, dossier, confirm=confirm, reason=args.reason,
                              agent=args.agent or "", now=utcnow())
            except ValueError as exc:
                raise UsageError(f"nothing erased: {one_line(exc)}") from None
    print(f"erase: dossier {number} erased from this workstation ({args.reason}); the central "
          "store and the other workstations erase it at the next sync")
    return 0


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="fill the local store with synthetic "
                                                      "dossiers")
    p.add_argument("--dossiers", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the day the demo is set on (default: a fixed day, for reproducibility)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("export", parents=[common], help="every local dossier as JSON lines")
    p.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--dossier", metavar="DOSSIER",
                   help="only this dossier (number or id), one line with its history")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[common], help="dossiers from JSON lines, all or nothing")
    p.add_argument("file", nargs="?", metavar="FILE", help="JSON lines file, or - for stdin")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("pdf", parents=[common], help="one document of a local dossier as PDF")
    p.add_argument("dossier", metavar="DOSSIER", help="dossier number or id")
    p.add_argument("--kind", required=True, choices=("summary", "letter", "consent", "access"))
    p.add_argument("--organisme", metavar="ORG", help="for a letter: the organisme addressed")
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--agent", metavar="NAME",
                   help="who prints, recorded in the dossier (default: nobody named)")
    p.add_argument("--server", metavar="URL",
                   help="for access: the central store asked who accessed the dossier "
                        "(default: server_url of the data dir's settings)")
    p.set_defaults(func=cmd_pdf)

    p = sub.add_parser("erase", parents=[common],
                       help="erase a dossier's personal data at the person's request (here, then "
                            "on the central store and every workstation at the next sync)")
    p.add_argument("dossier", metavar="DOSSIER", help="dossier number or id")
    p.add_argument("--reason", required=True,
                   choices=("demande_personne", "erreur_saisie", "doublon"),
                   help="why: the person's request, a dossier made by mistake, a duplicate")
    p.add_argument("--yes", action="store_true",
                   help="do not ask to type the dossier's number in confirmation")
    p.add_argument("--agent", metavar="NAME", help="who erases, recorded in the history")
    p.set_defaults(func=cmd_erase)
