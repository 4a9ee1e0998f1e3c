"""The PK workbook's columns, and reading one of its rows into a typed row.

`Pembaca.baca` turns the cells of a row (a dict by header) into a `Baris`, or raises
`BarisDitolak` with every bad cell of the row. `nilai_indikator` and `baca_target_kegiatan`
read the value cells, which depend on the indicator the row is matched to (see rencana.py).
A bad cell is a `Galat` (column and message); `PengumpulGalat` collects those of one row.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from nilai import ANGKA_MAKS, NilaiTidakValid, baca_angka, bulatkan, tulis_angka_ringkas
from satker.models import Satker

from .. import capaian, xlsx
from ..models import Agregasi, Indikator, JenisNilai, Polaritas, RumusNegatif, SkalaNilai
from ..selectors_pk import teks_nilai
from ..xlsx import GalatBaris
from .kolom import (
    AGREGASI,
    INDIKATOR,
    JENIS_NILAI,
    JENIS_PK,
    K_SATKER,
    KODE_INDIKATOR,
    NO_SASARAN,
    PANJANG_TEKS,
    PILIHAN_AGREGASI,
    PILIHAN_JENIS_NILAI,
    PILIHAN_JENIS_PK,
    PILIHAN_POLARITAS,
    PILIHAN_RUMUS,
    POLARITAS,
    REALISASI,
    REALISASI_TW,
    RUMUS_NEGATIF,
    SASARAN,
    SATUAN,
    TAHUN,
    TARGET,
    TARGET_KEGIATAN,
    TARGET_TW,
)

# --- Errors ---------------------------------------------------------------------------------


class Galat(Exception):
    """One bad cell: its column and the message."""

    def __init__(self, kolom: str, pesan: str):
        super().__init__(pesan)
        self.kolom, self.pesan = kolom, pesan


class BarisDitolak(Exception):
    """Every bad cell of one row."""

    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


class PengumpulGalat:
    """Collects the bad cells of one row, so that the row reports all of them at once."""

    def __init__(self):
        self.galat: list[Galat] = []

    def ambil(self, fungsi, *args, **kwargs):
        """`fungsi(*args, **kwargs)`, or None when it raises Galat (which is kept)."""
        try:
            return fungsi(*args, **kwargs)
        except Galat as exc:
            self.galat.append(exc)
            return None

    def tambah(self, galat: Galat) -> None:
        self.galat.append(galat)

    def ada(self, kolom: str) -> bool:
        return any(g.kolom == kolom for g in self.galat)

    def periksa(self, nomor: int) -> None:
        """Raise BarisDitolak for row `nomor` when a cell was bad."""
        if self.galat:
            raise BarisDitolak([GalatBaris(nomor, g.kolom, g.pesan) for g in self.galat])


# --- Reading a row --------------------------------------------------------------------------


@dataclass
class Baris:
    nomor: int
    satker: Satker
    tahun: int
    jenis: str
    no_sasaran: int
    sasaran: str
    kode_indikator: str
    indikator: str
    satuan: str
    ada: set[str]  # the optional columns with a value in this row
    jenis_nilai: str = JenisNilai.ANGKA
    skala: SkalaNilai | None = None
    polaritas: str = Polaritas.POSITIF
    rumus_negatif: str = RumusNegatif.SELISIH
    agregasi: str = Agregasi.NILAI_AKHIR
    mentah: dict[str, object] = field(default_factory=dict)


def _teks_wajib(isi, kolom, panjang=PANJANG_TEKS) -> str:
    teks = " ".join(xlsx.teks(isi.get(kolom)).split())
    if not teks:
        raise Galat(kolom, f"{kolom} wajib diisi.")
    if len(teks) > panjang:
        raise Galat(kolom, f"{kolom} paling panjang {panjang} karakter.")
    return teks


def _kode_satker(nilai) -> str:
    """A region code: "18.03" stays; the number 18.03 typed in a cell becomes "18.03" again
    (18.1 → "18.10": codes have two digits after each dot)."""
    if isinstance(nilai, float) and not nilai.is_integer():
        return f"{nilai:.2f}"
    return xlsx.teks(nilai)


def _bilangan(isi, kolom, *, minimum, maksimum) -> int:
    nilai = isi.get(kolom)
    teks = xlsx.teks(nilai)
    if not teks:
        raise Galat(kolom, f"{kolom} wajib diisi.")
    if isinstance(nilai, bool) or not re.fullmatch(r"\d{1,4}", teks):
        raise Galat(kolom, f"{kolom} harus bilangan bulat (tertulis “{teks[:30]}”).")
    angka = int(teks)
    if not minimum <= angka <= maksimum:
        raise Galat(kolom, f"{kolom} harus antara {minimum} dan {maksimum}.")
    return angka


def _pilihan(isi, kolom, pilihan: dict):
    teks = " ".join(xlsx.teks(isi.get(kolom)).casefold().split())
    if not teks:
        return None
    teks = teks.replace(" / ", "/").replace("ya-tidak", "ya/tidak")
    if teks not in pilihan:
        boleh = ", ".join(dict.fromkeys(k for k in pilihan if k not in ("kpu", "kpu (lembaga)")))
        raise Galat(kolom, f"{kolom} harus salah satu dari: {boleh} (tertulis “{teks[:30]}”).")
    return pilihan[teks]


def _kode_indikator(isi) -> str:
    kode = xlsx.teks(isi.get(KODE_INDIKATOR))
    if len(kode) > 20:
        raise Galat(KODE_INDIKATOR, f"{KODE_INDIKATOR} paling panjang 20 karakter.")
    return kode


class Pembaca:
    """Reads the rows of one workbook; satker and scales are looked up once each."""

    def __init__(self, satker_boleh: Callable[[Satker], bool] | None):
        self.satker_boleh = satker_boleh
        self._satker: dict[str, Satker | None] = {}
        self._skala: dict[str, SkalaNilai | None] = {}

    def satker(self, kode: str) -> Satker:
        if kode not in self._satker:
            self._satker[kode] = Satker.objects.filter(kode=kode).first()
        satker = self._satker[kode]
        if satker is None:
            raise Galat(K_SATKER, f"Satker dengan kode “{kode[:20]}” tidak dikenal.")
        if self.satker_boleh is not None and not self.satker_boleh(satker):
            raise Galat(K_SATKER, f"Anda tidak berwenang mengubah PK {satker.nama}.")
        return satker

    def skala(self, kode: str) -> SkalaNilai:
        if kode not in self._skala:
            self._skala[kode] = (
                SkalaNilai.objects.filter(kode=kode).prefetch_related("nilai").first()
            )
        skala = self._skala[kode]
        if skala is None:
            raise Galat(JENIS_NILAI, f"Skala nilai “{kode}” belum tersedia; hubungi admin.")
        return skala

    def baca(self, nomor: int, isi: dict) -> Baris:
        g = PengumpulGalat()
        kode = _kode_satker(isi.get(K_SATKER))
        satker = g.ambil(self.satker, kode) if kode else g.ambil(_teks_wajib, isi, K_SATKER)
        tahun = g.ambil(_bilangan, isi, TAHUN, minimum=2000, maksimum=2100)
        jenis = g.ambil(_pilihan, isi, JENIS_PK, PILIHAN_JENIS_PK)
        if jenis is None and not g.ada(JENIS_PK):
            g.tambah(Galat(JENIS_PK, f"{JENIS_PK} wajib diisi: lembaga atau sekretariat."))
        no_sasaran = g.ambil(_bilangan, isi, NO_SASARAN, minimum=1, maksimum=999)
        sasaran = g.ambil(_teks_wajib, isi, SASARAN)
        indikator = g.ambil(_teks_wajib, isi, INDIKATOR)
        satuan = g.ambil(_teks_wajib, isi, SATUAN, 50)
        kode_indikator = g.ambil(_kode_indikator, isi)
        jenis_nilai = g.ambil(_pilihan, isi, JENIS_NILAI, PILIHAN_JENIS_NILAI)
        polaritas = g.ambil(_pilihan, isi, POLARITAS, PILIHAN_POLARITAS)
        rumus = g.ambil(_pilihan, isi, RUMUS_NEGATIF, PILIHAN_RUMUS)
        agregasi = g.ambil(_pilihan, isi, AGREGASI, PILIHAN_AGREGASI)
        skala = g.ambil(self.skala, jenis_nilai[1]) if jenis_nilai and jenis_nilai[1] else None
        g.periksa(nomor)
        return Baris(
            nomor=nomor,
            satker=satker,
            tahun=tahun,
            jenis=jenis,
            no_sasaran=no_sasaran,
            sasaran=sasaran,
            kode_indikator=kode_indikator,
            indikator=indikator,
            satuan=satuan,
            ada={k for k, v in isi.items() if not xlsx.kosong(v)},
            jenis_nilai=jenis_nilai[0] if jenis_nilai else JenisNilai.ANGKA,
            skala=skala,
            polaritas=polaritas,
            rumus_negatif=rumus,
            agregasi=agregasi,
            mentah=isi,
        )


# --- Reading a value cell -------------------------------------------------------------------


def nilai_indikator(indikator: Indikator, nilai, kolom: str) -> tuple[Decimal | None, str] | None:
    """A target or realisasi cell read for `indikator` (saved or not) by the PK pages' own rules
    (Indikator.baca): None when empty, else the (angka, predikat) pair. Excel numbers are
    taken as they are; text is read the Indonesian way ("66,23", "0,16 %", "1.250"); grades are
    the scale's codes; yes/no is ya/tidak. Amounts the database cannot hold are refused here, so
    that the preview shows them."""
    if xlsx.kosong(nilai):
        return None
    try:
        angka, predikat = indikator.baca(_masukan(indikator, nilai)).kolom
    except ValidationError as exc:
        raise Galat(kolom, f"{kolom}: {' '.join(exc.messages)}") from exc
    if angka is not None and angka >= ANGKA_MAKS:
        raise Galat(kolom, f"{kolom} terlalu besar.")
    if angka is not None and angka != angka.quantize(Decimal("0.0001")):
        raise Galat(kolom, f"{kolom} paling banyak empat angka di belakang koma.")
    return angka, predikat


def _masukan(indikator: Indikator, nilai):
    """A cell's value as Indikator.baca takes it: Excel numbers as Decimal, anything
    else as text."""
    if isinstance(nilai, float):
        nilai = Decimal(repr(nilai))
    elif isinstance(nilai, int) and not isinstance(nilai, bool):
        nilai = Decimal(nilai)
    if indikator.jenis_nilai != JenisNilai.ANGKA and not isinstance(nilai, bool):
        nilai = xlsx.teks(nilai)  # a grade or ya/tidak typed as a number: read as its text
    elif not isinstance(nilai, str | Decimal | bool):
        nilai = xlsx.teks(nilai)  # a date or time cell: refused as text that is no number
    return nilai


def baca_target_kegiatan(nilai) -> tuple[Decimal, str] | None:
    """ "5", 5 or "5 orang": the number and, when written, its unit."""
    if xlsx.kosong(nilai):
        return None
    if isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
        angka = Decimal(repr(nilai)) if isinstance(nilai, float) else Decimal(nilai)
        satuan = ""
    else:
        cocok = re.fullmatch(r"\s*([\d.,]+)\s*(.*?)\s*", xlsx.teks(nilai))
        if not cocok:
            raise Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN} harus angka, misalnya 5 orang.")
        try:
            angka = baca_angka(cocok.group(1))
        except NilaiTidakValid as exc:
            raise Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN}: {exc}") from exc
        satuan = cocok.group(2)[:50]
    if not angka.is_finite() or angka < 0 or angka >= ANGKA_MAKS:
        raise Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN} harus angka 0 atau lebih.")
    return angka, satuan


def teks_kegiatan(angka, satuan) -> str:
    """A target kegiatan as the workbook and the preview write it: "5 orang"."""
    if angka is None:
        return ""
    return f"{tulis_angka_ringkas(angka)} {satuan}".strip()


# --- The value cells of a row ---------------------------------------------------------------


@dataclass
class NilaiBaris:
    """The value cells of a row, read for its indicator."""

    target: tuple[Decimal | None, str] | None
    target_tw: dict[int, tuple[Decimal | None, str] | None]
    realisasi_tw: dict[int, tuple[Decimal | None, str] | None]
    tahunan: tuple[Decimal | None, str] | None
    kegiatan: tuple[Decimal, str] | None


def nilai_baris(indikator: Indikator, baris: Baris) -> NilaiBaris:
    """Every value cell of the row, or BarisDitolak with all the bad ones."""
    isi = baris.mentah
    g = PengumpulGalat()

    def baca(kolom):
        return g.ambil(nilai_indikator, indikator, isi.get(kolom), kolom)

    target = baca(TARGET)
    if target is None and not g.ada(TARGET):
        g.tambah(Galat(TARGET, f"{TARGET} wajib diisi."))
    target_tw = {tw: baca(kolom) for tw, kolom in TARGET_TW.items()}
    realisasi_tw = {tw: baca(kolom) for tw, kolom in REALISASI_TW.items()}
    tahunan = baca(REALISASI)
    kegiatan = g.ambil(baca_target_kegiatan, isi.get(TARGET_KEGIATAN))
    g.periksa(baris.nomor)
    if tahunan is not None:
        _cocokkan_tahunan(indikator, realisasi_tw, tahunan)
    return NilaiBaris(target, target_tw, realisasi_tw, tahunan, kegiatan)


def _cocokkan_tahunan(indikator: Indikator, realisasi_tw: dict, tahunan) -> None:
    """When quarters are given, the year's value must be what they aggregate to."""
    terisi = {tw: v for tw, v in realisasi_tw.items() if v is not None}
    if not terisi:
        return
    if indikator.jenis_nilai == JenisNilai.ANGKA:
        hitung = capaian.agregasi_triwulan(
            {tw: v[0] for tw, v in terisi.items()}, capaian.Agregasi(indikator.agregasi)
        )
        cocok = hitung is not None and bulatkan(hitung, 4) == bulatkan(tahunan[0], 4)
        tampil_tw = tampil(indikator, (hitung, ""))
    else:
        terakhir = terisi[max(terisi)]
        cocok = terakhir == tahunan
        tampil_tw = tampil(indikator, terakhir)
    if not cocok:
        raise Galat(
            REALISASI,
            f"Realisasi tahunan {tampil(indikator, tahunan)} tidak sama dengan hasil agregasi "
            f"realisasi triwulan ({tampil_tw}); kosongkan salah satunya.",
        )


def tampil(indikator: Indikator, pasangan) -> str:
    if pasangan is None:
        return ""
    return teks_nilai(indikator, *pasangan)
