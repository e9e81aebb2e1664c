"""The city's impact report for a period and an optional institution, as XLSX and PDF (drawn
locally with reportlab; Korean text in NanumGothic when installed, else reportlab's built-in
HYGothic CID font). Each KPI with its value, target, definition and formula."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sadari.directory.models import Organization
from sadari.impact.models import Kpi
from sadari.impact.selectors import Figure, figures, period_label
from sadari_core.impact.periods import Period

NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
_font_name: str | None = None


@dataclass
class Report:
    period: Period
    institution: Organization | None
    figures: list[Figure]

    @property
    def scope(self) -> str:
        return self.institution.name if self.institution else _("City-wide")

    @property
    def title(self) -> str:
        return _("Impact report %(period)s — %(scope)s") % {
            "period": period_label(self.period),
            "scope": self.scope,
        }

    def filename(self, ext: str) -> str:
        suffix = f"-{self.institution.pk}" if self.institution else ""
        return f"sadari-impact-{self.period.label}{suffix}.{ext}"


def build_report(
    *, period: Period, institution: Organization | None, kpis: list[Kpi] | None = None
) -> Report:
    kpis = list(Kpi.objects.all()) if kpis is None else kpis
    return Report(
        period=period,
        institution=institution,
        figures=figures(
            kpis=kpis, period=period, institution_id=institution.pk if institution else None
        ),
    )


HEADER = [gettext_noop("slug"), gettext_noop("KPI"), gettext_noop("value"),
          gettext_noop("display"), gettext_noop("unit"), gettext_noop("target"),
          gettext_noop("target period"), gettext_noop("period"), gettext_noop("definition"),
          gettext_noop("formula"), gettext_noop("components")]  # fmt: skip


def report_xlsx(report: Report) -> bytes:
    """One row per KPI (values as numbers, definitions as text; formula-injection safe)."""
    from openpyxl import Workbook

    from sadari.common.spreadsheet import append_text

    book = Workbook()
    sheet = book.active
    sheet.title = report.period.label
    append_text(sheet, [report.title])
    append_text(sheet, [_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    append_text(sheet, [_(h) for h in HEADER])
    for f in report.figures:
        append_text(
            sheet,
            [
                f.kpi.slug,
                f.kpi.name,
                f.value,
                f.display,
                f.kpi.get_unit_display(),
                f.kpi.target,
                f.kpi.target_when,
                f.period_display,
                f.kpi.definition,
                f.kpi.formula,
                ", ".join(
                    f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                    for k, v in f.components.items()
                ),
            ],
        )
    for column, width in zip(
        "ABCDEFGHIJK", (22, 30, 14, 18, 10, 12, 16, 18, 60, 40, 40), strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _font() -> str:
    global _font_name
    if _font_name is None:
        from reportlab.pdfbase import pdfmetrics

        if NANUM.exists():
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("NanumGothic", str(NANUM)))
            _font_name = "NanumGothic"
        else:
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont("HYGothic-Medium"))
            _font_name = "HYGothic-Medium"
    return _font_name


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for char in paragraph:
            if stringWidth(line + char, font, size) > width:
                cut = line.rfind(" ")
                if cut > len(line) // 2:
                    lines.append(line[:cut])
                    line = line[cut + 1 :] + char
                else:
                    lines.append(line)
                    line = char
            else:
                line += char
        lines.append(line)
    return lines


def report_pdf(report: Report) -> bytes:
    """A4 pages: title, then per KPI its name, value (and target with a progress bar), period,
    definition and a small bar chart of its trend."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(report.title)
    pdf.setAuthor("Sadari")
    width, height = A4
    margin = 48
    y = height - margin

    def new_page() -> float:
        pdf.showPage()
        return height - margin

    pdf.setFont(font, 16)
    pdf.drawString(margin, y, report.title)
    y -= 18
    pdf.setFont(font, 9)
    pdf.drawString(
        margin,
        y,
        _("Generated %(at)s · Sadari") % {"at": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
    )
    y -= 24
    for f in report.figures:
        definition = _wrap(f.kpi.definition, width - 2 * margin - 170, font, 8.5)
        block = 40 + 11 * len(definition)
        if y - block < margin:
            y = new_page()
        pdf.setFont(font, 11.5)
        pdf.drawString(margin, y, f.kpi.name)
        pdf.setFont(font, 13)
        pdf.drawRightString(width - margin - 170, y, f.display)
        y -= 14
        pdf.setFont(font, 8.5)
        target = (
            _("target %(target)s %(when)s")
            % {"target": f.target_display, "when": f.kpi.target_when}
            if f.kpi.target is not None
            else ""
        )
        pdf.drawString(margin, y, f"{f.period_display}  {target}".strip())
        if f.progress is not None:
            pdf.setStrokeColorRGB(0.6, 0.6, 0.6)
            pdf.rect(margin + 250, y - 1, 100, 7, stroke=1, fill=0)
            pdf.setFillColorRGB(0.16, 0.45, 0.75)
            pdf.rect(margin + 250, y - 1, f.progress, 7, stroke=0, fill=1)
            pdf.setFillColorRGB(0, 0, 0)
            pdf.drawString(margin + 355, y, f"{f.progress:.0f}%")
        # trend: small bars at the right
        values = [v for _l, v in f.trend]
        top = max((v for v in values if v is not None), default=0) or 1
        x0, chart_w, chart_h = width - margin - 160, 160, 34
        bar = chart_w / max(1, len(values))
        pdf.setFillColorRGB(0.16, 0.45, 0.75)
        for i, v in enumerate(values):
            if v is not None and v > 0 and top > 0:
                pdf.rect(x0 + i * bar + 1, y - 20, bar - 2, chart_h * v / top, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        y -= 13
        for line in definition:
            pdf.drawString(margin, y, line)
            y -= 11
        pdf.setFont(font, 7.5)
        pdf.setFillColorRGB(0.4, 0.4, 0.4)
        pdf.drawString(margin, y, f"{f.kpi.slug} = {f.kpi.formula}"[:150])
        pdf.setFillColorRGB(0, 0, 0)
        y -= 20
    if not report.figures:
        pdf.setFont(font, 11)
        pdf.drawString(margin, y, _("No KPI is defined yet."))
    pdf.save()
    return out.getvalue()
