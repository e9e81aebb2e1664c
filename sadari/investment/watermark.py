"""Per-viewer PDF and XLSX watermarks and the small generated PDFs of the demo.

Every page of a served PDF gets an overlay naming the viewer, their organization and the
time (a diagonal band across the page and a footer line), plus a reference that points to the
audit event of that read. The overlay is drawn with reportlab and merged with pypdf; Korean
text uses reportlab's built-in Korean CID font (no font file is embedded, viewers substitute
their own Gothic face), and everything identifying is also written in ASCII.

A workbook gets the same text as every sheet's page header and footer (printouts and page
layout view), in custom document properties (``SadariViewer``, ``SadariOrganization``,
``SadariTime``, ``SadariReference``), and on an added last sheet ``열람 정보`` that anyone
opening the file sees in the tab bar — written into the package's XML parts
(``xlsxmark``), so cell data, charts and drawings are copied untouched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

KOREAN_FONT = "HYGothic-Medium"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(KOREAN_FONT))
        _registered = True
    return KOREAN_FONT


@dataclass(frozen=True)
class Watermark:
    viewer: str  # display name
    username: str
    organization: str
    at: datetime
    reference: str  # e.g. "A-1234" (the audit event)

    def lines(self) -> tuple[str, str]:
        local = timezone.localtime(self.at) if timezone.is_aware(self.at) else self.at
        stamp = local.strftime("%Y-%m-%d %H:%M KST")
        band = f"{self.viewer} · {self.organization} · {stamp}"
        footer = (
            f"Sadari data room · viewer {self.username} ({self.viewer}) · "
            f"{self.organization} · {stamp} · ref {self.reference} · confidential"
        )
        return band, footer


def _overlay(width: float, height: float, mark: Watermark) -> bytes:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    font = _font()
    band, footer = mark.lines()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(width, height))
    c.saveState()
    c.setFillColor(Color(0.75, 0.1, 0.1, alpha=0.16))
    size = max(14.0, min(width, height) / 22)
    c.setFont(font, size)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    for dy in (-2.2, 0, 2.2):
        c.drawCentredString(0, dy * size * 2, band)
    c.restoreState()
    c.setFillColor(Color(0.35, 0.1, 0.1, alpha=0.85))
    c.setFont(font, 7)
    c.drawString(18, 12, footer[:220])
    c.save()
    return out.getvalue()


def watermark_pdf(data: bytes, mark: Watermark) -> bytes:
    """The PDF with ``mark`` stamped on every page (one overlay per distinct page size)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    overlays: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        box = page.mediabox
        key = (round(float(box.width), 1), round(float(box.height), 1))
        if key not in overlays:
            overlays[key] = PdfReader(io.BytesIO(_overlay(key[0], key[1], mark))).pages[0]
        page.merge_transformed_page(overlays[key], _translation(float(box.left), float(box.bottom)))
    writer.add_metadata({"/Subject": f"Watermarked for {mark.username} ({mark.reference})"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def watermark_xlsx(data: bytes, mark: Watermark) -> bytes:
    """The workbook marked for one viewer (``xlsxmark``): every sheet's header and footer,
    custom document properties, and an added last sheet naming the viewer, organization, time
    and audit reference. Raises ``ValueError`` (``WorkbookError``) when it is not such a
    workbook."""
    from sadari.investment.xlsxmark import Mark, mark_workbook

    band, footer = mark.lines()
    when = band.rsplit(" · ", 1)[-1]
    viewer = f"{mark.viewer} ({mark.username})"
    return mark_workbook(
        data,
        Mark(
            header=band,
            footer=footer,
            rows=(
                ("사다리 데이터룸 열람본 (Sadari data room copy) — 기밀 (confidential)", ""),
                ("열람자 (viewer)", viewer),
                ("기관 (organization)", mark.organization),
                ("시각 (time)", when),
                ("감사 참조 (audit reference)", mark.reference),
            ),
            properties=(
                ("SadariViewer", viewer),
                ("SadariOrganization", mark.organization),
                ("SadariTime", when),
                ("SadariReference", mark.reference),
            ),
        ),
    )


def _translation(x: float, y: float) -> object:
    from pypdf import Transformation

    return Transformation().translate(x, y)


def simple_pdf(title: str, lines: list[str], *, pages: int = 1) -> bytes:
    """A small A4 PDF with a title and lines of text on each page (demo IR decks, tests)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)  # invariant: same bytes every run
    width, height = A4
    for page in range(1, pages + 1):
        c.setFont(font, 22)
        c.drawString(56, height - 80, title)
        c.setFont(font, 12)
        y = height - 120
        for line in lines:
            c.drawString(56, y, line)
            y -= 20
        c.setFont(font, 9)
        c.drawRightString(width - 56, 40, f"{page} / {pages}")
        c.showPage()
    c.save()
    return out.getvalue()
