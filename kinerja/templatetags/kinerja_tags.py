from decimal import Decimal

from django import template

from nilai import tulis_angka, tulis_nilai, tulis_persen, tulis_rupiah

register = template.Library()


@register.filter
def persen(nilai):
    """Capaian for display: two decimals, half-up, decimal comma ("83,33 %"); "—" when absent."""
    if nilai is None or nilai == "":
        return "—"
    return tulis_persen(Decimal(nilai))


@register.filter
def nilai(nilai, satuan=""):
    """A target or realisasi as entered (tulis_nilai): "95", "66,23 %", "BB", "Ya"."""
    return tulis_nilai(nilai, satuan)


@register.filter
def rupiah(nilai):
    return "—" if nilai is None else tulis_rupiah(Decimal(nilai))


@register.filter
def angka(nilai):
    """A plain number with two decimals and a decimal comma ("1,25"); "—" when absent."""
    return "—" if nilai is None else tulis_angka(Decimal(nilai))
