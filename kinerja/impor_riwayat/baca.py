"""The history workbook's columns, and reading one of its rows into a typed row.

`baca_baris` turns the cells of a row (a dict by header) into a `BarisRiwayat`: the indicator
(found by the `cari` it is given, see rencana.py), the year, the source, and the target and
realisasi read by the indicator's rules (the PK import's `nilai_indikator`); or it raises
`BarisDitolak` with every bad cell of the row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from nilai import SatuanTidakSesuai, periksa_satuan

from .. import xlsx
from ..impor_pk.baca import Galat, PengumpulGalat, nilai_indikator
from ..models import Indikator

BATAS_BARIS = 5000
NAMA_LEMBAR = "Riwayat"
NAMA_LEMBAR_PETUNJUK = "Petunjuk"
PANJANG_SUMBER = 500

KODE_INDIKATOR = "Kode Indikator"
INDIKATOR = "Indikator"
SATUAN = "Satuan"
TAHUN = "Tahun"
TARGET = "Target"
REALISASI = "Realisasi"
SUMBER = "Sumber"
KOLOM = (KODE_INDIKATOR, INDIKATOR, SATUAN, TAHUN, TARGET, REALISASI, SUMBER)
KOLOM_WAJIB = (TAHUN, TARGET, REALISASI)
LEBAR_KOLOM = {
    KODE_INDIKATOR: 10,
    INDIKATOR: 60,
    SATUAN: 11,
    TAHUN: 8,
    TARGET: 11,
    REALISASI: 11,
    SUMBER: 40,
}


@dataclass
class BarisRiwayat:
    nomor: int
    indikator: Indikator
    tahun: int
    sumber: str
    target: tuple[Decimal | None, str] | None
    realisasi: tuple[Decimal | None, str] | None


def _teks_bersih(nilai) -> str:
    return " ".join(xlsx.teks(nilai).split())


def _tahun(nilai) -> int:
    teks = xlsx.teks(nilai)
    if not teks:
        raise Galat(TAHUN, f"{TAHUN} wajib diisi.")
    if isinstance(nilai, bool) or not teks.isascii() or not teks.isdigit() or len(teks) != 4:
        raise Galat(TAHUN, f"{TAHUN} harus tahun empat angka, mis. 2022 (tertulis “{teks[:30]}”).")
    return int(teks)


def _indikator(isi: dict, cari: Callable[[str, str], Indikator]) -> Indikator:
    kode = _teks_bersih(isi.get(KODE_INDIKATOR))
    nama = _teks_bersih(isi.get(INDIKATOR))
    if not kode and not nama:
        raise Galat(KODE_INDIKATOR, f"Isi {KODE_INDIKATOR} (atau {INDIKATOR}).")
    return cari(kode, nama)


def _sumber(isi: dict) -> str:
    sumber = " ".join(xlsx.teks(isi.get(SUMBER)).split())
    if len(sumber) > PANJANG_SUMBER:
        raise Galat(SUMBER, f"{SUMBER} paling panjang {PANJANG_SUMBER} karakter.")
    return sumber


def _satuan(isi: dict, indikator: Indikator) -> None:
    """Satuan may be left empty; when filled it must be the indicator's."""
    satuan = _teks_bersih(isi.get(SATUAN))
    if satuan:
        try:
            periksa_satuan(satuan, indikator.satuan)
        except SatuanTidakSesuai as exc:
            raise Galat(SATUAN, str(exc)) from exc


def baca_baris(nomor: int, isi: dict, cari: Callable[[str, str], Indikator]) -> BarisRiwayat:
    """The row's cells, or BarisDitolak with all the bad ones. `cari(kode, nama)` finds the
    indicator or raises Galat."""
    g = PengumpulGalat()
    indikator = g.ambil(_indikator, isi, cari)
    tahun = g.ambil(_tahun, isi.get(TAHUN))
    sumber = g.ambil(_sumber, isi)
    if indikator is None:
        g.periksa(nomor)  # the indicator's error is among them: the values cannot be read
    g.ambil(_satuan, isi, indikator)
    target = g.ambil(nilai_indikator, indikator, isi.get(TARGET), TARGET)
    realisasi = g.ambil(nilai_indikator, indikator, isi.get(REALISASI), REALISASI)
    g.periksa(nomor)  # a year that could not be read is among them
    return BarisRiwayat(nomor, indikator, tahun, sumber, target, realisasi)
