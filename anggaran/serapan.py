"""Rule 11 of DOMAIN.md: how a budget is absorbed. Pure functions, `Decimal` throughout, no ORM;
the budget tree, its pages and the report all compute penyerapan, sisa and the efficiency index
here, so an amount is computed one way everywhere."""

from collections.abc import Iterable
from decimal import Decimal

from nilai import baca_angka_mesin


def penyerapan(realisasi, pagu) -> Decimal | None:
    """Rule 11: realisasi anggaran ÷ pagu × 100; None when the pagu is 0 or the realisasi is
    not known yet."""
    if realisasi is None:
        return None
    realisasi = baca_angka_mesin(realisasi, "Realisasi anggaran")
    pagu = baca_angka_mesin(pagu, "Pagu")
    if pagu == 0:
        return None
    return realisasi / pagu * Decimal(100)


def sisa(pagu, realisasi) -> Decimal | None:
    """Rule 11: sisa anggaran = pagu − realisasi (negative when spending exceeds the pagu);
    None while the realisasi is not known."""
    if realisasi is None:
        return None
    return baca_angka_mesin(pagu, "Pagu") - baca_angka_mesin(realisasi, "Realisasi anggaran")


def jumlah(nilai: Iterable) -> Decimal:
    """Rule 11: a parent's pagu or realisasi is the sum of its children's."""
    return sum((baca_angka_mesin(v) for v in nilai), Decimal(0))


def indeks_efisiensi(capaian: Decimal | None, penyerapan: Decimal | None) -> Decimal | None:
    """Rule 11: capaian ÷ penyerapan of the budget serving the sasaran; above 1 means more
    achievement than money spent. None when either is missing or nothing was spent."""
    if capaian is None or penyerapan is None or penyerapan == 0:
        return None
    return Decimal(capaian) / Decimal(penyerapan)
