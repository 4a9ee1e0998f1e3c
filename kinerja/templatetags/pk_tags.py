"""Template helpers of the Perjanjian Kinerja pages, also usable on pages rendered by other
views (the PK page, the satker-year page) whose context does not carry them."""

from django import template

from nilai import romawi as angka_romawi
from nilai import tulis_angka_ringkas
from satker.akses import boleh_ubah

from .kinerja_tags import nilai

register = template.Library()


@register.simple_tag
def bisa_ubah(user, satker) -> bool:
    """Whether `user` may change `satker`'s data (operators and penyusun of it, admins)."""
    return boleh_ubah(user, satker)


@register.filter
def target_pk(obj) -> str:
    """The target of a PK item or quarter as printed: "85 %", "10", "BB", "Ya"."""
    indikator = obj.indikator_terkait()
    teks = nilai(obj.nilai_dari("target"), indikator.satuan)
    if indikator.jenis_nilai == "angka" and indikator.satuan.strip() not in ("%", ""):
        return f"{teks} {indikator.satuan}"
    return teks


@register.filter
def angka(nilai_angka) -> str:
    """A count in Indonesian notation without trailing zeros ("5", "2,5", "1.250")."""
    return tulis_angka_ringkas(nilai_angka) or "—"


@register.filter
def nama_lengkap(nama: str) -> str:
    """A satker's name as the signed documents print it: "KPU Kota Metro" → "Komisi Pemilihan
    Umum Kota Metro"."""
    if nama.startswith("KPU "):
        return "Komisi Pemilihan Umum " + nama[4:]
    return nama


@register.filter
def romawi(triwulan) -> str:
    """A quarter number as the documents write it: 1 → "I", 4 → "IV"."""
    return angka_romawi(triwulan) or str(triwulan)
