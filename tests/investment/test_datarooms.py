"""Data rooms: uploads sniffed by content and size, grants with expiry and revocation, every
read audited and shown to the founder, PDFs watermarked per viewer, and the role matrix on the
room page, the downloads and the API."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl.packaging.custom import StringProperty
from pypdf import PdfReader

from sadari.common.models import AuditEvent
from sadari.investment.enums import ErrorCode
from sadari.investment.models import DataRoomDocument, DataRoomGrant
from sadari.investment.services import (
    dataroom_for_startup,
    document_upload,
    grant_create,
    grant_revoke,
)
from sadari.investment.watermark import simple_pdf
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db
DECK_MARKER = "DECKSECRET42"


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["매출", 1_250_000_000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def room(inv):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    deck = document_upload(
        room=room, by=inv.founder, title="IR 덱", filename="deck.pdf",
        data=simple_pdf("하늘드론 IR", [DECK_MARKER], pages=2),
    )  # fmt: skip
    sheet = document_upload(
        room=room, by=inv.founder, title="재무", filename="fin.xlsx", data=_xlsx()
    )
    grant_create(
        room=room,
        investor=inv.vc,
        expires_on=timezone.localdate() + timedelta(days=10),
        by=inv.founder,
    )
    expired = grant_create(
        room=room,
        investor=inv.vc_expired,
        expires_on=timezone.localdate() + timedelta(days=2),
        by=inv.founder,
    )
    DataRoomGrant.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    room.deck, room.sheet = deck, sheet
    return room


@pytest.mark.parametrize(
    ("_case", "data", "code"),
    [
        ("text named pdf", b"hello, I am not a PDF", ErrorCode.FILE_TYPE),
        ("html", b"<html><script>x</script></html>", ErrorCode.FILE_TYPE),
        ("a zip that is not a workbook", b"PK\x03\x04garbage", ErrorCode.FILE_UNREADABLE),
        ("broken pdf", b"%PDF-1.7\n garbage", ErrorCode.FILE_UNREADABLE),
        ("empty", b"", ErrorCode.FILE_UNREADABLE),
    ],
)
def test_upload_sniffs_the_content_not_the_name(inv, _case, data, code):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)

    with pytest.raises(ValidationError) as error:
        document_upload(room=room, by=inv.founder, title="x", filename="deck.pdf", data=data)

    assert error.value.code == code
    assert DataRoomDocument.objects.count() == 0


def test_upload_size_limit(inv, settings):
    settings.INVESTMENT_DATAROOM_MAX_BYTES = 1000
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)

    with pytest.raises(ValidationError) as error:
        document_upload(
            room=room,
            by=inv.founder,
            title="x",
            filename="a.pdf",
            data=simple_pdf("x", ["y" * 50], pages=3),
        )

    assert error.value.code == ErrorCode.FILE_SIZE


def test_upload_page_stores_outside_static_and_reports_bad_files(client, inv, settings):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    login(client, inv.founder)
    url = reverse("investment:document-upload", args=[room.pk])

    ok = client.post(
        url, {"title": "덱", "file": SimpleUploadedFile("deck.PDF", simple_pdf("a", ["b"]))}
    )
    bad = client.post(
        url, {"file": SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf")}, follow=True
    )

    document = DataRoomDocument.objects.get()
    assert ok.status_code == 302
    assert document.kind == "pdf"
    assert document.pages == 1
    assert str(settings.MEDIA_ROOT) in document.file.path
    assert "static" not in document.file.path
    assert "PDF" in bad.content.decode()


def test_pdf_is_watermarked_for_the_viewer_and_the_read_audited(client, inv, room):
    login(client, inv.investor)

    response = client.get(reverse("investment:document-download", args=[room.deck.pk]))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    event = AuditEvent.objects.get(action="investment.document.download")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert DECK_MARKER in text
    assert "investor" in text
    assert "한강벤처스" in text
    assert f"A-{event.pk}" in text
    assert event.actor == inv.investor
    assert event.detail["organizations"] == [inv.vc.pk]
    assert event.detail["watermarked"] is True


def test_founder_sees_the_access_log(client, inv, room):
    login(client, inv.investor)
    client.get(room.get_absolute_url())
    client.get(reverse("investment:document-download", args=[room.sheet.pk]))
    login(client, inv.founder)

    response = client.get(room.get_absolute_url())

    log = response.context["log"]
    others = [row for row in log if row.actor == inv.investor]
    assert [(row.document, row.organizations) for row in others] == [
        ("재무", ["한강벤처스"]), ("", ["한강벤처스"]),
    ]  # fmt: skip
    assert "read / downloaded" in response.content.decode() or "열람" in response.content.decode()


def test_revoked_grant_ends_access(client, inv, room):
    grant = DataRoomGrant.objects.get(investor=inv.vc, revoked_at=None)
    login(client, inv.founder)

    client.post(reverse("investment:grant-revoke", args=[grant.pk]))
    login(client, inv.investor)

    assert client.get(room.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("investment:document-download", args=[room.deck.pk])).status_code == 404
    )


def test_regranting_after_expiry_opens_a_new_grant(inv, room):
    grant = grant_create(
        room=room,
        investor=inv.vc_expired,
        expires_on=timezone.localdate() + timedelta(days=5),
        by=inv.founder,
    )

    assert grant.is_active
    assert DataRoomGrant.objects.filter(investor=inv.vc_expired).count() == 2


@pytest.mark.parametrize(
    ("_case", "when", "code"),
    [("past", -1, ErrorCode.GRANT_EXPIRY), ("over a year", 400, ErrorCode.GRANT_EXPIRY)],
)
def test_grant_expiry_must_be_within_a_year(inv, room, _case, when, code):
    with pytest.raises(ValidationError) as error:
        grant_create(
            room=room,
            investor=inv.vc_other,
            expires_on=timezone.localdate() + timedelta(days=when),
            by=inv.founder,
        )

    assert error.value.code == code


def test_grants_go_to_investors_only(inv, room):
    with pytest.raises(ValidationError) as error:
        grant_create(
            room=room,
            investor=inv.other,
            expires_on=timezone.localdate() + timedelta(days=3),
            by=inv.founder,
        )

    assert error.value.code == ErrorCode.GRANT_TARGET


def test_grant_page_form_grants_and_notifies(client, inv, room):
    login(client, inv.founder)

    week = (timezone.localdate() + timedelta(days=7)).isoformat()
    client.post(
        reverse("investment:grant-create", args=[room.pk]),
        {"investor_id": inv.vc_other.pk, "expires_on": week},
    )

    assert (
        DataRoomGrant.objects.filter(investor=inv.vc_other, revoked_at=None).count() == 0
    )  # not a candidate
    from sadari.investment.services import intro_request_create

    intro_request_create(
        startup=inv.startup, investor=inv.vc_other, by=inv.founder, message="안녕하세요"
    )
    week = (timezone.localdate() + timedelta(days=7)).isoformat()
    client.post(
        reverse("investment:grant-create", args=[room.pk]),
        {"investor_id": inv.vc_other.pk, "expires_on": week},
    )
    assert DataRoomGrant.objects.filter(investor=inv.vc_other, revoked_at=None).count() == 1
    assert inv.investor_no_grant.notifications.filter(kind="dataroom_shared").count() == 1


ROLES = [
    ("anonymous", None, 302),
    ("other founder", "other_founder", 404),
    ("investor without grant", "investor_no_grant", 404),
    ("investor with expired grant", "investor_expired", 404),
    ("investor with grant", "investor", 200),
    ("institution staff", "staff", 404),
    ("city operator", "operator", 404),
    ("the founder", "founder", 200),
]


@pytest.mark.parametrize(("_case", "who", "status"), ROLES)
def test_dataroom_pages_and_downloads_role_matrix(client, inv, room, _case, who, status):
    login(client, inv[who] if who else None)

    page = client.get(room.get_absolute_url())
    pdf = client.get(reverse("investment:document-download", args=[room.deck.pk]))
    xlsx = client.get(reverse("investment:document-download", args=[room.sheet.pk]))

    assert (page.status_code, pdf.status_code, xlsx.status_code) == (status, status, status)
    if status == 200:
        assert (DECK_MARKER in page.content.decode()) is False  # the list never shows contents
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        assert [c.value for c in book.worksheets[0][1]] == ["매출", 1_250_000_000]
        assert inv[who].username in book.worksheets[0].oddFooter.center.text
        assert book.custom_doc_props["SadariReference"].value == xlsx["X-Sadari-Watermark"]


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [(c, w, 404 if s == 200 else s) for c, w, s in ROLES if w != "founder"]
    + [("the founder", "founder", 302)],
)
def test_dataroom_management_role_matrix(client, inv, room, _case, who, status):
    grant = DataRoomGrant.objects.get(investor=inv.vc, revoked_at=None)
    login(client, inv[who] if who else None)
    expires = (timezone.localdate() + timedelta(days=3)).isoformat()

    statuses = (
        client.post(reverse("investment:document-upload", args=[room.pk]),
                    {"file": SimpleUploadedFile("a.pdf", simple_pdf("a", ["b"]))}).status_code,
        client.post(reverse("investment:grant-create", args=[room.pk]),
                    {"investor_id": inv.vc_other.pk, "expires_on": expires}).status_code,
        client.post(reverse("investment:grant-revoke", args=[grant.pk])).status_code,
        client.post(reverse("investment:document-delete", args=[room.sheet.pk])).status_code,
    )  # fmt: skip

    assert statuses == (status,) * 4


def test_dataroom_list_shows_own_and_shared_rooms(client, inv, room):
    login(client, inv.investor)
    shared = client.get(reverse("investment:dataroom-list")).context["shared"]
    login(client, inv.investor_expired)
    expired = client.get(reverse("investment:dataroom-list")).context["shared"]
    login(client, inv.other_founder)

    opened = client.post(reverse("investment:dataroom-list"), {"startup": inv.other.pk})
    not_theirs = client.post(reverse("investment:dataroom-list"), {"startup": inv.startup.pk})

    assert [r.pk for r in shared] == [room.pk]
    assert list(expired) == []
    assert opened.status_code == 302
    assert inv.other.data_room.pk
    assert not_theirs.status_code == 404


def test_revoking_twice_is_harmless(inv, room):
    grant = DataRoomGrant.objects.get(investor=inv.vc, revoked_at=None)

    first = grant_revoke(grant=grant, by=inv.founder)
    second = grant_revoke(grant=grant, by=inv.founder)

    assert first.revoked_at == second.revoked_at


def test_a_document_whose_file_is_gone_is_not_found_not_a_server_error(client, inv, room):
    room.deck.file.storage.delete(room.deck.file.name)
    login(client, inv.investor)

    page = client.get(reverse("investment:document-download", args=[room.deck.pk]))
    api = client.get(f"/api/v1/investment/documents/{room.deck.pk}/download")

    assert (page.status_code, api.status_code) == (404, 404)


def _zip(parts: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(
    ("_case", "extra"),
    [
        ("an html page inside", {"index.html": b"<script>alert(1)</script>"}),
        ("an executable inside", {"xl/setup.exe": b"MZ"}),
        ("macros", {"xl/vbaProject.bin": b"\x00"}),
    ],
)
def test_a_zip_with_workbook_names_and_something_else_is_refused(inv, _case, extra):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    data = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", **extra})

    with pytest.raises(ValidationError) as error:
        document_upload(room=room, by=inv.founder, title="x", data=data, filename="fin.pdf")

    assert error.value.code == ErrorCode.FILE_TYPE
    assert not DataRoomDocument.objects.exists()


def test_a_real_workbook_with_printer_settings_is_accepted(inv):
    import zipfile

    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    with zipfile.ZipFile(io.BytesIO(_xlsx())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/printerSettings/printerSettings1.bin"] = b"\x00"

    document = document_upload(
        room=room, by=inv.founder, title="x", data=_zip(parts), filename="fin.xlsx"
    )

    assert document.kind == "xlsx"


def test_xlsx_is_watermarked_for_the_viewer_and_the_read_audited(client, inv, room):
    login(client, inv.investor)

    response = client.get(reverse("investment:document-download", args=[room.sheet.pk]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    event = AuditEvent.objects.filter(action="investment.document.download").latest("id")
    sheet = book.worksheets[0]
    info = {row[0]: row[1] for row in book["열람 정보"].iter_rows(min_row=2, values_only=True)}
    assert response["Content-Disposition"].startswith("attachment")
    assert book.sheetnames == ["Sheet", "열람 정보"]
    assert [c.value for c in sheet[1]] == ["매출", 1_250_000_000]
    assert "한강벤처스" in sheet.oddHeader.center.text
    assert f"ref A-{event.pk}" in sheet.oddFooter.center.text
    assert info["열람자 (viewer)"].endswith("(investor)")
    assert info["기관 (organization)"] == "한강벤처스"
    assert info["감사 참조 (audit reference)"] == f"A-{event.pk}"
    assert book.custom_doc_props["SadariOrganization"].value == "한강벤처스"
    assert (event.actor, event.detail["watermarked"]) == (inv.investor, True)


def test_xlsx_watermark_keeps_formulas_and_never_turns_a_name_into_one(inv):
    from datetime import UTC, datetime

    from sadari.investment.watermark import Watermark, watermark_xlsx

    book = openpyxl.Workbook()
    book.active.append([1, 2, "=A1+B1"])
    book.create_sheet("열람 정보")
    raw = io.BytesIO()
    book.save(raw)
    mark = Watermark(
        viewer="=HYPERLINK(\"http://x\")", username="u&v", organization="A&B",
        at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC), reference="A-7",
    )  # fmt: skip

    marked = openpyxl.load_workbook(io.BytesIO(watermark_xlsx(raw.getvalue(), mark)))

    info = marked["열람 정보 2"]
    assert marked.worksheets[0]["C1"].value == "=A1+B1"
    assert info["B2"].data_type == "s"
    assert info["B2"].value.startswith("=HYPERLINK")
    assert "A&&B" in marked.worksheets[0].oddHeader.center.text
    assert marked.custom_doc_props["SadariOrganization"].value == "A&B"


def test_a_workbook_openpyxl_cannot_read_is_refused_at_upload(inv, room):
    import zipfile

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-a-workbook")

    with pytest.raises(ValidationError) as refused:
        document_upload(
            room=room, by=inv.founder, title="x", filename="x.xlsx", data=raw.getvalue()
        )

    assert refused.value.code == ErrorCode.FILE_UNREADABLE


def _rich_workbook() -> bytes:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    for i in range(1, 6):
        sheet.append([f"Q{i}", i * 100, f"=B{i}*2"])
    sheet.merge_cells("D1:E2")
    sheet.oddHeader.left.text = "old header"
    sheet.page_setup.orientation = "landscape"
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=5))
    sheet.add_chart(chart, "G2")
    book.create_sheet("두번째").append(["x"])
    book.custom_doc_props.append(StringProperty(name="Owner", value="하늘드론"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_marks_leave_cells_charts_and_other_properties_untouched():
    import re
    import zipfile
    from datetime import UTC, datetime

    from sadari.investment.watermark import Watermark, watermark_xlsx

    raw = _rich_workbook()
    mark = Watermark("김투자", "kim", "한강벤처스", datetime(2026, 11, 1, tzinfo=UTC), "A-9")

    marked = watermark_xlsx(raw, mark)
    again = watermark_xlsx(marked, mark)  # a marked copy uploaded again

    before, after = zipfile.ZipFile(io.BytesIO(raw)), zipfile.ZipFile(io.BytesIO(marked))
    sheet_xml = after.read("xl/worksheets/sheet1.xml").decode()
    book = openpyxl.load_workbook(io.BytesIO(marked))
    twice = openpyxl.load_workbook(io.BytesIO(again))
    for part in ("xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/styles.xml"):
        assert after.read(part) == before.read(part)
    # CT_Worksheet order: pageSetup, headerFooter, …, drawing; one headerFooter per sheet.
    assert sheet_xml.count("<headerFooter>") == 1
    assert (
        sheet_xml.index("<pageSetup")
        < sheet_xml.index("<headerFooter>")
        < sheet_xml.index("<drawing")
    )
    assert "old header" not in sheet_xml
    assert [c.value for c in book.worksheets[0][3]][:3] == ["Q3", 300, "=B3*2"]
    assert [r.coord for r in book.worksheets[0].merged_cells.ranges] == ["D1:E2"]
    assert len(book.worksheets[0]._charts) == 1
    assert book.sheetnames == ["Sheet", "두번째", "열람 정보"]
    assert "김투자 · 한강벤처스" in book["두번째"].oddHeader.center.text
    assert book.custom_doc_props["Owner"].value == "하늘드론"
    assert book.custom_doc_props["SadariReference"].value == "A-9"
    assert twice.sheetnames == ["Sheet", "두번째", "열람 정보"]
    assert [p.name for p in twice.custom_doc_props].count("SadariViewer") == 1
    assert re.search(r"<headerFooter>.*</headerFooter>", sheet_xml)


@pytest.mark.parametrize(
    ("_case", "edit"),
    [
        ("no sheets element", lambda parts: parts.update({"xl/workbook.xml": b"<workbook/>"})),
        ("a listed sheet missing", lambda parts: parts.pop("xl/worksheets/sheet1.xml")),
        ("a sheet without data", lambda parts: parts.update(
            {"xl/worksheets/sheet1.xml": b'<worksheet xmlns="x"><cols/></worksheet>'})),
    ],
)  # fmt: skip
def test_a_workbook_the_marks_cannot_go_into_is_refused_at_upload(inv, room, _case, edit):
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_xlsx()))
    parts = {name: source.read(name) for name in source.namelist()}
    edit(parts)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)

    with pytest.raises(ValidationError) as refused:
        document_upload(
            room=room, by=inv.founder, title="x", filename="x.xlsx", data=raw.getvalue()
        )

    assert refused.value.code == ErrorCode.FILE_UNREADABLE


@pytest.mark.parametrize(
    ("_case", "tail", "before"),
    [
        ("an extLst inside conditional formatting is not the worksheet's",
         b'<conditionalFormatting sqref="A1"><cfRule text="a>b"/><extLst><ext/></extLst>'
         b'</conditionalFormatting><pageMargins left="1"/><!-- <drawing/> -->'
         b'<drawing r:id="rId1"/></worksheet>', b'<drawing r:id="rId1"/>'),
        ("nothing after: before the end", b'<pageMargins left="1"/></worksheet>', b"</worksheet>"),
        ("prefixed", b"<x:pageMargins/><x:extLst/></x:worksheet>", b"<x:extLst/>"),
    ],
)  # fmt: skip
def test_header_footer_goes_where_the_worksheet_schema_wants_it(_case, tail, before):
    from sadari.investment.xlsxmark import _insertion_point

    assert tail[_insertion_point(tail) :].startswith(before)
