"""The letter as a Word file and as a PDF, both drawn from the same blocks.

Why fpdf2 with HarfBuzz: the PDF must show names in Arabic, Urdu and Bengali correctly joined
and ordered, offline. fpdf2 shapes text with HarfBuzz (uharfbuzz) and falls back from Noto Sans
to Noto Naskh Arabic or Noto Sans Bengali for characters Noto Sans lacks. The fonts ship with
the app (guidance_app/letters/fonts, SIL Open Font License).

Every block is written as plain text runs: nothing a parent types is read as markup.
"""

from __future__ import annotations

import io
from pathlib import Path

from .compose import Letter, LetterBlock

FONTS = Path(__file__).parent / "fonts"
RTL_LOCALES = ("ar", "ur")


def _needs_shaping(text: str) -> bool:
    """Whether the text has letters from scripts that need shaping (Hebrew to Tibetan, which
    takes in Arabic, Urdu and Bengali, and the Arabic presentation forms)."""
    return any(0x0590 <= ord(char) <= 0x0FFF or 0xFB1D <= ord(char) <= 0xFEFF for char in text)


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


def to_pdf(letter: Letter, with_translation: bool = False, appendix_title: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(letter.title)
    pdf.set_creator("School exclusion help")
    for family, style, file in (("sans", "", "NotoSans-Regular.ttf"), ("sans", "B", "NotoSans-Bold.ttf"),
                                ("arabic", "", "NotoNaskhArabic-Regular.ttf"), ("arabic", "B", "NotoNaskhArabic-Bold.ttf"),
                                ("bengali", "", "NotoSansBengali-Regular.ttf"), ("bengali", "B", "NotoSansBengali-Bold.ttf")):
        pdf.add_font(family, style, str(FONTS / file))
    pdf.set_fallback_fonts(["arabic", "bengali"], exact_match=False)
    pdf.add_page()

    def shape_if_needed(text: str) -> None:
        # HarfBuzz shaping is what joins Arabic letters and orders Bengali ones, but it makes
        # line breaking several times slower; Latin text looks the same without it.
        pdf.set_text_shaping(_needs_shaping(text))

    def use(style: str, size: float) -> None:
        # fpdf2 2.8 does not select Noto Sans again after a line that fell back to another
        # font, so the next line would be drawn with the wrong font. Switching away and back
        # makes it write the font selection out again.
        pdf.set_font("arabic", style, size)
        pdf.set_font("sans", style, size)

    def write(blocks: list[LetterBlock], align: str) -> None:
        for block in blocks:
            shape_if_needed(block.text)
            if block.kind in ("heading", "subheading"):
                use("B", 13 if block.kind == "heading" else 11.5)
                pdf.multi_cell(0, 7, block.text, align=align, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
                continue
            use("", 11)
            if block.kind in ("bullet", "numbered"):
                marker = "•" if block.kind == "bullet" else f"{block.number}."
                top = pdf.get_y()
                pdf.set_x(pdf.l_margin + (0 if align == "L" else pdf.epw - 8))
                pdf.cell(8, 6, marker, align="L" if align == "L" else "R")
                use("", 11)
                pdf.set_xy(pdf.l_margin + (8 if align == "L" else 0), top)
                pdf.multi_cell(pdf.epw - 8, 6, block.text, align=align, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(0, 6, block.text, align=align, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)

    write(letter.blocks, "L")
    appendix = _appendix(letter, with_translation)
    if appendix:
        pdf.add_page()
        align = "R" if letter.locale in RTL_LOCALES else "L"
        use("B", 13)
        shape_if_needed(appendix_title)
        pdf.multi_cell(0, 7, appendix_title, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        write(appendix, align)
    return bytes(pdf.output())
