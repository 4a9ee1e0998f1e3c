"""Template helpers of the budget pages."""

from django import template
from django.utils.html import format_html

from ..pohon import Simpul

register = template.Library()

KETERANGAN_ASUMSI = "kode tidak tercetak pada sumber data; diisi sebagai asumsi"


@register.simple_tag
def kode_anggaran(*simpul: Simpul | None) -> str:
    """The code of one or more budget nodes joined by dots, as DIPA prints it ({% kode_anggaran
    kro ro %} → "QGE.001"); None arguments are skipped. When any of the codes is an assumption
    the whole code is muted and marked with an asterisk that the page's legend explains."""
    bagian = [s for s in simpul if s is not None]
    kode = ".".join(s.kode for s in bagian)
    if not any(s.kode_asumsi for s in bagian):
        return kode
    return format_html(
        '<span class="kode-asumsi" title="Kode asumsi: {}">{}<sup aria-hidden="true">*</sup>'
        '<span class="visually-hidden"> (kode asumsi)</span></span>',
        KETERANGAN_ASUMSI,
        kode,
    )
