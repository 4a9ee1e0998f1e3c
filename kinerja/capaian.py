"""The capaian calculator: every rule of DOMAIN.md section 4, as pure functions.

No ORM and no request here: values in, values out, `Decimal` throughout. Models, forms, the
report and the exports all call these functions, so a number is computed one way everywhere.
Each function's docstring states the rule it applies.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from nilai import (
    NilaiDiLuarSkala,
    NilaiTidakValid,
    baca_angka_mesin,
    baca_predikat,
    bulatkan,
    romawi,
    tulis_persen,
)

SERATUS = Decimal(100)
# No figure of a performance report comes near this (a national budget is ~10^15 rupiah); a
# longer number is a typing error, and refusing it keeps every Decimal within exact precision.
ANGKA_MAKS = Decimal(10) ** 15
NOL = Decimal(0)
DUA = Decimal(2)
TRIWULAN = (1, 2, 3, 4)
# How every page, file and report names a quarter: "TW I" … "TW IV".
TW_ROMAWI = {tw: romawi(tw) for tw in TRIWULAN}


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


@dataclass(frozen=True)
class Capaian:
    """A computed capaian: the full-precision value (None when it cannot be computed), the rule
    that produced it and, when there is no value, the reason."""

    nilai: Decimal | None
    aturan: str
    alasan: str = ""

    @property
    def tampil(self) -> str:
        return tulis_persen(self.nilai)


# --- Numbers ---------------------------------------------------------------------------------


# --- Grades ----------------------------------------------------------------------------------


def peringkat(kode: str, skala: Sequence[str]) -> int:
    """Rank of a grade, counted from 1 at the lowest grade of the scale (ordered low → high)."""
    return list(skala).index(baca_predikat(kode, skala)) + 1


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
    realisasi = baca_angka_mesin(realisasi, "Realisasi")
    target = baca_angka_mesin(target, "Target")
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
    terisi = {
        tw: baca_angka_mesin(v, f"Realisasi TW {tw}") for tw, v in _terisi(per_triwulan).items()
    }
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


# --- Participation ---------------------------------------------------------------------------


def partisipasi(pengguna_hak_pilih, dpt) -> Decimal | None:
    """Rule 12: pengguna hak pilih ÷ DPT × 100 (per sex, use the same-sex DPT); None if DPT is 0."""
    pengguna = baca_angka_mesin(pengguna_hak_pilih, "Pengguna hak pilih")
    dpt = baca_angka_mesin(dpt, "DPT")
    if dpt == 0:
        return None
    return pengguna / dpt * SERATUS
