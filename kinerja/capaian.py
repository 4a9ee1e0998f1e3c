"""The capaian calculator: every rule of DOMAIN.md section 4, as pure functions.

No ORM and no request here: values in, values out, `Decimal` throughout. Models, forms, the
report and the exports all call these functions, so a number is computed one way everywhere.
Each function's docstring states the rule it applies.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from enum import StrEnum

SERATUS = Decimal(100)
# No figure of a performance report comes near this (a national budget is ~10^15 rupiah); a
# longer number is a typing error, and refusing it keeps every Decimal within exact precision.
ANGKA_MAKS = Decimal(10) ** 15
NOL = Decimal(0)
DUA = Decimal(2)
TRIWULAN = (1, 2, 3, 4)


class JenisNilai(StrEnum):
    ANGKA = "angka"
    PREDIKAT = "predikat"
    YA_TIDAK = "ya_tidak"


class Polaritas(StrEnum):
    POSITIF = "positif"
    NEGATIF = "negatif"


class RumusNegatif(StrEnum):
    SELISIH = "selisih"
    RASIO = "rasio"


class Agregasi(StrEnum):
    KUMULATIF = "kumulatif"
    NILAI_AKHIR = "nilai_akhir"
    RATA_RATA = "rata_rata"


class Aturan:
    """The rule used for a capaian, worded as the report prints it next to the number."""

    POSITIF = "Realisasi ÷ target × 100"
    NEGATIF_SELISIH = "(2 − realisasi ÷ target) × 100, paling rendah 0"
    NEGATIF_RASIO = "Target ÷ realisasi × 100"
    PREDIKAT = "Peringkat realisasi ÷ peringkat target × 100"
    YA_TIDAK = "Tercapai = 100, tidak tercapai = 0"
    TARGET_NOL_POSITIF = "Target 0: capaian tidak dapat dihitung"
    TARGET_NOL_NEGATIF = "Target 0 (makin rendah makin baik): 100 bila realisasi 0, selain itu 0"


class NilaiTidakValid(ValueError):
    """A value the calculator refuses; the message is Indonesian and shown to the user."""


class NilaiDiLuarSkala(NilaiTidakValid):
    pass


class SatuanTidakSesuai(NilaiTidakValid):
    pass


class AngkaTidakValid(NilaiTidakValid):
    pass


@dataclass(frozen=True)
class Capaian:
    """A computed capaian: the full-precision value (None when it cannot be computed), the rule
    that produced it and, when there is no value, the reason."""

    nilai: Decimal | None
    aturan: str
    alasan: str = ""

    @property
    def tampil(self) -> str:
        return format_persen(self.nilai)


# --- Numbers ---------------------------------------------------------------------------------


def _ke_decimal(nilai, nama: str = "Nilai") -> Decimal:
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
        raise AngkaTidakValid(f"{nama} tidak boleh negatif ({format_angka(angka)}).")
    return angka


_ANGKA_RE = re.compile(r"^([+-]?)(\d[\d.,]*)\s*(.*?)$")
_RIBUAN_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_angka(teks: str, satuan: str | None = None) -> Decimal:
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
            f"'{satuan_indikator}'. Isi realisasi dalam {satuan_indikator}."
        )


def bulatkan(nilai: Decimal | None, tempat: int = 2) -> Decimal | None:
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


def format_angka(nilai: Decimal | None, tempat: int = 2) -> str:
    """Indonesian display: dot for thousands, comma for decimals, half-up ("1.250,50")."""
    if nilai is None:
        return "—"
    dibulatkan = bulatkan(nilai, tempat)
    tanda = "-" if dibulatkan < 0 else ""
    teks = f"{abs(dibulatkan):,.{tempat}f}"
    return tanda + teks.replace(",", "_").replace(".", ",").replace("_", ".")


def format_angka_ringkas(nilai: Decimal | None) -> str:
    """A value as typed or printed in a table: Indonesian format without trailing zeros, at most
    four decimals ("95", "0,1", "66,23", "1.250"); "" when absent."""
    if nilai is None:
        return ""
    angka = Decimal(nilai)
    tempat = max(0, -angka.normalize().as_tuple().exponent)
    return format_angka(angka, min(tempat, 4))


def format_nilai(nilai, satuan: str = "") -> str:
    """A target or realisasi for display: grades as their codes, yes/no in words, numbers as
    format_angka_ringkas with " %" when the unit is a percentage; "—" when absent."""
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, str):
        return nilai
    teks = format_angka_ringkas(nilai)
    return f"{teks} %" if satuan.strip() == "%" else teks


def format_persen(nilai: Decimal | None) -> str:
    """A capaian for display: two decimals, half-up, decimal comma ("83,33 %"); "—" if absent."""
    if nilai is None:
        return "—"
    return f"{format_angka(nilai, 2)} %"


def format_rupiah(nilai: Decimal | None) -> str:
    """An amount in whole Rupiah with dots for thousands ("Rp 51.412.431.000")."""
    if nilai is None:
        return "—"
    teks = format_angka(nilai, 0)
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


# --- Grades ----------------------------------------------------------------------------------

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


def normalisasi_predikat(teks: str, skala: Sequence[str]) -> str:
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


def peringkat(kode: str, skala: Sequence[str]) -> int:
    """Rank of a grade, counted from 1 at the lowest grade of the scale (ordered low → high)."""
    return list(skala).index(normalisasi_predikat(kode, skala)) + 1


# --- Capaian of one indicator ----------------------------------------------------------------


def hitung_capaian_angka(
    realisasi,
    target,
    polaritas: Polaritas = Polaritas.POSITIF,
    rumus_negatif: RumusNegatif = RumusNegatif.SELISIH,
) -> Capaian:
    """Rules 1, 2 and 5 for numeric indicators.

    Higher is better: realisasi ÷ target × 100; a target of 0 has no capaian.
    Lower is better, by the indicator's explicit formula: *selisih* (2 − realisasi ÷ target) × 100,
    floored at 0, or *rasio* target ÷ realisasi × 100 (no capaian when realisasi is 0, since the
    ratio is undefined). With a target of 0, lower-is-better scores 100 when realisasi is 0,
    else 0. Negative values are refused.
    """
    realisasi = _ke_decimal(realisasi, "Realisasi")
    target = _ke_decimal(target, "Target")
    if Polaritas(polaritas) == Polaritas.POSITIF:
        if target == 0:
            return Capaian(None, Aturan.TARGET_NOL_POSITIF, "Target 0: capaian tidak dihitung.")
        return Capaian(realisasi / target * SERATUS, Aturan.POSITIF)
    if target == 0:
        return Capaian(SERATUS if realisasi == 0 else NOL, Aturan.TARGET_NOL_NEGATIF)
    if RumusNegatif(rumus_negatif) == RumusNegatif.RASIO:
        if realisasi == 0:
            return Capaian(
                None,
                Aturan.NEGATIF_RASIO,
                "Realisasi 0: rumus rasio tidak terdefinisi.",
            )
        return Capaian(target / realisasi * SERATUS, Aturan.NEGATIF_RASIO)
    return Capaian(max(NOL, (DUA - realisasi / target) * SERATUS), Aturan.NEGATIF_SELISIH)


def hitung_capaian_predikat(realisasi: str, target: str, skala: Sequence[str]) -> Capaian:
    """Rule 3: rank(realisasi) ÷ rank(target) × 100, ranks from 1 at the scale's lowest grade
    (A against BB on D<C<CC<B<BB<A<AA: 6 ÷ 5 = 120 %). Grades outside the scale are refused."""
    if not skala:
        raise NilaiDiLuarSkala("Indikator predikat belum memiliki skala nilai.")
    return Capaian(
        Decimal(peringkat(realisasi, skala)) / Decimal(peringkat(target, skala)) * SERATUS,
        Aturan.PREDIKAT,
    )


def _ke_ya_tidak(nilai, nama: str) -> bool:
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, int | Decimal) and nilai in (0, 1):
        return bool(nilai)
    raise NilaiTidakValid(f"{nama} harus ya atau tidak.")


def hitung_capaian_ya_tidak(realisasi, target=True) -> Capaian:
    """Rule 4: 100 when achieved (realisasi equals the target, normally "ya"), else 0."""
    tercapai = _ke_ya_tidak(realisasi, "Realisasi") == _ke_ya_tidak(target, "Target")
    return Capaian(SERATUS if tercapai else NOL, Aturan.YA_TIDAK)


def hitung_capaian(
    *,
    jenis: JenisNilai,
    realisasi,
    target,
    polaritas: Polaritas = Polaritas.POSITIF,
    rumus_negatif: RumusNegatif = RumusNegatif.SELISIH,
    skala: Sequence[str] | None = None,
) -> Capaian:
    """The capaian of one indicator by its kind of value; no value while either side is empty."""
    jenis = JenisNilai(jenis)
    if jenis == JenisNilai.PREDIKAT:
        aturan = Aturan.PREDIKAT
    elif jenis == JenisNilai.YA_TIDAK:
        aturan = Aturan.YA_TIDAK
    elif Polaritas(polaritas) == Polaritas.POSITIF:
        aturan = Aturan.POSITIF
    elif RumusNegatif(rumus_negatif) == RumusNegatif.RASIO:
        aturan = Aturan.NEGATIF_RASIO
    else:
        aturan = Aturan.NEGATIF_SELISIH
    if target is None or target == "":
        return Capaian(None, aturan, "Target belum ditetapkan.")
    if realisasi is None or realisasi == "":
        return Capaian(None, aturan, "Realisasi belum dilaporkan.")
    if jenis == JenisNilai.PREDIKAT:
        return hitung_capaian_predikat(realisasi, target, skala or [])
    if jenis == JenisNilai.YA_TIDAK:
        return hitung_capaian_ya_tidak(realisasi, target)
    return hitung_capaian_angka(realisasi, target, polaritas, rumus_negatif)


# --- Quarters --------------------------------------------------------------------------------


def _terisi(per_triwulan: Mapping[int, object]) -> dict[int, object]:
    for tw in per_triwulan:
        if tw not in TRIWULAN:
            raise NilaiTidakValid(f"Triwulan harus 1 sampai 4, bukan {tw}.")
    return {tw: v for tw, v in sorted(per_triwulan.items()) if v is not None and v != ""}


def nilai_terakhir(per_triwulan: Mapping[int, object]):
    """The value of the latest quarter that has one (any kind of value); None when none has."""
    terisi = _terisi(per_triwulan)
    return terisi[max(terisi)] if terisi else None


def agregasi_triwulan(per_triwulan: Mapping[int, Decimal | None], agregasi: Agregasi):
    """Rule 6: the year's (or year-to-date) realisasi from the quarters reported so far.

    kumulatif: the sum; nilai_akhir: the latest reported quarter's value; rata_rata: the mean of
    the reported quarters. Quarters not yet reported are left out, not counted as 0; with none
    reported the result is None.
    """
    terisi = {tw: _ke_decimal(v, f"Realisasi TW {tw}") for tw, v in _terisi(per_triwulan).items()}
    if not terisi:
        return None
    agregasi = Agregasi(agregasi)
    if agregasi == Agregasi.KUMULATIF:
        return sum(terisi.values(), NOL)
    if agregasi == Agregasi.RATA_RATA:
        return sum(terisi.values(), NOL) / Decimal(len(terisi))
    return terisi[max(terisi)]


def target_untuk_triwulan(target_tahunan, target_triwulan: Mapping[int, object], triwulan: int):
    """Rule 6: a quarter's capaian uses that quarter's own target when the plan sets one, else
    the yearly target."""
    if triwulan not in TRIWULAN:
        raise NilaiTidakValid(f"Triwulan harus 1 sampai 4, bukan {triwulan}.")
    sendiri = target_triwulan.get(triwulan)
    return target_tahunan if sendiri is None or sendiri == "" else sendiri


# --- Roll-up, categories, counts -------------------------------------------------------------


def rerata_capaian(nilai: Iterable[Decimal | None], batas: Decimal | None = None) -> Decimal | None:
    """Rule 9: the mean of the capaian that have a value, each first capped at `batas` (100 or
    120) when the satker-year's policy sets a cap; None when no capaian has a value. Full
    precision: round only for display."""
    daftar = [min(v, batas) if batas is not None else v for v in nilai if v is not None]
    if not daftar:
        return None
    return sum(daftar, NOL) / Decimal(len(daftar))


@dataclass(frozen=True)
class Pita:
    """One band of a category scale: the label and its inclusive lower bound."""

    batas_bawah: Decimal
    label: str


def validasi_pita(pita: Iterable[Pita]) -> list[Pita]:
    """Rule 10: a category scale is a non-empty list of labelled bands with distinct, non-negative
    lower bounds, the lowest at 0 so every score has a band; returned ordered high → low."""
    daftar = sorted(pita, key=lambda p: p.batas_bawah, reverse=True)
    if not daftar:
        raise NilaiTidakValid("Skala kategori harus memiliki paling sedikit satu pita.")
    batas = [p.batas_bawah for p in daftar]
    if len(set(batas)) != len(batas):
        raise NilaiTidakValid("Dua pita tidak boleh memiliki batas bawah yang sama.")
    if any(p.batas_bawah < 0 for p in daftar):
        raise NilaiTidakValid("Batas bawah pita tidak boleh negatif.")
    if daftar[-1].batas_bawah != 0:
        raise NilaiTidakValid(
            "Pita terendah harus dimulai dari 0 agar setiap nilai punya kategori."
        )
    if any(not p.label.strip() for p in daftar):
        raise NilaiTidakValid("Setiap pita harus memiliki label.")
    return daftar


def kategori(nilai: Decimal | None, pita: Iterable[Pita]) -> str | None:
    """Rule 10: the label of the highest band whose lower bound the capaian reaches. The capaian
    is first rounded as displayed (rule 8), so a printed 91,00 % is never "below 91". None when
    there is no capaian or no band."""
    if nilai is None:
        return None
    dibulatkan = bulatkan(nilai)
    for p in sorted(pita, key=lambda p: p.batas_bawah, reverse=True):
        if dibulatkan >= p.batas_bawah:
            return p.label
    return None


@dataclass(frozen=True)
class RingkasanStatus:
    di_atas: int
    sama: int
    di_bawah: int
    tanpa_nilai: int

    @property
    def jumlah(self) -> int:
        return self.di_atas + self.sama + self.di_bawah + self.tanpa_nilai

    @property
    def tercapai(self) -> int:
        return self.di_atas + self.sama


def hitung_status(nilai: Iterable[Decimal | None]) -> RingkasanStatus:
    """Rule 9: counts of indicators above, at and below target (capaian >, =, < 100) from the
    same rows that are printed, compared at their displayed precision (99,996 % counts as
    100,00 %); rows without a capaian are counted separately."""
    di_atas = sama = di_bawah = tanpa = 0
    for v in nilai:
        if v is None:
            tanpa += 1
            continue
        tampil = bulatkan(v)
        if tampil > SERATUS:
            di_atas += 1
        elif tampil == SERATUS:
            sama += 1
        else:
            di_bawah += 1
    return RingkasanStatus(di_atas=di_atas, sama=sama, di_bawah=di_bawah, tanpa_nilai=tanpa)


# --- Budget and participation ----------------------------------------------------------------


def penyerapan(realisasi, pagu) -> Decimal | None:
    """Rule 11: realisasi anggaran ÷ pagu × 100; None when the pagu is 0 or the realisasi is
    not known yet."""
    if realisasi is None:
        return None
    realisasi = _ke_decimal(realisasi, "Realisasi anggaran")
    pagu = _ke_decimal(pagu, "Pagu")
    if pagu == 0:
        return None
    return realisasi / pagu * SERATUS


def sisa(pagu, realisasi) -> Decimal | None:
    """Rule 11: sisa anggaran = pagu − realisasi (negative when spending exceeds the pagu);
    None while the realisasi is not known."""
    if realisasi is None:
        return None
    return _ke_decimal(pagu, "Pagu") - _ke_decimal(realisasi, "Realisasi anggaran")


def jumlah(nilai: Iterable) -> Decimal:
    """Rule 11: a parent's pagu or realisasi is the sum of its children's."""
    return sum((_ke_decimal(v) for v in nilai), NOL)


def indeks_efisiensi(capaian: Decimal | None, penyerapan: Decimal | None) -> Decimal | None:
    """Rule 11: capaian ÷ penyerapan of the budget serving the sasaran; above 1 means more
    achievement than money spent. None when either is missing or nothing was spent."""
    if capaian is None or penyerapan is None or penyerapan == 0:
        return None
    return Decimal(capaian) / Decimal(penyerapan)


def partisipasi(pengguna_hak_pilih, dpt) -> Decimal | None:
    """Rule 12: pengguna hak pilih ÷ DPT × 100 (per sex, use the same-sex DPT); None if DPT is 0."""
    pengguna = _ke_decimal(pengguna_hak_pilih, "Pengguna hak pilih")
    dpt = _ke_decimal(dpt, "DPT")
    if dpt == 0:
        return None
    return pengguna / dpt * SERATUS
