"""``manage.py import_orgs FILE`` (``sadari import-orgs FILE``): the web importer's pipeline.

Reads a CSV/TSV/XLSX file of organizations, maps its columns (automatically from Korean or
English header names, overridable with ``--map``), validates every row and imports all rows in
one transaction — or none: when any row is invalid it prints the row-numbered errors (the header
is row 1, the first data row row 2) and exits with status 1. ``--dry-run`` only validates.
A real run is recorded as an ImportJob (visible to city operators on the import pages).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.directory import importing
from sadari.directory.enums import OrgKind
from sadari.directory.models import ImportJob, ImportStatus


def apply_overrides(
    mapping: importing.Mapping, headers: list[str], overrides: list[str]
) -> importing.Mapping:
    """``COL=field`` (COL: a header name, case-insensitive, or a 1-based column number;
    field: an import field or "ignore"). CommandError on anything unknown."""
    columns = dict(mapping.columns)
    by_name = {h.strip().lower(): i for i, h in reversed(list(enumerate(headers)))}
    for item in overrides:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise CommandError(f"--map expects COL=field, got {item!r}")
        if column.lower() in by_name:
            index = by_name[column.lower()]
        elif column.isdigit() and 1 <= int(column) <= len(headers):
            index = int(column) - 1
        else:
            raise CommandError(
                f"--map: no column {column!r}; the columns are: {', '.join(headers)}"
            )
        if target in {"ignore", ""}:
            columns.pop(index, None)
            continue
        if target not in importing.IMPORT_FIELDS:
            raise CommandError(
                f"--map: unknown field {target!r}; one of: {', '.join(importing.IMPORT_FIELDS)}, ignore"
            )
        for other, name in list(columns.items()):
            if name == target and other != index:
                del columns[other]  # the explicit choice wins over the automatic one
        columns[index] = target
    return importing.Mapping(columns, mapping.default_kind)


class Command(BaseCommand):
    help = (
        "Import organizations from a CSV/TSV/XLSX file (UTF-8 or CP949, Korean or English "
        "headers). All rows or none; exits 1 when any row is invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV, TSV, TXT or XLSX file")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COL=field",
            help="map a column (header name or 1-based number) to a field, or to 'ignore'; "
            "repeatable. Fields: " + ", ".join(importing.IMPORT_FIELDS),
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
        parser.add_argument(
            "--encoding", help="text encoding of a CSV (default: UTF-8, then CP949 if that fails)"
        )
        parser.add_argument(
            "--default-kind",
            default=importing.DEFAULT_KIND,
            choices=OrgKind.values,
            help="kind of new organizations whose row has none (default: startup)",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            parsed = importing.parse_file(data, path.name, encoding=options["encoding"])
        except importing.ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc.message}") from exc
        mapping = importing.auto_map(parsed.headers)
        mapping.default_kind = options["default_kind"]
        mapping = apply_overrides(mapping, parsed.headers, options["map"])

        kind = parsed.encoding or parsed.file_type
        self.stdout.write(f"{path.name}: {len(parsed.rows)} rows ({kind})")
        for index, header in enumerate(parsed.headers):
            self.stdout.write(f"  {header} → {mapping.columns.get(index, 'ignore')}")

        if options["dry_run"]:
            result = importing.validate(parsed, mapping)
            self._report_issues(result.issues)
            self.stdout.write(
                f"dry run: would create {result.count(importing.CREATE)}, "
                f"update {result.count(importing.UPDATE)}, "
                f"leave {result.count(importing.UNCHANGED)} unchanged"
            )
            if not result.is_valid:
                raise CommandError(
                    f"{result.invalid_count} of {len(result.rows)} rows are invalid", returncode=1
                )
            return

        job = ImportJob.objects.create(
            filename=path.name[:255],
            payload=data,
            encoding=(parsed.encoding or "")[:16],
            status=ImportStatus.MAPPED,
            headers=parsed.headers,
            mapping=mapping.to_json(),
            total_rows=len(parsed.rows),
        )
        job = importing.run_job(job)
        issues = [importing.RowIssue.from_dict(d) for d in job.errors]
        self._report_issues(issues)
        if job.status != ImportStatus.DONE:
            errors = sum(1 for i in issues if i.is_error)
            raise CommandError(
                f"nothing imported: {errors} errors (import job {job.pk})", returncode=1
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"imported: {job.created_count} created, {job.updated_count} updated, "
                f"{importing.unchanged_count(job)} unchanged (import job {job.pk})"
            )
        )

    def _report_issues(self, issues: list[importing.RowIssue]) -> None:
        for issue in issues:
            where = f"row {issue.row}" if issue.row else "file"
            column = f" [{issue.column or issue.field}]" if (issue.column or issue.field) else ""
            line = f"{where}{column}: {issue.message}"
            if issue.is_error:
                self.stderr.write(f"error: {line}")
            else:
                self.stdout.write(self.style.WARNING(f"warning: {line}"))
