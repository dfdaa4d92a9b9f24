"""The letter as a Word file and as a PDF, both drawn from the same blocks.

Why Typst for the PDF: the PDF must show names in Arabic, Urdu and Bengali correctly joined and
ordered, offline, and quickly. Typst (a typesetting engine written in Rust, used here through
its Python package) shapes text with HarfBuzz's rules, orders right-to-left text, and falls back
from Noto Sans to Noto Naskh Arabic or Noto Sans Bengali for characters Noto Sans lacks. It lays
out a letter in a few milliseconds; fpdf2, used before, took about 400 ms. The layout is
letter.typ; the fonts ship with the app (guidance_app/letters/fonts, SIL Open Font License).

Every block is written as plain text runs: nothing a parent types is read as markup.
"""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path
from typing import Any

from .compose import Letter, LetterBlock

FONTS = Path(__file__).parent / "fonts"
LAYOUT = Path(__file__).parent / "letter.typ"
RTL_LOCALES = ("ar", "ur")
_TYPST = threading.local()


def _appendix(letter: Letter, with_translation: bool) -> list[LetterBlock]:
    if not (with_translation and letter.translated):
        return []
    return [LetterBlock(block.kind, block.translation, number=block.number) for block in letter.blocks
            if block.translation]


def to_docx(letter: Letter, with_translation: bool = False, appendix_title: str = "") -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = letter.title
    document.core_properties.author = ""

    def write(blocks: list[LetterBlock], rtl: bool) -> None:
        for block in blocks:
            if block.kind == "heading":
                paragraph = document.add_paragraph()
                run = paragraph.add_run(block.text)
                run.bold = True
                run.font.size = Pt(13)
            elif block.kind == "subheading":
                paragraph = document.add_paragraph()
                paragraph.add_run(block.text).bold = True
            elif block.kind == "bullet":
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(block.text)
            elif block.kind == "numbered":
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.left_indent = Pt(18)
                paragraph.paragraph_format.first_line_indent = Pt(-18)
                paragraph.add_run(f"{block.number}.\t{block.text}")
            else:
                paragraph = document.add_paragraph()
                for index, line in enumerate(block.text.split("\n")):
                    run = paragraph.add_run(line)
                    if index < len(block.text.split("\n")) - 1:
                        run.add_break()
            if rtl:
                paragraph.paragraph_format.alignment = 2  # right
                paragraph._p.get_or_add_pPr().append(paragraph._p.makeelement(qn("w:bidi"), {}))
                for run in paragraph.runs:
                    run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))

    write(letter.blocks, rtl=False)
    appendix = _appendix(letter, with_translation)
    if appendix:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading = document.add_paragraph()
        heading.add_run(appendix_title).bold = True
        write(appendix, rtl=letter.locale in RTL_LOCALES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _typst() -> Any:
    """This thread's Typst compiler. Reading the six fonts takes most of a compiler's set-up,
    so each thread (one per gunicorn sync worker) reads them once and keeps them."""
    compiler = getattr(_TYPST, "compiler", None)
    if compiler is None:
        import typst

        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
        compiler = _TYPST.compiler = typst.Compiler(str(LAYOUT), root=str(LAYOUT.parent), font_paths=fonts)
    return compiler


def to_pdf(letter: Letter, with_translation: bool = False, appendix_title: str = "") -> bytes:
    # The letter goes to Typst as one JSON value, never as source text, so what a parent
    # typed cannot change the layout. Tagged PDF: screen readers get headings and lists.
    data = {"title": letter.title, "locale": letter.locale, "appendix_title": appendix_title,
            "blocks": [block.to_json() for block in letter.blocks],
            "appendix": [block.to_json() for block in _appendix(letter, with_translation)]}
    return _typst().compile(sys_inputs={"letter": json.dumps(data, ensure_ascii=False)}, format="pdf",
                            timestamp=int(time.time()))
