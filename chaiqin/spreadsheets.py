"""Every XLSX and ODS export, one writer: a `Sheet` says what the clerk's paper shows (a title
over the whole width, optional lines before the header, a header of one or two rows with
merged group cells, the rows, optional closing lines) and `write(sheets, fmt, handle)` lays
it out the same way in both formats: borders, merged cells, column widths, A4 print set-up
(landscape where wide, fit to one page wide, header rows repeated on every page).

Cells: `str` is always a text cell and never a formula, whatever it starts with (`=`, `+`,
`-`, `@`, a tab or a carriage return: a name or a work-log item typed as 「=HYPERLINK(…)」 stays
text; in XLSX the cell is also marked quote-prefixed so that editing it keeps it text); `int`,
`float` and `Decimal` are numeric cells (so durations can be summed: give them in hours or
days with the unit in the column title); `None` is an empty cell. XLSX is written with
openpyxl's write-only workbook, row by row, so a table of a county's people streams to a file.
"""

from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Iterable, Sequence

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style, TableCellProperties,
                       TableColumnProperties, TableProperties, TextProperties)
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
FORMATS = tuple(CONTENT_TYPES)
# Characters that make a spreadsheet program read a typed text as a formula (or DDE).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 12  # in characters, as Excel and LibreOffice count them
    number_format: str = ""  # for numeric cells, e.g. "0.00"; "" keeps the general format
    wrap: bool = False


@dataclass(frozen=True)
class Group:
    """A merged cell of the upper header row over `span` columns; `label=""` with span 1 merges
    the column's own title down over both header rows."""

    label: str
    span: int = 1


@dataclass
class Sheet:
    name: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    groups: Sequence[Group] = ()
    # Lines between the title and the header, and after the rows; `merges` lists
    # (line index, first column, last column) within `preamble` + `closing` counted together.
    preamble: Sequence[Sequence] = ()
    closing: Sequence[Sequence] = ()
    merges: Sequence[tuple[int, int, int]] = ()
    landscape: bool = False
    header_rows: int = field(init=False, default=1)

    def __post_init__(self) -> None:
        if self.groups and sum(g.span for g in self.groups) != len(self.columns):
            raise ValueError("the header groups must span every column")
        self.header_rows = 2 if self.groups else 1


def is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def safe_text(value) -> str:
    """The text of a cell (never a formula: the writers store it as a string)."""
    return "" if value is None else str(value)


def content_type(fmt: str) -> str:
    return CONTENT_TYPES[fmt]


def write(sheets: Sequence[Sheet], fmt: str, handle: IO[bytes]) -> None:
    """Write `sheets` as `fmt` ("xlsx" or "ods") to the open binary `handle`."""
    if fmt == "xlsx":
        _write_xlsx(sheets, handle)
    elif fmt == "ods":
        _write_ods(sheets, handle)
    else:
        raise ValueError(f"unknown spreadsheet format {fmt!r}")


def to_bytes(sheets: Sequence[Sheet], fmt: str) -> bytes:
    out = io.BytesIO()
    write(sheets, fmt, out)
    return out.getvalue()


def header_lines(sheet: Sheet) -> list[list[tuple[str, int, int]]]:
    """The header as lines of (text, first column, last column) cells, and for a title merged
    down over both lines a cell (text, col, col) in the first line and ("", col, col) marked
    by `vertical_merges`."""
    if not sheet.groups:
        return [[(c.title, i, i) for i, c in enumerate(sheet.columns)]]
    top, bottom, col = [], [], 0
    for group in sheet.groups:
        if group.label == "" and group.span == 1:
            top.append((sheet.columns[col].title, col, col))
        else:
            top.append((group.label, col, col + group.span - 1))
            bottom += [(sheet.columns[c].title, c, c) for c in range(col, col + group.span)]
        col += group.span
    return [top, bottom]


def vertical_merges(sheet: Sheet) -> list[int]:
    """Columns whose title is merged down over both header lines."""
    out, col = [], 0
    for group in sheet.groups:
        if group.label == "" and group.span == 1:
            out.append(col)
        col += group.span
    return out


def _lines(sheet: Sheet):
    """Every line of the sheet in order as (kind, values, merges): kind is "title", "preamble",
    "header", "row" or "closing"; merges are (first, last) column spans of that line."""
    extra = {}
    for index, first, last in sheet.merges:
        extra.setdefault(index, []).append((first, last))
    width = len(sheet.columns)
    yield "title", [sheet.title] + [None] * (width - 1), [(0, width - 1)]
    for index, values in enumerate(sheet.preamble):
        yield "preamble", list(values), extra.get(index, [])
    for cells in header_lines(sheet):
        values = [None] * width
        for text, first, _ in cells:
            values[first] = text
        yield "header", values, [(first, last) for _, first, last in cells if last > first]
    for values in sheet.rows:
        yield "row", list(values), []
    for index, values in enumerate(sheet.closing, start=len(sheet.preamble)):
        yield "closing", list(values), extra.get(index, [])


# --- XLSX (openpyxl, write-only) ---------------------------------------------------------------

def _write_xlsx(sheets: Sequence[Sheet], handle: IO[bytes]) -> None:
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="EEEEEE")
    book = Workbook(write_only=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        columns = sheet.columns
        for i, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.page_setup.paperSize = "9"  # A4 in the OOXML paper-size table
        ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        first_header = 2 + len(sheet.preamble)
        ws.print_title_rows = f"{first_header}:{first_header + sheet.header_rows - 1}"
        # Excel and LibreOffice do not grow a row for wrapped text on opening: give the header
        # lines room for two lines of a wrapped title.
        for line in range(first_header, first_header + sheet.header_rows):
            ws.row_dimensions[line].height = 32
        vertical = vertical_merges(sheet)
        # Styling a cell through its font/border/alignment attributes costs a look-up in the
        # workbook's style tables each time; a county's table has millions of cells, so each
        # combination is styled once on a template cell and its style array copied.
        looks: dict[tuple, object] = {}

        def look(kind: str, column: Column, numeric: bool, quoted: bool):
            key = (kind, column.wrap, column.number_format if numeric else "", quoted)
            if key not in looks:
                template = WriteOnlyCell(ws)
                if kind == "title":
                    template.font = Font(bold=True, size=14)
                    template.alignment = Alignment(horizontal="center", vertical="center")
                else:
                    template.border = box
                    if kind == "header":
                        template.font = Font(bold=True)
                        template.fill = shade
                        template.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                    else:
                        template.alignment = Alignment(vertical="top", wrap_text=column.wrap or kind != "row")
                        if numeric and column.number_format and kind == "row":
                            template.number_format = column.number_format
                if quoted:
                    template.quotePrefix = True
                looks[key] = template._style
            return copy(looks[key])

        for number, (kind, values, merges) in enumerate(_lines(sheet), start=1):
            cells = []
            for col, value in enumerate(values):
                column = columns[col] if col < len(columns) else Column("")
                numeric = is_number(value)
                cell = WriteOnlyCell(ws, value=value if value is None or numeric else safe_text(value))
                quoted = False
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl reads a leading "=" as a formula: never
                    quoted = cell.value.startswith(FORMULA_STARTS)
                cell._style = look(kind, column, numeric, quoted)
                cells.append(cell)
            ws.append(cells)
            for first, last in merges:
                ws.merged_cells.add(f"{get_column_letter(first + 1)}{number}:{get_column_letter(last + 1)}{number}")
            if kind == "header" and sheet.header_rows == 2 and number == first_header:
                for col in vertical:
                    letter = get_column_letter(col + 1)
                    ws.merged_cells.add(f"{letter}{number}:{letter}{number + 1}")
    book.save(handle)


# --- ODS (odfpy) -----------------------------------------------------------------------------

_CM_PER_CHARACTER = 0.21  # one character of Excel's column width in LibreOffice's centimetres


def _write_ods(sheets: Sequence[Sheet], handle: IO[bytes]) -> None:
    doc = OpenDocumentSpreadsheet()
    auto = doc.automaticstyles
    border = "0.5pt solid #000000"

    def cell_style(name: str, *, bold=False, size="", fill="", edge=True, wrap=True, center=False) -> Style:
        style = Style(name=name, family="table-cell")
        props = {"wrapoption": "wrap" if wrap else "no-wrap", "verticalalign": "middle" if center else "top"}
        if edge:
            props["border"] = border
        if fill:
            props["backgroundcolor"] = fill
        style.addElement(TableCellProperties(**props))
        if center:
            style.addElement(ParagraphProperties(textalign="center"))
        text = {}
        if bold:
            text["fontweight"] = "bold"
        if size:
            text["fontsize"] = size
        if text:
            style.addElement(TextProperties(**text))
        auto.addElement(style)
        return style

    styles = {
        "title": cell_style("ctitle", bold=True, size="14pt", edge=False, wrap=False, center=True),
        "header": cell_style("cheader", bold=True, fill="#eeeeee", center=True),
        "row": cell_style("crow", wrap=False),
        "wrap": cell_style("cwrap"),
    }
    layouts = {}
    for orientation, (width, height) in (("portrait", ("21cm", "29.7cm")), ("landscape", ("29.7cm", "21cm"))):
        layout = PageLayout(name=f"page_{orientation}")
        layout.addElement(PageLayoutProperties(printorientation=orientation, pagewidth=width, pageheight=height,
                                               margin="1.5cm", scaletox="1", scaletoy="0"))
        auto.addElement(layout)
        master = MasterPage(name=f"master_{orientation}", pagelayoutname=layout)
        doc.masterstyles.addElement(master)
        table_style = Style(name=f"table_{orientation}", family="table", masterpagename=master)
        table_style.addElement(TableProperties(display="true"))
        auto.addElement(table_style)
        layouts[orientation] = table_style
    widths: dict[float, Style] = {}
    for number, sheet in enumerate(sheets):
        table = Table(name=sheet.name[:31], stylename=layouts["landscape" if sheet.landscape else "portrait"])
        for column in sheet.columns:
            if column.width not in widths:
                style = Style(name=f"col{len(widths)}", family="table-column")
                style.addElement(TableColumnProperties(columnwidth=f"{column.width * _CM_PER_CHARACTER:.2f}cm"))
                auto.addElement(style)
                widths[column.width] = style
            table.addElement(TableColumn(stylename=widths[column.width]))
        vertical = vertical_merges(sheet)
        header_holder = None
        header_index = 0
        for kind, values, merges in _lines(sheet):
            row = TableRow()
            covered = set()
            spans = {first: last for first, last in merges}
            for col, value in enumerate(values):
                if col in covered:
                    row.addElement(CoveredTableCell())
                    continue
                if kind == "header" and header_index == 1 and col in vertical:
                    row.addElement(CoveredTableCell())
                    continue
                column = sheet.columns[col] if col < len(sheet.columns) else Column("")
                style = styles[kind] if kind in ("title", "header") else (
                    styles["wrap"] if column.wrap or kind != "row" else styles["row"])
                attrs = {"stylename": style}
                if col in spans:
                    attrs["numbercolumnsspanned"] = spans[col] - col + 1
                    covered.update(range(col + 1, spans[col] + 1))
                if kind == "header" and header_index == 0 and sheet.header_rows == 2 and col in vertical:
                    attrs["numberrowsspanned"] = 2
                if is_number(value):
                    cell = TableCell(valuetype="float", value=value, **attrs)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string", **attrs)
                    for line in safe_text(value).split("\n") if value is not None else ():
                        cell.addElement(P(text=line))
                row.addElement(cell)
            if kind == "header":
                if header_holder is None:
                    header_holder = TableHeaderRows()
                    table.addElement(header_holder)
                header_holder.addElement(row)
                header_index += 1
            else:
                table.addElement(row)
        doc.spreadsheet.addElement(table)
    doc.write(handle)
