"""Reading and writing values the Indonesian way: the one reader of what people type (numbers,
grades, yes/no, Rupiah) and the one writer of what they read (numbers, percentages, Rupiah, amounts
in words, roman numerals).

Forms, workbook imports, exports, the report's drafts and the templates all go through these
functions, so "66,23", "BB" and "ya" mean the same on every page and in every file. Pure Python,
`Decimal` throughout, no ORM; every message is Indonesian and shown to the user as it is.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import overload

from num2words import num2words

# No figure of a performance report comes near this (a national budget is ~10^15 rupiah); a
# longer number is a typing error, and refusing it keeps every Decimal within exact precision.
ANGKA_MAKS = Decimal(10) ** 15

# Every way the seeds and the staff write yes or no (case and spacing ignored).
YA = frozenset({"ya", "y", "1", "tercapai", "true"})
TIDAK = frozenset({"tidak", "t", "0", "tidak tercapai", "false"})


class NilaiTidakValid(ValueError):
    """A value the calculator refuses; the message is Indonesian and shown to the user."""


class NilaiDiLuarSkala(NilaiTidakValid):
    pass


class SatuanTidakSesuai(NilaiTidakValid):
    pass


class AngkaTidakValid(NilaiTidakValid):
    pass


def baca_angka_mesin(nilai, nama: str = "Nilai") -> Decimal:
    """A number that a program, not a person, wrote (Decimal, int, float, "66.23" with a decimal
    point): must be finite and not negative; yes/no is not a number. Raises AngkaTidakValid
    naming the value as `nama`."""
    if isinstance(nilai, bool):
        raise AngkaTidakValid(f"{nama} harus berupa angka, bukan ya/tidak.")
    if isinstance(nilai, float):
        nilai = str(nilai)
    try:
        angka = Decimal(nilai)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise AngkaTidakValid(f"{nama} '{nilai}' bukan angka.") from exc
    if not angka.is_finite():
        raise AngkaTidakValid(f"{nama} '{nilai}' bukan angka.")
    if angka < 0:
        raise AngkaTidakValid(f"{nama} tidak boleh negatif ({tulis_angka(angka)}).")
    return angka


_ANGKA_RE = re.compile(r"^([+-]?)(\d[\d.,]*)\s*(.*?)$")
_RIBUAN_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")


def baca_angka(teks: str, satuan: str | None = None) -> Decimal:
    """Read a number typed the Indonesian way: decimal comma, dot for thousands.

    "66,23" → 66.23; "1.250" → 1250; "1.250,5" → 1250.5; "0,16 %" → 0.16. A single dot that is
    not followed by exactly three digits ("66.23") can only be a decimal point and is read as one.
    A unit after the number must be the indicator's `satuan` (rule 7): "2 laporan" against "%"
    raises SatuanTidakSesuai. Negative numbers, text and empty input raise AngkaTidakValid.
    """
    asli = teks
    teks = unicodedata.normalize("NFKC", str(teks)).replace("\u00a0", " ").strip()
    if not teks:
        raise AngkaTidakValid("Isi dengan angka.")
    cocok = _ANGKA_RE.match(teks)
    if not cocok:
        raise AngkaTidakValid(
            f"'{asli}' bukan angka. Tulis angka dengan koma desimal, misalnya 66,23."
        )
    tanda, badan, sisa_teks = cocok.groups()
    if tanda == "-":
        raise AngkaTidakValid(f"Nilai tidak boleh negatif ({asli}).")
    if sisa_teks:
        if satuan is None:
            raise AngkaTidakValid(f"'{asli}' bukan angka. Tulis angkanya saja, misalnya 66,23.")
        periksa_satuan(sisa_teks, satuan)
    if "," in badan:
        bulat, _, pecahan = badan.partition(",")
        if "," in pecahan or "." in pecahan:
            raise AngkaTidakValid(f"'{asli}' bukan angka: koma desimal hanya boleh satu.")
        if "." in bulat and not _RIBUAN_RE.match(bulat):
            raise AngkaTidakValid(
                f"'{asli}' bukan angka: titik hanya untuk pemisah ribuan, misalnya 1.250,5."
            )
        normal = bulat.replace(".", "") + "." + pecahan
    elif badan.count(".") == 1 and not _RIBUAN_RE.match(badan):
        normal = badan
    elif "." in badan:
        if not _RIBUAN_RE.match(badan):
            raise AngkaTidakValid(
                f"'{asli}' bukan angka: titik hanya untuk pemisah ribuan, misalnya 1.250."
            )
        normal = badan.replace(".", "")
    else:
        normal = badan
    if normal.endswith("."):
        raise AngkaTidakValid(f"'{asli}' bukan angka.")
    angka = Decimal(normal)
    if angka >= ANGKA_MAKS:
        raise AngkaTidakValid(f"'{asli}' terlalu besar untuk sebuah nilai kinerja atau anggaran.")
    return angka


def _normal_satuan(satuan: str) -> str:
    teks = " ".join(unicodedata.normalize("NFKC", satuan).lower().split())
    return {"persen": "%", "prosentase": "%", "persentase": "%"}.get(teks, teks)


def periksa_satuan(satuan_realisasi: str, satuan_indikator: str) -> None:
    """Rule 7: a realisasi is in its indicator's unit. An empty unit means the indicator's own;
    "persen" and "%" are the same unit; case and spacing do not matter. Raises
    SatuanTidakSesuai otherwise ("2 laporan" against a percentage target)."""
    if not satuan_realisasi or not satuan_realisasi.strip():
        return
    if _normal_satuan(satuan_realisasi) != _normal_satuan(satuan_indikator):
        raise SatuanTidakSesuai(
            f"Satuan '{satuan_realisasi.strip()}' tidak sesuai dengan satuan indikator "
            f"'{satuan_indikator}'. Tulis angkanya saja dalam {satuan_indikator}, misalnya 66,23."
        )


@overload
def bulatkan(nilai: None, tempat: int = 2) -> None: ...
@overload
def bulatkan(nilai: Decimal | int | float | str, tempat: int = 2) -> Decimal: ...
def bulatkan(nilai: Decimal | int | float | str | None, tempat: int = 2) -> Decimal | None:
    """Rule 8: round half up (never truncate, never banker's rounding) to `tempat` decimals."""
    if nilai is None:
        return None
    if isinstance(nilai, float):
        nilai = str(nilai)  # a float's binary value would round 2.675 down
    nilai = Decimal(nilai)
    with localcontext() as ctx:
        # quantize needs every digit of the result within the context's precision.
        ctx.prec = max(28, nilai.adjusted() + tempat + 2)
        return nilai.quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)


def tulis_angka(nilai: Decimal | None, tempat: int = 2) -> str:
    """Indonesian display: dot for thousands, comma for decimals, half-up ("1.250,50")."""
    if nilai is None:
        return "—"
    dibulatkan = bulatkan(nilai, tempat)
    tanda = "-" if dibulatkan < 0 else ""
    teks = f"{abs(dibulatkan):,.{tempat}f}"
    return tanda + teks.replace(",", "_").replace(".", ",").replace("_", ".")


def tulis_angka_ringkas(nilai: Decimal | None) -> str:
    """A value as typed or printed in a table: Indonesian format without trailing zeros, at most
    four decimals ("95", "0,1", "66,23", "1.250"); "" when absent."""
    if nilai is None:
        return ""
    angka = Decimal(nilai)
    eksponen = angka.normalize().as_tuple().exponent
    tempat = max(0, -eksponen) if isinstance(eksponen, int) else 0
    return tulis_angka(angka, min(tempat, 4))


def tulis_nilai(nilai, satuan: str = "") -> str:
    """A target or realisasi for display: grades as their codes, yes/no in words, numbers as
    tulis_angka_ringkas with " %" when the unit is a percentage; "—" when absent."""
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, str):
        return nilai
    teks = tulis_angka_ringkas(nilai)
    return f"{teks} %" if satuan.strip() == "%" else teks


def tulis_persen(nilai: Decimal | None) -> str:
    """A capaian for display: two decimals, half-up, decimal comma ("83,33 %"); "—" if absent."""
    if nilai is None:
        return "—"
    return f"{tulis_angka(nilai, 2)} %"


def tulis_rupiah(nilai: Decimal | None) -> str:
    """An amount in whole Rupiah with dots for thousands ("Rp 51.412.431.000")."""
    if nilai is None:
        return "—"
    teks = tulis_angka(nilai, 0)
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


# Cyrillic and Greek capitals that look like Latin ones; a seed prints a Cyrillic "В" in "BB".
_HURUF_MIRIP = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O",
        "Р": "P", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip


def mengandung_huruf_asing(teks: str) -> bool:
    """True when `teks` has letters outside the Latin alphabet (e.g. a Cyrillic "В")."""
    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in teks)


def baca_predikat(teks: str, skala: Sequence[str]) -> str:
    """Rule 3: a grade must be one of the scale's codes. Spacing and case are ignored and
    look-alike Cyrillic or Greek capitals are read as the Latin letters they imitate; anything
    else (free text, another scale's grade) raises NilaiDiLuarSkala naming the valid codes."""
    bersih = unicodedata.normalize("NFKC", str(teks)).strip().upper().translate(_HURUF_MIRIP)
    bersih = "".join(bersih.split())
    if bersih in skala:
        return bersih
    if mengandung_huruf_asing(bersih):
        raise NilaiDiLuarSkala(
            f"'{teks}' mengandung huruf selain huruf Latin. "
            f"Pilih salah satu dari {', '.join(skala)}."
        )
    raise NilaiDiLuarSkala(
        f"'{teks}' tidak ada dalam skala. Pilih salah satu dari {', '.join(skala)}."
    )


# --- Yes/no, Rupiah, whole values -------------------------------------------------------------


def baca_ya_tidak(teks: str) -> bool:
    """Yes or no as people write it: "ya", "y", "1", "tercapai", "true" are yes; "tidak", "t",
    "0", "tidak tercapai", "false" are no (case and spacing ignored). Anything else raises
    NilaiTidakValid."""
    kecil = " ".join(unicodedata.normalize("NFKC", str(teks)).lower().split())
    if kecil in YA:
        return True
    if kecil in TIDAK:
        return False
    raise NilaiTidakValid(f"Isi 'ya' atau 'tidak', bukan '{str(teks).strip()}'.")


def baca_rupiah(teks: str) -> Decimal:
    """An amount typed as printed: "Rp 2.647.529.000,-", "2.647.529.000" or "2647529000"."""
    bersih = re.sub(r"^\s*rp\.?\s*", "", str(teks), flags=re.IGNORECASE)
    bersih = re.sub(r",-\s*$", "", bersih).strip()
    try:
        return baca_angka(bersih)
    except NilaiTidakValid as exc:
        raise AngkaTidakValid(f"'{str(teks).strip()}' bukan jumlah rupiah yang valid.") from exc


class JenisNilai:
    """The kinds of value an indicator takes (the values of kinerja's JenisNilai choices)."""

    ANGKA = "angka"
    PREDIKAT = "predikat"
    YA_TIDAK = "ya_tidak"


@dataclass(frozen=True)
class NilaiTerbaca:
    """A value as stored, the (angka, predikat) column pair, plus a notice for the user (a
    grade typed with look-alike letters, read as the Latin code)."""

    angka: Decimal | None = None
    predikat: str = ""
    catatan: str = ""

    @property
    def kosong(self) -> bool:
        return self.angka is None and not self.predikat

    @property
    def kolom(self) -> tuple[Decimal | None, str]:
        """The (angka, predikat) pair as the models store it."""
        return self.angka, self.predikat


def baca_nilai(
    nilai: str | Decimal | int | float | bool | None,
    *,
    jenis: str,
    satuan: str = "",
    skala: Sequence[str] = (),
) -> NilaiTerbaca:
    """Read a value of an indicator of kind `jenis` (DOMAIN rules 3, 4 and 7), from every page
    and every file alike.

    Text typed by a person: a number with a decimal comma, in the indicator's `satuan` when a
    unit follows; a grade of `skala`, look-alike Cyrillic or Greek letters read as Latin (with
    a notice); yes/no as baca_ya_tidak reads it. A value a program wrote (a workbook's number
    cell, JSON): a number as baca_angka_mesin reads it, True/False or 1/0 for yes/no. Yes is
    stored as 1 and no as 0; empty text or None is an empty value. Raises NilaiTidakValid with
    a message naming what is accepted."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return NilaiTerbaca()
    if jenis == JenisNilai.PREDIKAT:
        teks = str(nilai).strip()
        predikat = baca_predikat(teks, skala)
        catatan = ""
        if mengandung_huruf_asing(teks):
            catatan = (
                f"Predikat '{teks}' mengandung huruf non-Latin (mis. huruf Sirilik) "
                f"dan dibaca sebagai '{predikat}'."
            )
        return NilaiTerbaca(predikat=predikat, catatan=catatan)
    if jenis == JenisNilai.YA_TIDAK:
        if isinstance(nilai, bool):
            return NilaiTerbaca(angka=Decimal(int(nilai)))
        return NilaiTerbaca(angka=Decimal(int(baca_ya_tidak(str(nilai)))))
    if isinstance(nilai, str):
        return NilaiTerbaca(angka=baca_angka(nilai, satuan or None))
    return NilaiTerbaca(angka=baca_angka_mesin(nilai))


def tulis_ketikan(angka: Decimal | None, predikat: str = "", *, jenis: str) -> str:
    """A stored value as a person would type it back, the inverse of baca_nilai: "66,23",
    "1.250", "BB", "ya"; "" when empty."""
    if predikat:
        return predikat
    if angka is None:
        return ""
    if jenis == JenisNilai.YA_TIDAK:
        return "ya" if angka else "tidak"
    return tulis_angka_ringkas(angka)


# --- Words and roman numerals -----------------------------------------------------------------


def terbilang(nilai: Decimal | int | None) -> str:
    """A whole rupiah amount in Indonesian words, as reports print totals: 51412431000 →
    "lima puluh satu miliar empat ratus dua belas juta empat ratus tiga puluh satu ribu rupiah".
    Sen are dropped (budgets are whole rupiah); an unknown amount is ""."""
    if nilai is None:
        return ""
    rupiah = int(Decimal(nilai).to_integral_value(rounding=ROUND_DOWN))
    if rupiah < 0:
        return f"minus {terbilang(-rupiah)}"
    return f"{num2words(rupiah, lang='id')} rupiah"


_ROMAWI = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def romawi(angka: int) -> str:
    """A positive whole number in roman numerals, as chapters, quarters and front-matter pages
    are numbered: 1 → "I", 4 → "IV", 14 → "XIV"; "" for anything else."""
    try:
        n = int(angka)
    except (TypeError, ValueError):
        return ""
    hasil = []
    for nilai, huruf in _ROMAWI if n > 0 else ():
        while n >= nilai:
            hasil.append(huruf)
            n -= nilai
    return "".join(hasil)
