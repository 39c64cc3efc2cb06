"""The PDF of the decision document: WeasyPrint renders the HTML of `bot.render.report` (same template, same CSS).

WeasyPrint needs Pango, HarfBuzz and fonts from the system (scripts/pdf_setup.sh installs them on Debian); it is
imported on first use so the rest of the bot starts without it.
"""

from __future__ import annotations


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs cannot be loaded; the message says what to install."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz not found by cffi
        raise PdfUnavailable(f"cannot make PDFs here ({exc.__class__.__name__}: {exc}); run scripts/pdf_setup.sh "
                             "and make setup") from None
    return HTML(string=html).write_pdf()
