"""Per-viewer marks on XLSX workbooks, written into the package's XML parts directly.

openpyxl would read and rewrite every cell (a 2.5 MB workbook took 14 s, so a 20 MB one
minutes per download) and drop what it cannot read; here only small parts change and each
worksheet's cell data is copied as bytes:

- every worksheet's page header and footer (``<headerFooter>``, placed where the schema wants
  it: after ``pageSetup``, before ``rowBreaks``…``extLst``) — printouts and page layout view;
- custom document properties ``SadariViewer``, ``SadariOrganization``, ``SadariTime``,
  ``SadariReference`` (``docProps/custom.xml``, created or extended);
- an added last sheet ``열람 정보`` naming the viewer, organization, time and audit reference
  in inline strings (text, never formulas).

``check_workbook`` is the upload-time test that these edits will apply.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_REL = f"{REL_NS}/worksheet"
CUSTOM_REL = f"{REL_NS}/custom-properties"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
INFO_SHEET = "열람 정보"
INFO_PART = "xl/worksheets/sadari-viewer.xml"
INFO_REL_ID = "rIdSadariViewer"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# Worksheet children that come after <headerFooter> (ECMA-376 CT_Worksheet sequence).
_AFTER_HEADER_FOOTER = (
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst",
)  # fmt: skip


class WorkbookError(ValueError):
    """The package is not a workbook these marks can be written into."""


@dataclass(frozen=True)
class Mark:
    header: str  # viewer · organization · time
    footer: str  # username, organization, time, audit reference
    rows: tuple[tuple[str, str], ...]  # the info sheet: (label, value)
    properties: tuple[tuple[str, str], ...]  # custom properties: (name, value)


def _prefix(xml: bytes, root: str) -> bytes:
    """The namespace prefix the part uses for ``root`` (``b""`` or ``b"x:"``)."""
    match = re.search(rb"<(\w+:)?" + root.encode() + rb"[\s>]", xml[:4096])
    if match is None:
        raise WorkbookError(f"no <{root}> element")
    return match.group(1) or b""


def _rels(xml: bytes) -> list[dict[str, str]]:
    out = []
    for element in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", xml):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', element))
        out.append({k.decode(): v.decode("utf-8") for k, v in attrs.items()})
    return out


def _part(target: str, base: str = "xl/") -> str:
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (base + target).split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _worksheets(archive: zipfile.ZipFile) -> list[str]:
    names = set(archive.namelist())
    for part in (WORKBOOK, WORKBOOK_RELS, "[Content_Types].xml"):
        if part not in names:
            raise WorkbookError(f"missing {part}")
    sheets = [
        _part(rel.get("Target", ""))
        for rel in _rels(archive.read(WORKBOOK_RELS))
        if rel.get("Type") == WORKSHEET_REL and rel.get("TargetMode") != "External"
    ]
    missing = [s for s in sheets if s not in names]
    if not sheets or missing:
        raise WorkbookError(f"worksheet parts missing: {missing or 'none listed'}")
    return sheets


def check_workbook(data: bytes) -> None:
    """Raises ``WorkbookError`` unless ``mark_workbook`` can mark this package: a workbook
    part with ``<sheets>``, its relationships, and every listed worksheet present with its
    ``sheetData``. Reads only the small parts and each sheet's closing bytes' index."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = _worksheets(archive)
            workbook = archive.read(WORKBOOK)
            prefix = _prefix(workbook, "workbook")
            if re.search(rb"</" + re.escape(prefix) + rb"sheets>", workbook) is None:
                raise WorkbookError("no <sheets> in the workbook")
            for sheet in sheets:
                _sheet_data_end(archive.read(sheet))
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as exc:
        raise WorkbookError(str(exc)) from exc


def _sheet_data_end(xml: bytes) -> tuple[bytes, int]:
    prefix = _prefix(xml, "worksheet")
    close = b"</" + prefix + b"sheetData>"
    end = xml.rfind(close)
    if end >= 0:
        return prefix, end + len(close)
    empty = re.search(rb"<" + re.escape(prefix) + rb"sheetData\s*/>", xml)
    if empty is None:
        raise WorkbookError("a worksheet has no sheetData")
    return prefix, empty.end()


def _header_footer_text(text: str) -> str:
    # "&" starts a header/footer code ("&C" centres); Excel allows 255 characters per part.
    return "&C" + text.replace("&", "&&")[:240]


def _header_footer(prefix: bytes, mark: Mark) -> bytes:
    p = prefix.decode()
    head = escape(_header_footer_text(mark.header))
    foot = escape(_header_footer_text(mark.footer))
    inner = "".join(
        f"<{p}{tag}>{text}</{p}{tag}>"
        for tag, text in (
            ("oddHeader", head), ("oddFooter", foot), ("evenHeader", head),
            ("evenFooter", foot), ("firstHeader", head), ("firstFooter", foot),
        )
    )  # fmt: skip
    return f"<{p}headerFooter>{inner}</{p}headerFooter>".encode()


_TAG = re.compile(rb"<(/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_SKIP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


def _insertion_point(tail: bytes) -> int:
    """Where ``<headerFooter>`` goes in the part after ``sheetData``: before the first
    *direct* child of the worksheet that must follow it, else before ``</worksheet>``
    (``extLst`` also occurs inside ``conditionalFormatting``: depth matters)."""
    after = {name.encode() for name in _AFTER_HEADER_FOOTER}
    depth = 0
    position = 0
    while True:
        skip = _SKIP.search(tail, position)
        match = _TAG.search(tail, position)
        if match is None:
            raise WorkbookError("a worksheet does not end")
        if skip is not None and skip.start() < match.start():
            position = skip.end()
            continue
        closing, name, _attrs, self_closing = match.groups()
        local = name.rsplit(b":", 1)[-1]
        if closing:
            depth -= 1
            if depth < 0:  # </worksheet>
                return match.start()
        else:
            if depth == 0 and local in after:
                return match.start()
            if not self_closing:
                depth += 1
        position = match.end()


def _mark_sheet(xml: bytes, mark: Mark) -> bytes:
    prefix, start = _sheet_data_end(xml)
    tail = xml[start:]
    p = re.escape(prefix)
    tail = re.sub(
        rb"<" + p + rb"headerFooter\b(?:[^>]*/>|.*?</" + p + rb"headerFooter>)",
        b"",
        tail,
        flags=re.S,
    )
    at = _insertion_point(tail)
    return xml[:start] + tail[:at] + _header_footer(prefix, mark) + tail[at:]


def _info_sheet(mark: Mark) -> bytes:
    rows = []
    for n, (label, value) in enumerate(mark.rows, start=1):
        cells = "".join(
            f'<c r="{col}{n}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
            for col, text in (("A", label), ("B", value))
            if text
        )
        rows.append(f'<row r="{n}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}"><cols>'
        '<col min="1" max="1" width="32" customWidth="1"/>'
        '<col min="2" max="2" width="56" customWidth="1"/></cols>'
        f"<sheetData>{''.join(rows)}</sheetData>"
        f"{_header_footer(b'', mark).decode()}</worksheet>"
    ).encode()


def _unique_name(workbook: bytes, wanted: str) -> str:
    taken = {
        n.decode("utf-8") for n in re.findall(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', workbook)
    }
    name, n = wanted, 2
    while escape(name, {'"': "&quot;"}) in taken:
        name, n = f"{wanted} {n}", n + 1
    return name


def _add_sheet(workbook: bytes, name: str) -> bytes:
    prefix = _prefix(workbook, "workbook")
    ids = [int(x) for x in re.findall(rb'\bsheetId="(\d+)"', workbook)]
    element = (
        f'<{prefix.decode()}sheet xmlns:r="{REL_NS}" name={quoteattr(name)} '
        f'sheetId="{max(ids, default=0) + 1}" r:id="{INFO_REL_ID}"/>'
    ).encode()
    close = b"</" + prefix + b"sheets>"
    at = workbook.rfind(close)
    if at < 0:
        raise WorkbookError("no <sheets> in the workbook")
    return workbook[:at] + element + workbook[at:]


def _append_before(xml: bytes, closing: bytes, addition: bytes) -> bytes:
    at = xml.rfind(closing)
    if at < 0:
        raise WorkbookError(f"no {closing.decode()}")
    return xml[:at] + addition + xml[at:]


def _closing(xml: bytes, root: str) -> bytes:
    return b"</" + _prefix(xml, root) + root.encode() + b">"


def _properties_xml(existing: bytes | None, mark: Mark) -> bytes:
    ours = {name for name, _value in mark.properties}
    if existing is None:
        existing = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"></Properties>'
        ).encode()
    # Drop earlier Sadari properties (a workbook marked before, re-uploaded).
    for name in ours:
        existing = re.sub(
            rb"<(\w+:)?property\b[^>]*\bname=\""
            + re.escape(name.encode())
            + rb"\"[^>]*>.*?</(\w+:)?property>",
            b"",
            existing,
            flags=re.S,
        )
    pids = [int(x) for x in re.findall(rb'\bpid="(\d+)"', existing)]
    prefix = _prefix(existing, "Properties").decode()
    added = "".join(
        f'<{prefix}property fmtid="{PROPERTY_FMTID}" pid="{max(pids, default=1) + k}" '
        f'name={quoteattr(name)}><vt:lpwstr xmlns:vt="{VT_NS}">{escape(value[:255])}'
        f"</vt:lpwstr></{prefix}property>"
        for k, (name, value) in enumerate(mark.properties, start=1)
    )
    return _append_before(existing, _closing(existing, "Properties"), added.encode())


def mark_workbook(data: bytes, mark: Mark) -> bytes:
    """The workbook with ``mark`` in every worksheet's header and footer, in custom document
    properties and on an added last sheet. Raises ``WorkbookError`` when the package is not
    such a workbook (``check_workbook`` refuses it at upload)."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError(str(exc)) from exc
    with source:
        sheets = set(_worksheets(source))
        names = set(source.namelist())
        package_rels = source.read("_rels/.rels") if "_rels/.rels" in names else None
        custom_part = next(
            (
                _part(rel["Target"], "")
                for rel in _rels(package_rels or b"")
                if rel.get("Type") == CUSTOM_REL and _part(rel["Target"], "") in names
            ),
            None,
        )
        new_custom = "docProps/custom.xml"
        while new_custom in names:
            new_custom = new_custom.replace(".xml", "-sadari.xml")
        # A copy marked before (re-uploaded) already has the info sheet: its part is replaced.
        has_info = INFO_PART in names
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename == INFO_PART:
                    continue  # written below
                content = source.read(info.filename)
                if info.filename in sheets:
                    content = _mark_sheet(content, mark)
                elif info.filename == WORKBOOK and not has_info:
                    content = _add_sheet(content, _unique_name(content, INFO_SHEET))
                elif info.filename == WORKBOOK_RELS and not has_info:
                    content = _append_before(
                        content,
                        _closing(content, "Relationships"),
                        f'<Relationship Id="{INFO_REL_ID}" Type="{WORKSHEET_REL}" '
                        f'Target="/{INFO_PART}"/>'.encode(),
                    )
                elif info.filename == "[Content_Types].xml":
                    additions = ""
                    if not has_info:
                        additions += (
                            f'<Override PartName="/{INFO_PART}" ContentType="{WORKSHEET_TYPE}"/>'
                        )
                    if custom_part is None:
                        additions += (
                            f'<Override PartName="/{new_custom}" ContentType="{CUSTOM_TYPE}"/>'
                        )
                    content = _append_before(
                        content, _closing(content, "Types"), additions.encode()
                    )
                elif info.filename == "_rels/.rels" and custom_part is None:
                    content = _append_before(
                        content,
                        _closing(content, "Relationships"),
                        f'<Relationship Id="rIdSadariCustom" Type="{CUSTOM_REL}" '
                        f'Target="{new_custom}"/>'.encode(),
                    )
                elif info.filename == custom_part:
                    content = _properties_xml(content, mark)
                target.writestr(info, content)
            if custom_part is None:
                if package_rels is None:
                    raise WorkbookError("missing _rels/.rels")
                target.writestr(new_custom, _properties_xml(None, mark))
            target.writestr(INFO_PART, _info_sheet(mark))
    return out.getvalue()
