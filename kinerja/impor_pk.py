"""Perjanjian Kinerja from and to an Excel workbook: one row per indicator, with its targets and
its quarterly realisasi.

The workbook has one sheet "PK" whose first row holds the headers (matched without regard to
case, surrounding spaces or order; other columns are ignored). A workbook may hold several satker,
years and kinds of PK. `rencanakan` reads and checks a workbook and works out, row by row, what
would change (a new indicator, changed cells, or nothing) without writing anything; `impor_pk`
writes that plan in one transaction, or nothing at all; `templat_xlsx` writes a satker-year's PKs
in the same form, so that importing an unchanged export changes nothing.

Rules of the import:
- A row is matched to the PK in force of its satker, year and kind; when there is none, a PK is
  created (its signatories are then left for the PK page). Its sasaran is the Renstra's sasaran
  of that number; its indicator is found by "Kode Indikator" when the column is filled, else by
  its name within the sasaran; an indicator that is not there yet is added to the Renstra.
- An optional column that is absent, or a cell left empty, changes nothing: an empty quarter
  does not remove a quarterly target or a realisasi (that is done on the pages, where evidence
  and narratives are in view).
- "Realisasi" is the year's value: when no quarter is given it is the TW IV realisasi (the value
  at the end of the year); when quarters are given it must equal their aggregation.
- Realisasi are written through the same service as the quarter page
  (services_realisasi.realisasi_simpan_triwulan), so their history and versions are kept.
"""

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from nilai import ANGKA_MAKS, NilaiTidakValid, baca_angka, bulatkan, tulis_angka_ringkas
from satker.kunci import DataTerkunci, periksa_data_terbuka
from satker.models import Satker

from . import capaian, xlsx
from .models import (
    Agregasi,
    Indikator,
    ItemPK,
    JenisNilai,
    JenisPK,
    PerjanjianKinerja,
    Polaritas,
    Realisasi,
    Renstra,
    RumusNegatif,
    Sasaran,
    SkalaNilai,
    TargetTriwulan,
)
from .services import kebijakan_pastikan
from .services_pk import (
    baca_nilai,
    kode_indikator_berikut,
    renstra_mengacu,
    renstra_nasional,
    renstra_satker,
    sisipkan_item,
    teks_nilai,
)
from .services_realisasi import NARASI, BarisMasukan, pesan_galat, realisasi_simpan_triwulan
from .xlsx import GalatBaris

BATAS_BARIS = 5000
NAMA_LEMBAR = "PK"
NAMA_LEMBAR_PETUNJUK = "Petunjuk"
PANJANG_TEKS = 2000

K_SATKER = "Kode Satker"
TAHUN = "Tahun"
JENIS_PK = "Jenis PK"
NO_SASARAN = "No Sasaran"
SASARAN = "Sasaran"
KODE_INDIKATOR = "Kode Indikator"
INDIKATOR = "Indikator"
SATUAN = "Satuan"
TARGET = "Target"
JENIS_NILAI = "Jenis Nilai"
POLARITAS = "Polaritas"
RUMUS_NEGATIF = "Rumus Negatif"
AGREGASI = "Agregasi"
TARGET_KEGIATAN = "Target Kegiatan"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
TARGET_TW = {tw: f"Target TW {r}" for tw, r in ROMAWI.items()}
REALISASI_TW = {tw: f"Realisasi TW {r}" for tw, r in ROMAWI.items()}
REALISASI = "Realisasi"

KOLOM = (
    K_SATKER,
    TAHUN,
    JENIS_PK,
    NO_SASARAN,
    SASARAN,
    KODE_INDIKATOR,
    INDIKATOR,
    SATUAN,
    JENIS_NILAI,
    POLARITAS,
    RUMUS_NEGATIF,
    AGREGASI,
    TARGET,
    TARGET_KEGIATAN,
    *TARGET_TW.values(),
    *REALISASI_TW.values(),
    REALISASI,
)
KOLOM_WAJIB = (K_SATKER, TAHUN, JENIS_PK, NO_SASARAN, SASARAN, INDIKATOR, SATUAN, TARGET)
LEBAR_KOLOM = {SASARAN: 45, INDIKATOR: 55, K_SATKER: 12, KODE_INDIKATOR: 10, JENIS_NILAI: 12}

# What a person may write in the option columns, to the stored values.
_JENIS_PK = {
    "lembaga": JenisPK.LEMBAGA,
    "kpu": JenisPK.LEMBAGA,
    "kpu (lembaga)": JenisPK.LEMBAGA,
    "sekretariat": JenisPK.SEKRETARIAT,
}
# Jenis Nilai: (jenis_nilai, code of the grade scale)
_JENIS_NILAI = {
    "angka": (JenisNilai.ANGKA, ""),
    "predikat": (JenisNilai.PREDIKAT, "akip"),
    "opini": (JenisNilai.PREDIKAT, "opini-bpk"),
    "ya/tidak": (JenisNilai.YA_TIDAK, ""),
}
_POLARITAS = {"positif": Polaritas.POSITIF, "negatif": Polaritas.NEGATIF}
_RUMUS = {"selisih": RumusNegatif.SELISIH, "rasio": RumusNegatif.RASIO}
_AGREGASI = {
    "kumulatif": Agregasi.KUMULATIF,
    "nilai akhir": Agregasi.NILAI_AKHIR,
    "rata-rata": Agregasi.RATA_RATA,
}

BARU, BERUBAH, TETAP = "baru", "berubah", "tetap"
STATUS = (BARU, BERUBAH, TETAP)


# --- Results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Perubahan:
    kolom: str
    lama: str
    baru: str


@dataclass
class BarisRencana:
    """What importing one row does."""

    nomor: int
    satker: str  # "18.03 KPU Kabupaten Lampung Utara"
    tahun: int
    jenis: str
    sasaran: str  # "1"
    indikator: str  # "1.2 Persentase …"
    status: str = TETAP
    perubahan: list[Perubahan] = field(default_factory=list)


@dataclass
class HasilImporPK:
    baris: list[BarisRencana] = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    dibaca: int = 0
    diterapkan: bool = False

    @property
    def ok(self) -> bool:
        return not self.galat

    def jumlah(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def per_status(self) -> dict[str, int]:
        return {s: self.jumlah(s) for s in STATUS}

    @property
    def ada_perubahan(self) -> bool:
        return any(b.status != TETAP for b in self.baris)

    @property
    def sidik(self) -> str:
        """A fingerprint of the plan: applying checks it is still the plan that was previewed."""
        h = hashlib.sha256()
        for b in self.baris:
            h.update(
                repr((b.nomor, b.status, [tuple(vars(p).values()) for p in b.perubahan])).encode()
            )
        for c in self.catatan:
            h.update(c.encode())
        return h.hexdigest()[:32]


# --- Reading a row --------------------------------------------------------------------------


@dataclass
class _Baris:
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


class _Galat(Exception):
    def __init__(self, kolom: str, pesan: str):
        super().__init__(pesan)
        self.kolom, self.pesan = kolom, pesan


def _teks_wajib(isi, kolom, panjang=PANJANG_TEKS) -> str:
    teks = " ".join(xlsx.teks(isi.get(kolom)).split())
    if not teks:
        raise _Galat(kolom, f"{kolom} wajib diisi.")
    if len(teks) > panjang:
        raise _Galat(kolom, f"{kolom} paling panjang {panjang} karakter.")
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
        raise _Galat(kolom, f"{kolom} wajib diisi.")
    if isinstance(nilai, bool) or not re.fullmatch(r"\d{1,4}", teks):
        raise _Galat(kolom, f"{kolom} harus bilangan bulat (tertulis “{teks[:30]}”).")
    angka = int(teks)
    if not minimum <= angka <= maksimum:
        raise _Galat(kolom, f"{kolom} harus antara {minimum} dan {maksimum}.")
    return angka


def _pilihan(isi, kolom, pilihan: dict):
    teks = " ".join(xlsx.teks(isi.get(kolom)).casefold().split())
    if not teks:
        return None
    teks = teks.replace(" / ", "/").replace("ya-tidak", "ya/tidak")
    if teks not in pilihan:
        boleh = ", ".join(dict.fromkeys(k for k in pilihan if k not in ("kpu", "kpu (lembaga)")))
        raise _Galat(kolom, f"{kolom} harus salah satu dari: {boleh} (tertulis “{teks[:30]}”).")
    return pilihan[teks]


class _Pembaca:
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
            raise _Galat(K_SATKER, f"Satker dengan kode “{kode[:20]}” tidak dikenal.")
        if self.satker_boleh is not None and not self.satker_boleh(satker):
            raise _Galat(K_SATKER, f"Anda tidak berwenang mengubah PK {satker.nama}.")
        return satker

    def skala(self, kode: str) -> SkalaNilai:
        if kode not in self._skala:
            self._skala[kode] = (
                SkalaNilai.objects.filter(kode=kode).prefetch_related("nilai").first()
            )
        skala = self._skala[kode]
        if skala is None:
            raise _Galat(JENIS_NILAI, f"Skala nilai “{kode}” belum tersedia; hubungi admin.")
        return skala

    def baca(self, nomor: int, isi: dict) -> _Baris:
        galat = []

        def ambil(fungsi, *args, **kwargs):
            try:
                return fungsi(*args, **kwargs)
            except _Galat as exc:
                galat.append(exc)
                return None

        kode = _kode_satker(isi.get(K_SATKER))
        satker = ambil(self.satker, kode) if kode else ambil(_teks_wajib, isi, K_SATKER)
        tahun = ambil(_bilangan, isi, TAHUN, minimum=2000, maksimum=2100)
        jenis = ambil(_pilihan, isi, JENIS_PK, _JENIS_PK)
        if jenis is None and not any(g.kolom == JENIS_PK for g in galat):
            galat.append(_Galat(JENIS_PK, f"{JENIS_PK} wajib diisi: lembaga atau sekretariat."))
        no_sasaran = ambil(_bilangan, isi, NO_SASARAN, minimum=1, maksimum=999)
        sasaran = ambil(_teks_wajib, isi, SASARAN)
        indikator = ambil(_teks_wajib, isi, INDIKATOR)
        satuan = ambil(_teks_wajib, isi, SATUAN, 50)
        kode_indikator = xlsx.teks(isi.get(KODE_INDIKATOR))
        if len(kode_indikator) > 20:
            galat.append(_Galat(KODE_INDIKATOR, f"{KODE_INDIKATOR} paling panjang 20 karakter."))
        jenis_nilai = ambil(_pilihan, isi, JENIS_NILAI, _JENIS_NILAI)
        polaritas = ambil(_pilihan, isi, POLARITAS, _POLARITAS)
        rumus = ambil(_pilihan, isi, RUMUS_NEGATIF, _RUMUS)
        agregasi = ambil(_pilihan, isi, AGREGASI, _AGREGASI)
        skala = None
        if jenis_nilai and jenis_nilai[1]:
            skala = ambil(self.skala, jenis_nilai[1])
        if galat:
            raise _GalatBaris([GalatBaris(nomor, g.kolom, g.pesan) for g in galat])
        ada = {k for k, v in isi.items() if not xlsx.kosong(v)}
        return _Baris(
            nomor=nomor,
            satker=satker,
            tahun=tahun,
            jenis=jenis,
            no_sasaran=no_sasaran,
            sasaran=sasaran,
            kode_indikator=kode_indikator,
            indikator=indikator,
            satuan=satuan,
            ada=ada,
            jenis_nilai=jenis_nilai[0] if jenis_nilai else None,
            skala=skala,
            polaritas=polaritas,
            rumus_negatif=rumus,
            agregasi=agregasi,
            mentah=isi,
        )


class _GalatBaris(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def _nilai(indikator: Indikator, nilai, kolom: str) -> tuple[Decimal | None, str] | None:
    """A target or realisasi cell read for `indikator` (saved or not) by the PK pages' own rules
    (services_pk.baca_nilai): None when empty, else the (angka, predikat) pair. Excel numbers are
    taken as they are; text is read the Indonesian way ("66,23", "0,16 %", "1.250"); grades are
    the scale's codes; yes/no is ya/tidak. Amounts the database cannot hold are refused here, so
    that the preview shows them."""
    if xlsx.kosong(nilai):
        return None
    if isinstance(nilai, float):
        nilai = Decimal(repr(nilai))
    elif isinstance(nilai, int) and not isinstance(nilai, bool):
        nilai = Decimal(nilai)
    if indikator.jenis_nilai != JenisNilai.ANGKA and not isinstance(nilai, bool):
        nilai = xlsx.teks(nilai)  # a grade or ya/tidak typed as a number: read as its text
    elif not isinstance(nilai, str | Decimal | bool):
        nilai = xlsx.teks(nilai)  # a date or time cell: refused as text that is no number
    try:
        angka, predikat = baca_nilai(indikator, nilai)
    except ValidationError as exc:
        raise _Galat(kolom, f"{kolom}: {' '.join(exc.messages)}") from exc
    if angka is not None and angka >= ANGKA_MAKS:
        raise _Galat(kolom, f"{kolom} terlalu besar.")
    if angka is not None and angka != angka.quantize(Decimal("0.0001")):
        raise _Galat(kolom, f"{kolom} paling banyak empat angka di belakang koma.")
    return angka, predikat


def _target_kegiatan(nilai) -> tuple[Decimal, str] | None:
    """ "5", 5 or "5 orang": the number and, when written, its unit."""
    if xlsx.kosong(nilai):
        return None
    if isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
        angka = Decimal(repr(nilai)) if isinstance(nilai, float) else Decimal(nilai)
        satuan = ""
    else:
        cocok = re.fullmatch(r"\s*([\d.,]+)\s*(.*?)\s*", xlsx.teks(nilai))
        if not cocok:
            raise _Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN} harus angka, misalnya 5 orang.")
        try:
            angka = baca_angka(cocok.group(1))
        except NilaiTidakValid as exc:
            raise _Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN}: {exc}") from exc
        satuan = cocok.group(2)[:50]
    if not angka.is_finite() or angka < 0 or angka >= ANGKA_MAKS:
        raise _Galat(TARGET_KEGIATAN, f"{TARGET_KEGIATAN} harus angka 0 atau lebih.")
    return angka, satuan


# --- Planning -------------------------------------------------------------------------------


@dataclass
class _Item:
    """The plan for one row: the objects it touches (unsaved when new) and their new values."""

    baris: _Baris
    rencana: BarisRencana
    indikator: Indikator
    item: ItemPK | None
    sasaran: Sasaran | None
    target: tuple[Decimal | None, str] | None = None
    target_kegiatan: tuple[Decimal, str] | None = None
    target_tw: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)
    realisasi_tw: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)
    ubah_indikator: bool = False
    ubah_item: bool = False
    item_baru: bool = False  # the item is created by this import


@dataclass
class _Kelompok:
    """One satker-year-kind of the workbook."""

    satker: Satker
    tahun: int
    jenis: str
    pk: PerjanjianKinerja | None
    renstra: Renstra | None
    sasaran: dict[int, Sasaran]
    sasaran_teks: dict[int, tuple[str, int]] = field(default_factory=dict)
    item: list[_Item] = field(default_factory=list)
    # Lookups built once, so that planning stays linear in the number of rows.
    indikator_kode: dict[str, Indikator] = field(default_factory=dict)
    indikator_nama: dict[tuple[int, str], Indikator] = field(default_factory=dict)
    item_indikator: dict[int, ItemPK] = field(default_factory=dict)
    terpakai: dict[object, int] = field(default_factory=dict)  # indicator key → first row

    def __post_init__(self):
        for s in self.sasaran.values():
            for ind in s.indikator.all():
                self.indikator_kode.setdefault(ind.kode, ind)
                self.indikator_nama.setdefault((s.nomor, _normal(ind.nama)), ind)
        if self.pk is not None:
            self.item_indikator = {i.indikator_id: i for i in self.pk.item.all()}


def _tampil(indikator: Indikator, pasangan) -> str:
    if pasangan is None:
        return ""
    return teks_nilai(indikator, *pasangan)


def rencanakan(berkas, *, satker_boleh: Callable[[Satker], bool] | None = None) -> HasilImporPK:
    """Read a PK workbook and work out what importing it would change, writing nothing.
    `satker_boleh(satker)` says whether the user may change that satker's PKs (None: any).
    Never raises for a bad file."""
    hasil, _ = _rencanakan(berkas, satker_boleh)
    return hasil


def _rencanakan(berkas, satker_boleh) -> tuple[HasilImporPK, list[_Kelompok]]:
    hasil = HasilImporPK()
    try:
        lembar = xlsx.baca_lembar(
            berkas,
            nama_lembar=NAMA_LEMBAR,
            kolom=KOLOM,
            wajib=KOLOM_WAJIB,
            batas_baris=BATAS_BARIS,
        )
    except xlsx.GalatBuku as exc:
        hasil.galat.append(GalatBaris(0, "", str(exc)))
        return hasil, []
    hasil.catatan.extend(lembar.catatan)
    hasil.dibaca = len(lembar.baris)
    pembaca = _Pembaca(satker_boleh)
    kelompok: dict[tuple, _Kelompok] = {}
    for nomor, isi in lembar.baris:
        rumus = [k for (n, k) in lembar.rumus if n == nomor]
        if rumus:
            hasil.galat.extend(GalatBaris(nomor, k, f"{k} {xlsx.PESAN_RUMUS}.") for k in rumus)
            continue
        try:
            baris = pembaca.baca(nomor, isi)
        except _GalatBaris as exc:
            hasil.galat.extend(exc.galat)
            continue
        kunci = (baris.satker.id, baris.tahun, baris.jenis)
        if kunci not in kelompok:
            try:
                kelompok[kunci] = _kelompok(baris)
            except DataTerkunci as exc:
                hasil.galat.append(GalatBaris(nomor, "", " ".join(exc.messages)))
                continue
        try:
            _rencanakan_baris(kelompok[kunci], baris, hasil)
        except _Galat as exc:
            hasil.galat.append(GalatBaris(nomor, exc.kolom, exc.pesan))
        except _GalatBaris as exc:
            hasil.galat.extend(exc.galat)
    for k in kelompok.values():
        if k.pk is None and k.item:
            hasil.catatan.append(
                f"Perjanjian Kinerja {JenisPK(k.jenis).label} {k.satker.nama} tahun {k.tahun} "
                "belum ada: PK dibuat oleh impor ini. Lengkapi penandatangannya di halaman PK."
            )
    hasil.galat.sort(key=lambda g: (g.baris, KOLOM.index(g.kolom) if g.kolom in KOLOM else -1))
    return hasil, list(kelompok.values())


def _kelompok(baris: _Baris) -> _Kelompok:
    satker, tahun, jenis = baris.satker, baris.tahun, baris.jenis
    periksa_data_terbuka(satker, tahun, jenis)
    pk = (
        PerjanjianKinerja.objects.with_items()
        .filter(satker=satker, tahun=tahun, jenis=jenis)
        .terkini()
        .first()
    )
    renstra = pk.renstra if pk else renstra_satker(satker, tahun)
    sasaran = {}
    if renstra is not None:
        sasaran = {
            s.nomor: s
            for s in renstra.sasaran.prefetch_related(
                "indikator__skala_nilai__nilai", "indikator__sasaran"
            )
        }
    return _Kelompok(satker, tahun, jenis, pk, renstra, sasaran)


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _cari_indikator(k: _Kelompok, baris: _Baris) -> Indikator | None:
    if baris.kode_indikator:
        ind = k.indikator_kode.get(baris.kode_indikator)
        if ind is not None and ind.sasaran.nomor != baris.no_sasaran:
            raise _Galat(
                KODE_INDIKATOR,
                f"Indikator {ind.kode} termasuk sasaran {ind.sasaran.nomor}, bukan sasaran "
                f"{baris.no_sasaran}.",
            )
        return ind
    return k.indikator_nama.get((baris.no_sasaran, _normal(baris.indikator)))


def _rencanakan_baris(k: _Kelompok, baris: _Baris, hasil: HasilImporPK) -> None:
    # One text per sasaran number within the file.
    pertama = k.sasaran_teks.setdefault(baris.no_sasaran, (baris.sasaran, baris.nomor))
    if pertama[0] != baris.sasaran:
        raise _Galat(
            SASARAN,
            f"Sasaran {baris.no_sasaran} sudah bertuliskan lain di baris {pertama[1]}; satu nomor "
            "sasaran hanya boleh satu teks.",
        )
    ada = _cari_indikator(k, baris)
    kunci = (
        ada.id
        if ada is not None
        else (baris.no_sasaran, baris.kode_indikator or _normal(baris.indikator))
    )
    if kunci in k.terpakai:
        raise _Galat(INDIKATOR, f"Indikator ini sudah ada di baris {k.terpakai[kunci]}.")
    k.terpakai[kunci] = baris.nomor
    rencana = BarisRencana(
        nomor=baris.nomor,
        satker=f"{k.satker.kode} {k.satker.nama}",
        tahun=k.tahun,
        jenis=JenisPK(k.jenis).label,
        sasaran=str(baris.no_sasaran),
        indikator=baris.indikator,
    )
    ubah = rencana.perubahan
    sasaran = k.sasaran.get(baris.no_sasaran)
    if sasaran is not None and " ".join(sasaran.teks.split()) != baris.sasaran:
        ubah.append(Perubahan(SASARAN, sasaran.teks, baris.sasaran))
    elif sasaran is None and pertama[1] == baris.nomor:
        ubah.append(Perubahan(SASARAN, "", baris.sasaran))  # a new sasaran, on its first row

    # The indicator: its definition from the row, over the stored one.
    if ada is None:
        indikator = Indikator(
            sasaran=sasaran,
            kode=baris.kode_indikator,
            nama=baris.indikator,
            satuan=baris.satuan,
            jenis_nilai=baris.jenis_nilai or JenisNilai.ANGKA,
            skala_nilai=baris.skala,
            polaritas=baris.polaritas or Polaritas.POSITIF,
            rumus_negatif=baris.rumus_negatif or RumusNegatif.SELISIH,
            agregasi=baris.agregasi or Agregasi.NILAI_AKHIR,
        )
        rencana.status = BARU
        # What the new indicator will be, so that the preview can be checked against the PK.
        ubah.append(Perubahan(SATUAN, "", baris.satuan))
        for kolom, nilai, pilihan in (
            (JENIS_NILAI, baris.jenis_nilai, JenisNilai),
            (POLARITAS, baris.polaritas, Polaritas),
            (RUMUS_NEGATIF, baris.rumus_negatif, RumusNegatif),
            (AGREGASI, baris.agregasi, Agregasi),
        ):
            if nilai is not None:
                ubah.append(Perubahan(kolom, "", pilihan(nilai).label))
    else:
        indikator = ada
        for kolom, attr, baru, label in (
            (INDIKATOR, "nama", baris.indikator, None),
            (SATUAN, "satuan", baris.satuan, None),
            (JENIS_NILAI, "jenis_nilai", baris.jenis_nilai, JenisNilai),
            (POLARITAS, "polaritas", baris.polaritas, Polaritas),
            (RUMUS_NEGATIF, "rumus_negatif", baris.rumus_negatif, RumusNegatif),
            (AGREGASI, "agregasi", baris.agregasi, Agregasi),
        ):
            lama = getattr(indikator, attr)
            if baru is None or " ".join(str(lama).split()) == baru:
                continue
            tampil = (lambda v, label=label: label(v).label) if label else str
            ubah.append(Perubahan(kolom, tampil(lama), tampil(baru)))
            setattr(indikator, attr, baru)
        if baris.jenis_nilai is not None:
            skala_baru = baris.skala if baris.jenis_nilai == JenisNilai.PREDIKAT else None
            if (skala_baru.id if skala_baru else None) != indikator.skala_nilai_id:
                if not any(p.kolom == JENIS_NILAI for p in ubah):
                    ubah.append(Perubahan(JENIS_NILAI, str(indikator.skala_nilai), str(skala_baru)))
                indikator.skala_nilai = skala_baru
    rencana.indikator = f"{indikator.kode} {baris.indikator}" if indikator.kode else baris.indikator
    if indikator.jenis_nilai == JenisNilai.PREDIKAT and indikator.skala_nilai is None:
        raise _Galat(JENIS_NILAI, "Indikator predikat memerlukan skala: isi Jenis Nilai.")
    ubah_indikator = any(p.kolom != SASARAN for p in ubah)

    item = k.item_indikator.get(ada.id) if ada is not None else None
    rencana_item = _Item(baris, rencana, indikator, item, sasaran, ubah_indikator=ubah_indikator)
    isi = baris.mentah

    galat = []

    def baca(kolom):
        try:
            return _nilai(indikator, isi.get(kolom), kolom)
        except _Galat as exc:
            galat.append(exc)
            return None

    target = baca(TARGET)
    if target is None and not any(g.kolom == TARGET for g in galat):
        galat.append(_Galat(TARGET, f"{TARGET} wajib diisi."))
    target_tw = {tw: baca(kolom) for tw, kolom in TARGET_TW.items()}
    realisasi_tw = {tw: baca(kolom) for tw, kolom in REALISASI_TW.items()}
    tahunan = baca(REALISASI)
    try:
        kegiatan = _target_kegiatan(isi.get(TARGET_KEGIATAN))
    except _Galat as exc:
        galat.append(exc)
        kegiatan = None
    if galat:
        raise _GalatBaris([GalatBaris(baris.nomor, g.kolom, g.pesan) for g in galat])
    if tahunan is not None:
        _cocokkan_tahunan(indikator, realisasi_tw, tahunan)

    # Targets and realisasi: only cells with a value count; compare with what is stored.
    lama_target = (item.target, item.target_predikat) if item else None
    if target != lama_target:
        ubah.append(Perubahan(TARGET, _tampil(indikator, lama_target), _tampil(indikator, target)))
        rencana_item.target = target
    if kegiatan is not None:
        lama = (item.target_kegiatan, item.satuan_kegiatan) if item else (None, "")
        baru = (kegiatan[0], kegiatan[1] or lama[1])
        if lama[0] is None or (lama[0], lama[1]) != baru:
            ubah.append(
                Perubahan(
                    TARGET_KEGIATAN,
                    _teks_kegiatan(*lama),
                    _teks_kegiatan(*baru),
                )
            )
            rencana_item.target_kegiatan = baru
    simpan_tw = {t.triwulan: t for t in item.target_triwulan.all()} if item else {}
    for tw, nilai in target_tw.items():
        if nilai is None:
            continue
        t = simpan_tw.get(tw)
        lama = (t.target, t.target_predikat) if t else None
        if lama != nilai:
            ubah.append(
                Perubahan(TARGET_TW[tw], _tampil(indikator, lama), _tampil(indikator, nilai))
            )
            rencana_item.target_tw[tw] = nilai
    if tahunan is not None and not any(v is not None for v in realisasi_tw.values()):
        realisasi_tw[4] = tahunan
    simpan_r = {r.triwulan: r for r in item.realisasi.all()} if item else {}
    for tw, nilai in realisasi_tw.items():
        if nilai is None:
            continue
        r = simpan_r.get(tw)
        lama = (r.nilai, r.nilai_predikat) if r else None
        if lama != nilai:
            kolom = REALISASI_TW[tw]
            ubah.append(Perubahan(kolom, _tampil(indikator, lama), _tampil(indikator, nilai)))
            rencana_item.realisasi_tw[tw] = nilai
    rencana_item.ubah_item = item is None or any(
        p.kolom in (TARGET, TARGET_KEGIATAN, *TARGET_TW.values()) for p in ubah
    )
    if rencana.status != BARU:
        if item is None:
            rencana.status = BARU  # an indicator of the Renstra that enters the PK
        elif ubah:
            rencana.status = BERUBAH
    k.item.append(rencana_item)
    hasil.baris.append(rencana)


def _teks_kegiatan(angka, satuan) -> str:
    if angka is None:
        return ""
    return f"{tulis_angka_ringkas(angka)} {satuan}".strip()


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
        tampil = _tampil(indikator, (hitung, ""))
    else:
        terakhir = terisi[max(terisi)]
        cocok = terakhir == tahunan
        tampil = _tampil(indikator, terakhir)
    if not cocok:
        raise _Galat(
            REALISASI,
            f"Realisasi tahunan {_tampil(indikator, tahunan)} tidak sama dengan hasil agregasi "
            f"realisasi triwulan ({tampil}); kosongkan salah satunya.",
        )


# --- Writing --------------------------------------------------------------------------------


class _Batal(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def impor_pk(
    berkas, *, user=None, satker_boleh: Callable[[Satker], bool] | None = None, sidik: str = ""
) -> HasilImporPK:
    """Import a PK workbook: every row, in one transaction, or nothing. When `sidik` is given
    and the plan differs from the one previewed (the data changed meanwhile), nothing is
    written and the new plan is returned with diterapkan False."""
    try:
        with transaction.atomic():
            hasil, kelompok = _rencanakan(berkas, satker_boleh)
            if not hasil.ok or (sidik and sidik != hasil.sidik):
                return hasil
            for k in kelompok:
                _tulis_kelompok(k, user)
    except _Batal as exc:
        hasil.galat.extend(exc.galat)
        return hasil
    except DataTerkunci as exc:
        hasil.galat.append(GalatBaris(0, "", " ".join(exc.messages)))
        return hasil
    except (ValidationError, IntegrityError) as exc:
        # Another write got in between the plan and this one (the same PK created twice, a
        # policy missing): nothing was written, and the user may simply import again.
        pesan = " ".join(exc.messages) if isinstance(exc, ValidationError) else ""
        hasil.galat.append(
            GalatBaris(
                0,
                "",
                pesan
                or "Data berubah selama impor; tidak ada yang disimpan. Unggah berkasnya lagi.",
            )
        )
        return hasil
    hasil.diterapkan = True
    return hasil


def _simpan(obj, nomor: int):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise _Batal([GalatBaris(nomor, "", p) for p in pesan_galat(exc)]) from exc
    obj.save()
    return obj


def _tulis_kelompok(k: _Kelompok, user) -> None:
    if not any(i.rencana.status != TETAP or i.rencana.perubahan for i in k.item):
        return
    periksa_data_terbuka(k.satker, k.tahun, k.jenis)
    nomor_awal = k.item[0].baris.nomor
    renstra = k.renstra or _renstra_baru(k.satker, k.tahun, nomor_awal)
    pk = k.pk or _pk_baru(k, renstra, nomor_awal)
    # Sasaran: new ones created, changed texts written.
    for no, (teks, nomor) in k.sasaran_teks.items():
        sasaran = k.sasaran.get(no)
        if sasaran is None:
            k.sasaran[no] = _simpan(Sasaran(renstra=renstra, nomor=no, teks=teks), nomor)
        elif " ".join(sasaran.teks.split()) != teks:
            sasaran.teks = teks
            _simpan(sasaran, nomor)
    kode_terpakai = set(
        Indikator.objects.filter(sasaran__renstra=renstra).values_list("kode", flat=True)
    )
    baru = []
    for urutan, rencana in enumerate(k.item, start=1):
        nomor = rencana.baris.nomor
        indikator = rencana.indikator
        if indikator.id is None:
            indikator.sasaran = k.sasaran[rencana.baris.no_sasaran]
            if not indikator.kode or indikator.kode in kode_terpakai:
                indikator.kode = kode_indikator_berikut(indikator.sasaran.nomor, kode_terpakai)
            kode_terpakai.add(indikator.kode)
            if indikator.jenis_nilai != JenisNilai.PREDIKAT:
                indikator.skala_nilai = None
            _simpan(indikator, nomor)
        elif rencana.ubah_indikator:
            _simpan(indikator, nomor)
        item = rencana.item
        if item is None:
            # A new PK takes the workbook's order; in an existing one, new items are placed
            # after their sasaran's below.
            item = ItemPK(pk_induk=pk, indikator=indikator, urutan=urutan if k.pk is None else 0)
            baru.append(item)
            rencana.item_baru = True
        if rencana.ubah_item:
            if rencana.target is not None:
                item.target, item.target_predikat = rencana.target
            if rencana.target_kegiatan is not None:
                item.target_kegiatan, item.satuan_kegiatan = rencana.target_kegiatan
            item.indikator = indikator
            _simpan(item, nomor)
            # An existing item's quarterly targets came with its PK (with_items); a new has none.
            simpan_tw = (
                {} if rencana.item_baru else {t.triwulan: t for t in item.target_triwulan.all()}
            )
            for tw, (angka, predikat) in rencana.target_tw.items():
                t = simpan_tw.get(tw) or TargetTriwulan(item=item, triwulan=tw)
                t.target, t.target_predikat = angka, predikat
                _simpan(t, nomor)
        rencana.item = item
    if baru and k.pk is not None:
        sisipkan_item(pk, baru)
    _tulis_realisasi(k, pk, user)


def _tulis_realisasi(k: _Kelompok, pk: PerjanjianKinerja, user) -> None:
    """Realisasi of items this import creates are inserted at once (no one else can have
    written them: the items did not exist); the others go through the quarter page's service,
    one quarter at a time, with its row locks and versions, keeping their narratives."""
    _realisasi_item_baru([r for r in k.item if r.item_baru], user)
    for tw in capaian.TRIWULAN:
        daftar = [r for r in k.item if tw in r.realisasi_tw and not r.item_baru]
        if not daftar:
            continue
        lama = {
            r.item_id: r
            for r in Realisasi.objects.filter(item__in=[d.item for d in daftar], triwulan=tw)
        }
        masukan, per_item = [], {}
        for rencana in daftar:
            item = rencana.item
            sekarang = lama.get(item.id)
            masukan.append(
                BarisMasukan(
                    item_id=item.id,
                    nilai=teks_nilai(rencana.indikator, *rencana.realisasi_tw[tw]),
                    versi=sekarang.versi if sekarang else 0,
                    **{n: getattr(sekarang, n) if sekarang else "" for n in NARASI},
                )
            )
            per_item[item.id] = rencana.baris.nomor
        pk = PerjanjianKinerja.objects.get(id=pk.id)  # its items as now written
        hasil = realisasi_simpan_triwulan(pk=pk, triwulan=tw, baris=masukan, user=user)
        if not hasil.disimpan:
            galat = [
                GalatBaris(per_item[b.item.id], REALISASI_TW[tw], pesan)
                for b in hasil.baris
                for pesan in b.galat or (["Diubah pengguna lain; muat ulang."] if b.konflik else [])
            ]
            raise _Batal(galat or [GalatBaris(0, "", "Realisasi tidak dapat disimpan.")])


def _realisasi_item_baru(daftar: list[_Item], user) -> None:
    """Checked by the model's own rules (clean: the value fits the indicator), written in bulk
    with their history rows (django-simple-history's bulk_create_with_history)."""
    objek = []
    for rencana in daftar:
        for tw, (angka, predikat) in sorted(rencana.realisasi_tw.items()):
            r = Realisasi(
                item=rencana.item,
                triwulan=tw,
                nilai=angka,
                nilai_predikat=predikat,
                diisi_oleh=user,
            )
            try:
                # The item was just created and the quarter is 1–4: the foreign keys, the
                # uniqueness and the check constraints need no query.
                r.full_clean(
                    exclude=["item", "diisi_oleh"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                raise _Batal(
                    [GalatBaris(rencana.baris.nomor, REALISASI_TW[tw], p) for p in pesan_galat(exc)]
                ) from exc
            objek.append(r)
    if objek:
        bulk_create_with_history(objek, Realisasi, batch_size=500, default_user=user)


def _renstra_baru(satker: Satker, tahun: int, nomor: int) -> Renstra:
    """A Renstra of the satker's own for sasaran the workbook brings: the national period and
    vision when there is a national Renstra for the year (without its sasaran), else the year."""
    nasional = renstra_nasional(tahun)
    if nasional is not None and nasional.satker_id != satker.id:
        renstra = renstra_mengacu(satker, nasional)
    else:
        renstra = Renstra(
            satker=satker,
            tahun_mulai=tahun,
            tahun_selesai=tahun,
            nama=f"Rencana Strategis {satker.nama} {tahun}",
        )
    return _simpan(renstra, nomor)


def _pk_baru(k: _Kelompok, renstra: Renstra, nomor: int) -> PerjanjianKinerja:
    """A PK created by the import: the signatory's office is known from the kind, the name is
    left for the PK page (the report prints dotted lines until it is filled)."""
    jabatan = "Ketua" if k.jenis == JenisPK.LEMBAGA else "Sekretaris"
    pk = PerjanjianKinerja(
        satker=k.satker,
        tahun=k.tahun,
        jenis=k.jenis,
        revisi=0,
        renstra=renstra,
        tempat_ttd=k.satker.kota_ttd,
        pihak_pertama_jabatan=f"{jabatan} {k.satker.nama}",
    )
    pk = _simpan(pk, nomor)
    kebijakan_pastikan(satker=k.satker, tahun=k.tahun)
    return pk


# --- The template ---------------------------------------------------------------------------


def templat_xlsx(satker: Satker | None = None, tahun: int | None = None) -> bytes:
    """The PK workbook: headers, the satker-year's PKs in force when there are any (every
    indicator with its targets and realisasi), and a sheet of instructions."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = NAMA_LEMBAR
    xlsx.tulis_judul(lembar, [(k, LEBAR_KOLOM.get(k, 11)) for k in KOLOM], bungkus=True)
    posisi = {k: i for i, k in enumerate(KOLOM, start=1)}
    nomor = 2
    if satker is not None and tahun is not None:
        pk_list = (
            PerjanjianKinerja.objects.with_items()
            .for_satker_tahun(satker, tahun)
            .terkini()
            .order_by("jenis")
        )
        for pk in pk_list:
            for item in pk.item.all():
                for kolom, nilai in _baris_templat(pk, item).items():
                    sel = lembar.cell(row=nomor, column=posisi[kolom])
                    if isinstance(nilai, Decimal | int):
                        sel.value = nilai
                        sel.number_format = "0" if kolom in (TAHUN, NO_SASARAN) else "#,##0.####"
                    else:
                        xlsx.tulis_teks(sel, nilai)
                        sel.number_format = "@"
                nomor += 1
    for kolom in (K_SATKER, KODE_INDIKATOR):
        lembar.column_dimensions[get_column_letter(posisi[kolom])].number_format = "@"
    for kolom, pilihan in (
        (JENIS_PK, "lembaga,sekretariat"),
        (JENIS_NILAI, "angka,predikat,opini,ya/tidak"),
        (POLARITAS, "positif,negatif"),
        (RUMUS_NEGATIF, "selisih,rasio"),
        (AGREGASI, "kumulatif,nilai akhir,rata-rata"),
    ):
        huruf = get_column_letter(posisi[kolom])
        validasi = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
        validasi.error = f"Pilih salah satu: {pilihan.replace(',', ', ')}."
        validasi.add(f"{huruf}2:{huruf}{BATAS_BARIS + 1}")
        lembar.add_data_validation(validasi)
    _petunjuk(buku.create_sheet(NAMA_LEMBAR_PETUNJUK))
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _nilai_sel(indikator: Indikator, angka, predikat):
    """A value as the import reads it back: numbers as numbers, grades and ya/tidak as text."""
    if predikat or indikator.jenis_nilai != JenisNilai.ANGKA:
        return teks_nilai(indikator, angka, predikat)
    return xlsx.angka_sel(angka)


def _baris_templat(pk: PerjanjianKinerja, item: ItemPK) -> dict:
    ind = item.indikator
    if ind.jenis_nilai == JenisNilai.PREDIKAT:
        jenis_nilai = (
            "opini" if ind.skala_nilai and ind.skala_nilai.kode == "opini-bpk" else "predikat"
        )
    else:
        jenis_nilai = {JenisNilai.ANGKA: "angka", JenisNilai.YA_TIDAK: "ya/tidak"}[ind.jenis_nilai]
    baris = {
        K_SATKER: pk.satker.kode,
        TAHUN: pk.tahun,
        JENIS_PK: pk.jenis,
        NO_SASARAN: ind.sasaran.nomor,
        SASARAN: ind.sasaran.teks,
        KODE_INDIKATOR: ind.kode,
        INDIKATOR: ind.nama,
        SATUAN: ind.satuan,
        JENIS_NILAI: jenis_nilai,
        POLARITAS: ind.polaritas,
        RUMUS_NEGATIF: ind.rumus_negatif,
        AGREGASI: {v: k for k, v in _AGREGASI.items()}[ind.agregasi],
        TARGET: _nilai_sel(ind, item.target, item.target_predikat),
        TARGET_KEGIATAN: _teks_kegiatan(item.target_kegiatan, item.satuan_kegiatan),
    }
    for t in item.target_triwulan.all():
        baris[TARGET_TW[t.triwulan]] = _nilai_sel(ind, t.target, t.target_predikat)
    for r in item.realisasi.all():
        baris[REALISASI_TW[r.triwulan]] = _nilai_sel(ind, r.nilai, r.nilai_predikat)
    return {k: v for k, v in baris.items() if v is not None and v != ""}


def _petunjuk(lembar) -> None:
    wajib = "wajib"
    baris = [
        ("Petunjuk pengisian Perjanjian Kinerja", ""),
        ("", ""),
        (
            "Cara mengisi",
            f"Isi lembar “{NAMA_LEMBAR}”: satu baris untuk setiap indikator. Judul kolom ada di "
            "baris 1 (urutan bebas, huruf besar/kecil tidak berpengaruh, kolom lain diabaikan). "
            "Satu berkas boleh memuat beberapa satker, tahun dan jenis PK. Baris kosong "
            f"dilewati; paling banyak {xlsx._ribuan(BATAS_BARIS)} baris, ukuran berkas paling "
            f"besar {xlsx.BATAS_BYTE // (1024 * 1024)} MB. Sel yang dikosongkan tidak mengubah "
            "apa pun: target triwulan dan realisasi yang sudah tersimpan tidak dihapus oleh sel "
            "kosong (hapus lewat halaman PK atau halaman realisasi). Indikator yang tidak ada di "
            "berkas tidak dihapus dari PK.",
        ),
        ("", ""),
        ("Kolom", "Keterangan"),
        (K_SATKER, f"{wajib}; kode wilayah satker, contoh 18.03 (tulis sebagai teks)"),
        (TAHUN, f"{wajib}; tahun PK, contoh 2023"),
        (JENIS_PK, f"{wajib}; lembaga atau sekretariat"),
        (NO_SASARAN, f"{wajib}; nomor sasaran strategis, contoh 1"),
        (SASARAN, f"{wajib}; teks sasaran; satu nomor sasaran satu teks"),
        (
            KODE_INDIKATOR,
            "boleh kosong; kode indikator pada Renstra (contoh 1.2). Bila diisi, indikator dicari "
            "menurut kodenya, sehingga namanya boleh diubah; bila kosong, menurut namanya",
        ),
        (INDIKATOR, f"{wajib}; nama indikator kinerja"),
        (SATUAN, f"{wajib}; contoh %, dokumen, orang, predikat"),
        (JENIS_NILAI, "angka (bawaan), predikat (AA–D), opini (WTP, WDP, TW, TMP) atau ya/tidak"),
        (POLARITAS, "positif (bawaan; makin tinggi makin baik) atau negatif"),
        (RUMUS_NEGATIF, "untuk polaritas negatif: selisih (bawaan) atau rasio"),
        (AGREGASI, "kumulatif, nilai akhir (bawaan) atau rata-rata realisasi triwulan"),
        (
            TARGET,
            f"{wajib}; target tahunan. Angka boleh angka Excel atau teks seperti 66,23 atau "
            "0,16 % atau 1.250 (titik pemisah ribuan, koma desimal); predikat dengan kodenya "
            "(mis. BB); ya/tidak dengan ya atau tidak",
        ),
        (TARGET_KEGIATAN, "boleh kosong; contoh 5 atau 5 orang"),
        ("Target TW I … IV", "boleh kosong; target per triwulan, aturan nilai sama dengan Target"),
        ("Realisasi TW I … IV", "boleh kosong; realisasi per triwulan"),
        (
            REALISASI,
            "boleh kosong; realisasi tahun ini bila realisasi triwulan tidak diisi (dicatat "
            "sebagai realisasi TW IV). Bila triwulan diisi, harus sama dengan hasil agregasinya",
        ),
        ("", ""),
        (
            "Catatan",
            "Sebelum disimpan, aplikasi menampilkan pratinjau: indikator baru, sel yang berubah "
            "dan yang tetap, serta setiap kesalahan beserta baris dan kolomnya. Impor disimpan "
            "seluruhnya atau tidak sama sekali. Bila berisi rumus, nilai hasil rumus yang "
            "tersimpan yang dibaca; simpan berkas di Excel sebelum diunggah. Jangan gabungkan "
            "sel (merge).",
        ),
    ]
    xlsx.tulis_petunjuk(lembar, baris, tebal={"Kolom", "Cara mengisi", "Catatan", *KOLOM})
