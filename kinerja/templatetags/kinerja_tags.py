from decimal import Decimal

from django import template

from kinerja import capaian

register = template.Library()


@register.filter
def persen(nilai):
    """Capaian for display: two decimals, half-up, decimal comma ("83,33 %"); "—" when absent."""
    if nilai is None or nilai == "":
        return "—"
    return capaian.format_persen(Decimal(nilai))


@register.filter
def nilai(nilai, satuan=""):
    """A target or realisasi as entered: grades as codes, yes/no in words, numbers in Indonesian
    format without trailing zeros ("95", "0,1", "66,23"), with the unit when it is a percentage."""
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, str):
        return nilai
    angka = Decimal(nilai)
    tempat = max(0, -angka.normalize().as_tuple().exponent)
    teks = capaian.format_angka(angka, min(tempat, 4))
    return f"{teks} %" if satuan.strip() == "%" else teks


@register.filter
def rupiah(nilai):
    return "—" if nilai is None else capaian.format_rupiah(Decimal(nilai))
