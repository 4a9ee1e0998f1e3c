"""Markdown written by staff (or drafted by the product) to safe HTML for the preview and PDF.

Markdown is converted with Python-Markdown and the result cleaned with nh3 (the Ammonia
sanitiser): whatever a user types, only the tags below reach the page, never scripts, styles,
images or links that make WeasyPrint fetch anything.
"""

import markdown as md
import nh3

TAG_AMAN = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h4", "h5", "sup", "sub",
}  # fmt: skip


def ke_html(teks: str) -> str:
    """Markdown to sanitised HTML (tables and lists allowed; no links, images or raw HTML)."""
    html = md.markdown(teks or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=TAG_AMAN, attributes={}, link_rel=None)
