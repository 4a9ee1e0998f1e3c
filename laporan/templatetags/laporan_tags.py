"""Template helpers of the report (HTML preview and PDF): reading the composed sections by key,
Roman numerals and letters for chapter and section numbers, and signature blanks."""

from django import template

from .. import penomoran

register = template.Library()

TITIK = "……………………………"


@register.filter
def ambil(kamus, kunci):
    """`bagian|ambil:"bab1.latar_belakang"`: a dict read by a key that may contain dots (the
    template language would read the dots as attribute lookups). None when absent."""
    if kamus is None:
        return None
    try:
        if kunci in kamus:
            return kamus[kunci]
        return kamus.get(str(kunci))
    except (AttributeError, TypeError):
        return None


@register.filter
def romawi(angka) -> str:
    """`{{ 4|romawi }}` → "IV": laporan.penomoran.romawi for a template value ("" when it is
    not a whole number)."""
    try:
        n = int(angka)
    except (TypeError, ValueError):
        return ""
    return penomoran.romawi(n)


@register.filter
def huruf(angka) -> str:
    """1 → "A", 2 → "B" (section letters of a chapter); "" outside A–Z."""
    try:
        n = int(angka)
    except (TypeError, ValueError):
        return ""
    return chr(ord("A") + n - 1) if 1 <= n <= 26 else ""


@register.filter
def atau_titik(nilai, panjang=None) -> str:
    """A signature field as printed: the value, or a dotted blank to fill in by hand."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return TITIK[: int(panjang)] if panjang else TITIK
    return nilai


@register.filter
def mutlak(nilai):
    """The size of a difference, without its sign (the text says which way it goes)."""
    return None if nilai is None else abs(nilai)
