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
    """A target or realisasi as entered (capaian.format_nilai): "95", "66,23 %", "BB", "Ya"."""
    return capaian.format_nilai(nilai, satuan)


@register.filter
def rupiah(nilai):
    return "—" if nilai is None else capaian.format_rupiah(Decimal(nilai))


@register.filter
def angka(nilai):
    """A plain number with two decimals and a decimal comma ("1,25"); "—" when absent."""
    return "—" if nilai is None else capaian.format_angka(Decimal(nilai))
