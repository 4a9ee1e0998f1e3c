"""Everything a report shows, as plain objects (`DataLaporan` and the parts it holds), gathered
once from the kinerja and budget data by laporan/pengumpul.py.

The drafts (laporan/draf/), the charts (laporan/grafik.py), the HTML preview and the PDF all
read a `DataLaporan`; none of them queries the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from anggaran import serapan
from kinerja import capaian
from kinerja.models import (
    Indikator,
    ItemPK,
    JenisPK,
    PerjanjianKinerja,
    Renstra,
)
from nilai import tulis_nilai, tulis_persen

from .models import Laporan

NARASI = ("kegiatan", "penyebab", "solusi", "program_pendukung")


def tampil_nilai(indikator: Indikator, nilai) -> str:
    return tulis_nilai(nilai, indikator.satuan)


@dataclass
class RiwayatTahun:
    """An indicator's (or a sasaran's) result in an earlier year: from a PK in the application,
    or from the indicator's history entered from earlier reports (with its source)."""

    tahun: int
    realisasi: str
    capaian: Decimal | None
    target: str = ""
    sumber: str = ""

    @property
    def capaian_tampil(self) -> str:
        return tulis_persen(self.capaian)


@dataclass
class IndikatorLaporan:
    kode: str
    nama: str
    satuan: str
    jenis_nilai: str
    negatif: bool
    target: str
    target_kegiatan: str
    realisasi: str
    ada_realisasi: bool
    hasil: capaian.Capaian
    kategori: str | None
    target_renstra: dict[int, str]
    target_akhir_renstra: str | None
    capaian_thd_renstra: Decimal | None
    baseline: str | None
    standar_nasional: str | None
    capaian_thd_standar: Decimal | None
    riwayat: list[RiwayatTahun]
    # Per narrative field, the non-empty texts in quarter order, each prefixed "TW I: …".
    narasi: dict[str, list[str]]

    @property
    def capaian(self) -> Decimal | None:
        return self.hasil.nilai

    @property
    def capaian_tampil(self) -> str:
        return self.hasil.tampil


@dataclass
class SasaranLaporan:
    # The printed number: the sasaran's place in its PK (1, 2, …), as the signed PK numbers it,
    # whatever its number in the Renstra.
    nomor: int
    teks: str
    indikator: list[IndikatorLaporan]
    capaian: Decimal | None
    kategori: str | None
    riwayat: list[RiwayatTahun]
    # The budget (ROs) linked to the sasaran's indicators, and its absorption; None when no RO
    # is linked to them.
    pagu: Decimal | None = None
    realisasi_anggaran: Decimal | None = None
    penyerapan: Decimal | None = None
    anggaran_bersama: bool = False  # some linked ROs also serve another sasaran
    # Its identity in the report, stable when the PK is renumbered: the Renstra number (prefixed
    # by the PK's kind when a combined report's PKs follow different Renstras). Section keys,
    # anchors and review notes use it.
    kunci: str = ""
    jenis_pk: str = ""
    # How the text refers to it: "Sasaran 3", or "Sasaran 3 PK Sekretariat" in a combined report.
    sebutan: str = ""

    def __post_init__(self):
        self.kunci = self.kunci or str(self.nomor)
        self.sebutan = self.sebutan or f"Sasaran {self.nomor}"

    @property
    def capaian_tampil(self) -> str:
        return tulis_persen(self.capaian)

    @property
    def indeks_efisiensi(self) -> Decimal | None:
        return serapan.indeks_efisiensi(self.capaian, self.penyerapan)


@dataclass
class ProgramAnggaran:
    kode: str
    program: str
    pagu: Decimal
    realisasi: Decimal | None = None
    # (kode, nama, pagu, realisasi, penyerapan, sisa) of each kegiatan, from the DIPA budget.
    kegiatan: list["ProgramAnggaran"] = field(default_factory=list)

    @property
    def penyerapan(self) -> Decimal | None:
        return serapan.penyerapan(self.realisasi, self.pagu)

    @property
    def sisa(self) -> Decimal | None:
        return serapan.sisa(self.pagu, self.realisasi)


@dataclass
class SasaranRenstra:
    nomor: int
    teks: str
    # (kode, nama, satuan, {tahun: target})
    indikator: list[tuple[str, str, str, dict[int, str]]]


@dataclass
class PKLaporan:
    """One Perjanjian Kinerja of the report, scored: a report covers one, a combined report
    all of the satker-year's (each with its own sasaran numbering)."""

    pk: PerjanjianKinerja
    jenis: str
    nama_pemilik: str  # "KPU Kabupaten Rejang Lebong" or "Sekretariat KPU Kabupaten …"
    sasaran: list[SasaranLaporan]
    item: list[ItemPK]
    capaian: Decimal | None
    kategori: str | None
    status: capaian.RingkasanStatus
    # The programme budget as stated (and signed) on the PK.
    anggaran: list[ProgramAnggaran] = field(default_factory=list)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)

    @property
    def total_pagu(self) -> Decimal:
        return serapan.jumlah(a.pagu for a in self.anggaran)

    @property
    def sekretariat(self) -> bool:
        return self.jenis == JenisPK.SEKRETARIAT

    @property
    def nama_singkat(self) -> str:
        """ "KPU" or "Sekretariat", to tell a combined report's PKs apart in titles."""
        return "Sekretariat" if self.sekretariat else "KPU"

    @property
    def label(self) -> str:
        return f"PK {self.nama_singkat}"

    @property
    def capaian_tampil(self) -> str:
        return tulis_persen(self.capaian)


@dataclass
class DataLaporan:
    laporan: Laporan
    tahun: int
    judul: str
    nama_pemilik: str  # "KPU Kabupaten Lampung Utara" or "Sekretariat KPU Kota Serang"
    renstra: Renstra
    misi: list[str]
    tujuan: list[str]
    tahun_renstra: list[int]
    sasaran_renstra: list[SasaranRenstra]
    pk_list: list[PKLaporan]
    sasaran: list[SasaranLaporan]  # every PK's sasaran, in print order
    capaian: Decimal | None  # the mean over every indicator of every PK (rule 9)
    kategori: str | None
    status: capaian.RingkasanStatus
    pita: list[capaian.Pita]
    nama_skala: str
    batas_rerata: str
    # The satker-year's budget per programme (and kegiatan), the one source of every budget
    # total in the report: the DIPA budget where it has been entered, otherwise the programme
    # pagu stated on the PK (without realisasi).
    anggaran: list[ProgramAnggaran]
    tahun_lalu: int | None = None
    anggaran_dipa: bool = False
    revisi_dipa: int = 0
    capaian_tahun_lalu: Decimal | None = None
    # Overall capaian of every earlier year with PKs of this report's kinds, oldest first.
    riwayat_keseluruhan: list[tuple[int, Decimal | None]] = field(default_factory=list)
    lampiran: list = field(default_factory=list)

    @property
    def satker(self):
        return self.laporan.satker

    @property
    def gabungan(self) -> bool:
        return len(self.pk_list) > 1

    @property
    def pk(self) -> PerjanjianKinerja | None:
        """The report's PK (a combined report's first, the commission's)."""
        return self.pk_list[0].pk if self.pk_list else None

    @property
    def pk_item(self) -> list[ItemPK]:
        return [item for p in self.pk_list for item in p.item]

    @property
    def anggaran_pk(self) -> list[ProgramAnggaran]:
        """The programme budget stated on the PK (a combined report's first PK that states
        one: the PKs of one satker-year share its DIPA)."""
        return next((p.anggaran for p in self.pk_list if p.anggaran), [])

    @property
    def capaian_tampil(self) -> str:
        return tulis_persen(self.capaian)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)

    @property
    def anggaran_bersama(self) -> bool:
        return any(s.anggaran_bersama for s in self.sasaran)

    @property
    def total_pagu(self) -> Decimal:
        return serapan.jumlah(a.pagu for a in self.anggaran)

    @property
    def total_pagu_pk(self) -> Decimal:
        return serapan.jumlah(a.pagu for a in self.anggaran_pk)

    @property
    def selisih_pagu_pk(self) -> Decimal | None:
        """DIPA pagu minus the pagu stated on the PK, when both exist and differ (the PK is
        signed at the start of the year; the DIPA is revised after it)."""
        if not (self.anggaran_dipa and self.anggaran_pk):
            return None
        selisih = self.total_pagu - self.total_pagu_pk
        return selisih or None

    @property
    def total_realisasi_anggaran(self) -> Decimal | None:
        if not self.anggaran or any(a.realisasi is None for a in self.anggaran):
            return None
        return serapan.jumlah(a.realisasi for a in self.anggaran)

    @property
    def penyerapan(self) -> Decimal | None:
        return serapan.penyerapan(self.total_realisasi_anggaran, self.total_pagu)

    @property
    def sisa_anggaran(self) -> Decimal | None:
        return serapan.sisa(self.total_pagu, self.total_realisasi_anggaran)
