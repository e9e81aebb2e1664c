"""Federation pages: sources (runs, upload, token rotation), run progress, the review queue,
merges and splits, and the duplicate-support report. Staff of an institution see their own
sources; city operators see all; everyone else gets 404."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.accounts.rules import is_city_operator, org_ids_of
from sadari.directory.importing import ImportFileError
from sadari.directory.models import Event, Organization, Program, Space
from sadari.federation.forms import SourceForm
from sadari.federation.merging import MergeError, organization_merge, organization_split
from sadari.federation.models import (
    CandidateStatus,
    IngestRun,
    MatchCandidate,
    Merge,
    RecordKind,
    SupportAward,
)
from sadari.federation.rules import can_review_matches
from sadari.federation.selectors import (
    access_source,
    duplicate_support_report,
    review_queue_for,
    source_list_for,
)
from sadari.federation.services import ingest_file, source_create, source_token_rotate
from sadari.investment.models import FundingRound
from sadari.jobs.models import JobPosting

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def staff_required(view):
    """Anonymous → login; signed in without a staff or operator role → 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_review_matches(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
def source_list(request: HttpRequest) -> HttpResponse:
    sources = source_list_for(user=request.user)
    return render(request, "federation/source_list.html", {"sources": sources})


def _owner_choices(user):
    """The organizations a source may belong to: one's own institutions (all, for operators)."""
    if is_city_operator(user):
        return Organization.objects.exclude(kind="startup").order_by("sort_name")
    return Organization.objects.filter(pk__in=org_ids_of(user)).order_by("sort_name")


@staff_required
def source_create_view(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None, owners=_owner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        source, raw = source_create(by=request.user, **form.cleaned_data)
        return render(request, "federation/token_issued.html", {"source": source, "raw": raw})
    return render(request, "federation/source_form.html", {"form": form})


@staff_required
def source_edit(request: HttpRequest, slug: str) -> HttpResponse:
    source = access_source(user=request.user, slug=slug)
    form = SourceForm(request.POST or None, instance=source, owners=_owner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("federation:source-detail", source.slug)
    return render(request, "federation/source_form.html", {"form": form, "source": source})


@staff_required
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = access_source(user=request.user, slug=slug)
    if request.method == "POST":
        upload = request.FILES.get("file")
        kind = request.POST.get("kind", "organization")
        if upload is None or kind not in RecordKind.values:
            messages.error(request, _("Choose a file and a record kind."))
        elif upload.size > MAX_UPLOAD_BYTES:
            messages.error(request, _("The file is too large (at most 10 MB)."))
        else:
            try:
                run = ingest_file(
                    source=source,
                    kind=kind,
                    data=upload.read(),
                    filename=upload.name,
                    by=request.user,
                )
            except ImportFileError as exc:
                messages.error(request, exc.localized())
            else:
                if run is None:
                    messages.error(request, _("The file has no rows."))
                else:
                    return redirect("federation:run-detail", run.pk)
    runs = source.runs.order_by("-id")[:30]
    tokens = source.tokens.order_by("-id")
    return render(
        request,
        "federation/source_detail.html",
        {"source": source, "runs": runs, "tokens": tokens, "kinds": RecordKind.choices},
    )


@require_POST
@staff_required
def source_rotate(request: HttpRequest, slug: str) -> HttpResponse:
    source = access_source(user=request.user, slug=slug)
    raw = source_token_rotate(source=source, by=request.user)
    return render(request, "federation/token_issued.html", {"source": source, "raw": raw})


def _run(request: HttpRequest, pk: int) -> IngestRun:
    run = get_object_or_404(IngestRun.objects.select_related("source"), pk=pk)
    access_source(user=request.user, slug=run.source.slug)
    return run


@staff_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    errors = [{**e, "label": field_label(e.get("field") or "")} for e in run.errors[:500]]
    return render(request, "federation/run_detail.html", {"run": run, "errors": errors})


def field_label(name: str) -> str:
    """A record field as people call it (the model field's name), else the field code."""
    for model in (Organization, Program, Space, FundingRound, SupportAward, JobPosting, Event):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


@staff_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "federation/_run_progress.html", {"run": _run(request, pk)})


@staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    items = list(review_queue_for(user=request.user)[:50])
    return render(request, "federation/review_queue.html", {"items": items})


@require_POST
@staff_required
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(review_queue_for(user=request.user), pk=pk)
    decision = request.POST.get("decision")
    if decision == "same":
        try:
            organization_merge(
                survivor=item.left, merged=item.right, by=request.user, reason="review"
            )
        except MergeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Merged. You can undo it under Merges."))
    elif decision == "different":
        MatchCandidate.objects.filter(pk=item.pk).update(
            status=CandidateStatus.REJECTED, decided_by=request.user
        )
        messages.success(request, _("Marked as different organizations."))
    return redirect("federation:review-queue")


@staff_required
def merge_list(request: HttpRequest) -> HttpResponse:
    merges = Merge.objects.select_related("survivor", "merged", "by").order_by("-id")[:100]
    return render(request, "federation/merge_list.html", {"merges": merges})


@require_POST
@staff_required
def merge_split(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(Merge, pk=pk)
    try:
        organization_split(merge=merge, by=request.user)
    except MergeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The merge was undone."))
    return redirect("federation:merge-list")


@staff_required
def duplicate_support(request: HttpRequest) -> HttpResponse:
    report = duplicate_support_report(user=request.user)
    page = Paginator(report, 50).get_page(request.GET.get("page"))
    return render(
        request, "federation/duplicate_support.html", {"report": page.object_list, "page_obj": page}
    )
