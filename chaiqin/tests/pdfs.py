"""Reading a PDF back as its users' viewers do: poppler (pdftotext, as Evince and Okular) and
mupdf (`mutool draw -F txt`, as SumatraPDF and many phone viewers), and its fonts (pdffonts).

`text_of(pdf)` answers `"花蓮縣政府" in text` only when both engines read that text, ignoring
white space (a table cell may wrap anywhere); it also asserts that every font is embedded.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def _squeeze(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class PdfText:
    poppler: str
    mupdf: str

    def __contains__(self, needle: str) -> bool:
        needle = _squeeze(needle)
        return needle in _squeeze(self.poppler) and needle in _squeeze(self.mupdf)

    def __str__(self) -> str:
        return self.poppler


def fonts_of(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) of every font in the PDF, from pdffonts' table."""
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for line in lines:
        cells = line.split()
        # name type [encoding words…] emb sub uni object-id generation: emb is the 5th from the end
        out.append((cells[0], cells[-5] == "yes"))
    return out


def text_of(data: bytes) -> PdfText:
    assert data.startswith(b"%PDF-"), data[:40]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(data)
        fonts = fonts_of(path)
        assert fonts, "a form with text has fonts"
        assert all(embedded for _, embedded in fonts), f"fonts not embedded: {fonts}"
        poppler = _run("pdftotext", "-layout", str(path), "-")
        mupdf = _run("mutool", "draw", "-q", "-F", "txt", "-o", "-", str(path))
    return PdfText(poppler, mupdf)
