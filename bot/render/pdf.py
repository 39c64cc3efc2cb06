"""The PDF of the decision document: WeasyPrint renders the HTML of `bot.render.report` (same template, same CSS).

WeasyPrint needs Pango, HarfBuzz and fonts from the system (scripts/pdf_setup.sh installs them on Debian); it is
imported on first use so the rest of the bot starts without it.
"""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
