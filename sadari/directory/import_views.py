"""Organization import pages: upload → column mapping → preview → commit (with progress) → result.

Only users with ``directory.import_organizations`` (institution staff, city operators) reach
these pages; anyone else signed in gets 404, anonymous users the login page. A user sees their
own jobs; city operators see everyone's. Bad files never raise: the form shows why.
"""

from functools import wraps
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.accounts.rules import is_city_operator
from sadari.directory import importing
from sadari.directory.enums import Industry, OrgKind, Stage
from sadari.directory.models import ImportJob, ImportStatus

MAX_ERRORS_SHOWN = 500
MAPPABLE = (ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.FAILED)
COMMITTABLE = (ImportStatus.MAPPED, ImportStatus.FAILED)


# --- access --------------------------------------------------------------------------------


def importer_required(view):
    """Anonymous → login; signed in without the permission → 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("directory.import_organizations"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def jobs_for(user):
    """The jobs a user may see: their own, or every job for a city operator."""
    qs = ImportJob.objects.select_related("created_by")
    if is_city_operator(user):
        return qs
    return qs.filter(created_by=user)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_or_404(jobs_for(request.user), pk=pk)


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def _parse(request: HttpRequest, job: ImportJob) -> importing.ParsedFile | None:
    try:
        return importing.parse_file(bytes(job.payload), job.filename, encoding=job.encoding or None)
    except importing.ImportFileError as exc:
        messages.error(request, exc.localized())
        return None


def _issue_rows(issues, limit: int = MAX_ERRORS_SHOWN) -> list[dict]:
    english = _english()
    return [
        {**i.to_dict(), "text": i.message_en if english else i.message}
        for i in list(issues)[:limit]
    ]


# --- forms ---------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV, TSV or XLSX, at most 10 MB. The first row holds the column names. "
            "CSV files may be UTF-8 or CP949 (EUC-KR)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )

    parsed: importing.ParsedFile | None = None
    file_bytes: bytes = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if PurePath(name).suffix.lower() not in importing.ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Only .csv, .tsv, .txt and .xlsx files can be imported."), code="extension"
            )
        if upload.size > importing.MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="size")
        data = upload.read(importing.MAX_FILE_BYTES + 1)
        try:
            self.parsed = importing.parse_file(data, name)
        except importing.ImportFileError as exc:
            raise forms.ValidationError(exc.localized(), code="unreadable") from exc
        self.file_bytes = data
        return upload


def field_choices() -> list[tuple[str, str]]:
    return [("", _("— ignore —"))] + [
        (name, f"{capfirst(importing.field_label(name))} ({name})")
        for name in importing.IMPORT_FIELDS
    ]


class MappingForm(forms.Form):
    """One select per file column (``col_<index>``) and the kind for rows that have none."""

    default_kind = forms.ChoiceField(
        label=gettext_lazy("Kind for rows without one"),
        choices=OrgKind.choices,
        help_text=gettext_lazy("Existing organizations keep their kind."),
    )

    def __init__(self, *args, headers: list[str], mapping: importing.Mapping, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.fields["default_kind"].initial = mapping.default_kind
        choices = field_choices()
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=mapping.columns.get(index, ""),
            )

    def column_fields(self):
        return [self[f"col_{index}"] for index in range(len(self.headers))]

    def clean(self):
        cleaned = super().clean()
        columns = {
            index: cleaned.get(f"col_{index}")
            for index in range(len(self.headers))
            if cleaned.get(f"col_{index}")
        }
        mapping = importing.Mapping(columns, cleaned.get("default_kind") or importing.DEFAULT_KIND)
        for problem in mapping.problems():
            if problem == "no_name":
                raise forms.ValidationError(
                    _("Map one column to the Korean or the English name."), code="no_name"
                )
            field = problem.split(":", 1)[1]
            raise forms.ValidationError(
                _("Two columns are mapped to “%(field)s”; map each field at most once.")
                % {"field": importing.field_label(field)},
                code="duplicate",
            )
        cleaned["mapping"] = mapping
        return cleaned


# --- views ---------------------------------------------------------------------------------


@importer_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for(request.user).defer("payload")[:100]
    return render(
        request,
        "directory/import/list.html",
        {"jobs": jobs, "all_jobs": is_city_operator(request.user)},
    )


@importer_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        job, _parsed = importing.new_job(
            data=form.file_bytes, filename=form.cleaned_data["file"].name, by=request.user
        )
        return redirect("imports:mapping", pk=job.pk)
    return render(
        request,
        "directory/import/upload.html",
        {"form": form, "fields": importing.IMPORT_FIELDS},
    )


@importer_required
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status not in MAPPABLE:
        return redirect("imports:detail", pk=job.pk)
    parsed = _parse(request, job)
    if parsed is None:
        return redirect("imports:detail", pk=job.pk)
    current = importing.Mapping.from_json(job.mapping)
    form = MappingForm(
        request.POST if request.method == "POST" else None, headers=parsed.headers, mapping=current
    )
    if form.is_bound and form.is_valid():
        job.mapping = form.cleaned_data["mapping"].to_json()
        job.status = ImportStatus.MAPPED
        job.save(update_fields=["mapping", "status", "updated_at"])
        return redirect("imports:preview", pk=job.pk)
    samples = [
        [
            importing.cell_text(cells[index]) if index < len(cells) else ""
            for _number, cells in parsed.rows[:3]
        ]
        for index in range(len(parsed.headers))
    ]
    columns = list(zip(parsed.headers, samples, form.column_fields(), strict=True))
    return render(
        request,
        "directory/import/mapping.html",
        {"job": job, "form": form, "columns": columns, "parsed": parsed},
    )


def _display(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if name == "kind":
        return str(OrgKind(value).label) if value in OrgKind.values else str(value)
    if name in {"industry", "stage"}:
        enum = Industry if name == "industry" else Stage
        return str(enum(value).label) if value in enum.values else str(value)
    if name == "aliases":
        return "; ".join(value)
    if name == "revenue_krw":
        return f"{value:,}"
    return str(value)


@importer_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status == ImportStatus.UPLOADED:
        return redirect("imports:mapping", pk=job.pk)
    if job.status not in COMMITTABLE:
        return redirect("imports:detail", pk=job.pk)
    parsed = _parse(request, job)
    if parsed is None:
        return redirect("imports:detail", pk=job.pk)
    current = importing.Mapping.from_json(job.mapping)
    result = importing.validate(parsed, current)
    fields = [f for f in importing.IMPORT_FIELDS if f in current.columns.values() or f == "kind"]
    rows = []
    for r in result.rows[: importing.PREVIEW_ROWS]:
        source = dict(r.values)
        if r.existing is not None:
            source.setdefault("kind", r.existing.kind)
        rows.append(
            {
                "row": r.row,
                "action": r.action,
                "cells": [_display(f, source.get(f)) for f in fields],
                "errors": [i for i in r.issues if i.is_error],
            }
        )
    errors = result.errors
    context = {
        "job": job,
        "parsed": parsed,
        "result": result,
        "fields": [(f, importing.field_label(f)) for f in fields],
        "rows": rows,
        "issues": _issue_rows(result.issues),
        "issue_count": len(result.issues),
        "error_count": len(errors),
        "warning_count": len(result.warnings),
        "counts": {
            "create": result.count(importing.CREATE),
            "update": result.count(importing.UPDATE),
            "unchanged": result.count(importing.UNCHANGED),
        },
        "can_commit": result.is_valid,
        "max_shown": MAX_ERRORS_SHOWN,
    }
    return render(request, "directory/import/preview.html", context)


@require_POST
@importer_required
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status not in COMMITTABLE:
        messages.info(request, _("This import has already run or is running."))
        return _to_detail(request, job)
    job = importing.run_job(job, by=request.user)
    if job.status == ImportStatus.DONE:
        messages.success(
            request,
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": job.created_count,
                "updated": job.updated_count,
                "unchanged": importing.unchanged_count(job),
            },
        )
    else:
        messages.error(
            request, _("Nothing was imported: fix the rows listed below and upload again.")
        )
    return _to_detail(request, job)


def _to_detail(request: HttpRequest, job: ImportJob) -> HttpResponse:
    """The result page: a redirect, or for htmx (the preview posts through it so the progress
    bar can poll meanwhile) an ``HX-Redirect`` that htmx follows with a full page load."""
    url = reverse("imports:detail", args=[job.pk])
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return redirect(url)


@importer_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(jobs_for(request.user).defer("payload"), pk=pk)
    state = importing.read_progress(job)
    polling = job.status not in (ImportStatus.DONE, ImportStatus.FAILED)
    return render(
        request,
        "directory/import/_progress.html",
        {"job": job, "state": state, "polling": polling},
    )


@importer_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(jobs_for(request.user).defer("payload"), pk=pk)
    issues = [importing.RowIssue.from_dict(d) for d in (job.errors or [])]
    context = {
        "job": job,
        "state": importing.read_progress(job),
        "polling": job.status == ImportStatus.RUNNING,
        "issues": _issue_rows(issues),
        "issue_count": len(issues),
        "error_count": sum(1 for i in issues if i.is_error),
        "unchanged": importing.unchanged_count(job),
        "max_shown": MAX_ERRORS_SHOWN,
        "can_map": job.status in MAPPABLE,
    }
    return render(request, "directory/import/detail.html", context)


@importer_required
def errors_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every issue as CSV (row, field, message, column, level), UTF-8 with BOM for Excel.

    A finished or failed job reports what it recorded; a job still in preview is validated now.
    """
    job = _job(request, pk)
    if job.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.RUNNING):
        issues = [importing.RowIssue.from_dict(d) for d in (job.errors or [])]
    else:
        try:
            parsed = importing.parse_file(
                bytes(job.payload), job.filename, encoding=job.encoding or None
            )
        except importing.ImportFileError as exc:
            issues = [importing.RowIssue(0, "", "", "file", exc.message, exc.message_en)]
        else:
            issues = importing.validate(parsed, importing.Mapping.from_json(job.mapping)).issues
    body = "\ufeff" + importing.error_report_csv(issues, english=_english())
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response
