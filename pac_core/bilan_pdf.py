"""The annual bilan as a PDF to print or send: A4 landscape, the verdict counts, one line per action with its
figures, the verdict chosen, the reason and the managers' comment, the new ideas and the general comment.
Laid out by fpdf2 with DejaVu Sans for the French signs, as the monthly review's PDF (pac_core/review_pdf.py)."""

from fpdf.fonts import FontFace

from pac_core import formatting as fmt
from pac_core.bilan import VERDICT_LABELS, Bilan
from pac_core.display import bilan as view
from pac_core.review_pdf import BLUE, GREY, MARGIN, PAGE_HEIGHT, FrenchPdf

TABLE_COLUMNS = ("ID", "Action", "Indicateur principal", "Objectif", "Réalisé", "Atteinte", "Coût", "CA attribué",
                 "ROI", "Coût par résultat")
WIDTHS = (11, 32, 22, 18, 18, 16, 16, 18, 10, 26, 26, 60)  # the table's columns, then Verdict and Raison (mm)


class BilanPdf(FrenchPdf):
    def __init__(self, title: str):
        super().__init__(title)
        self.title_text = title
        self.set_auto_page_break(True, margin=MARGIN + 4)

    def footer(self) -> None:
        self.set_y(PAGE_HEIGHT - 9)
        self.style(8, color=GREY)
        self.cell(0, 4, self.text_of(f"PAC Pilot · {self.title_text} · page {self.page_no()}"), align="R")


def bilan_pdf(bilan: Bilan) -> bytes:
    pdf = BilanPdf(bilan.title)
    pdf.add_page()
    pdf.style(20, "B", color=BLUE)
    pdf.cell(0, 10, pdf.text_of(bilan.title), new_x="LMARGIN", new_y="NEXT")
    pdf.style(9.5, color=GREY)
    pdf.multi_cell(0, 5, pdf.text_of(f"{view.header_text(bilan)} · {view.saved_text(bilan)}"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.style(12, "B")
    counts = " · ".join(f"{label} : {count}" for _, label, count in view.verdict_counts(bilan))
    pdf.cell(0, 7, pdf.text_of(counts), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    figures = view.figures_frame(bilan)
    headings = FontFace(emphasis="BOLD", fill_color=(238, 240, 244))
    aligns = tuple("LEFT" if name in ("ID", "Action", "Indicateur principal", "Coût par résultat", "Verdict",
                                      "Raison et commentaire") else "RIGHT"
                   for name in (*TABLE_COLUMNS, "Verdict", "Raison et commentaire"))
    pdf.style(7.5)
    with pdf.table(line_height=3.8, col_widths=WIDTHS, text_align=aligns, headings_style=headings,
                   first_row_as_headings=True, borders_layout="HORIZONTAL_LINES") as table:
        table.row([pdf.text_of(name) for name in (*TABLE_COLUMNS, "Verdict", "Raison et commentaire")])
        for (_, shown), (_, row) in zip(figures.iterrows(), bilan.rows.iterrows()):
            verdict = VERDICT_LABELS[row["verdict"]]
            if row["verdict"] != row["suggested_verdict"]:
                verdict += f" (suggéré : {VERDICT_LABELS[row['suggested_verdict']].lower()})"
            if row["verdict"] in ("ajuster", "reconduire", "tester") and row["next_objective"] is not None \
                    and row["next_objective"] == row["next_objective"]:
                verdict += f", objectif {view._figure(row['next_objective'], row['unit'])}"
            reason = row["reason"] + (f" — {row['comment']}" if row["comment"] else "")
            table.row([pdf.text_of(str(shown[name])) for name in TABLE_COLUMNS]
                      + [pdf.text_of(verdict), pdf.text_of(reason)])
    pdf.ln(4)
    ideas = bilan.ideas
    if len(ideas):
        pdf.style(11, "B")
        pdf.cell(0, 6, pdf.text_of("Nouvelles idées à tester"), new_x="LMARGIN", new_y="NEXT")
        pdf.style(9.5)
        for idea in ideas.itertuples(index=False):
            details = ", ".join(part for part in (idea.channel, idea.owner) if part)
            budget = f", budget {fmt.euros(idea.budget)}" if idea.budget == idea.budget and idea.budget is not None \
                else ""
            pdf.multi_cell(0, 5, pdf.text_of(f"• {idea.idea_id} · {idea.name}"
                                             + (f" ({details}{budget})" if details or budget else "")
                                             + f" — {VERDICT_LABELS.get(idea.verdict, idea.verdict)}"
                                             + (f" : {idea.comment}" if idea.comment else "")),
                           new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if bilan.comment:
        pdf.style(11, "B")
        pdf.cell(0, 6, pdf.text_of("Commentaire général"), new_x="LMARGIN", new_y="NEXT")
        pdf.style(10.5, "I")
        pdf.multi_cell(0, 5.5, pdf.text_of(f"« {bilan.comment} »"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.style(8, "I", color=GREY)
    pdf.multi_cell(0, 4, pdf.text_of(view.RULES), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
