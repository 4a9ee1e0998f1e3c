"""The recap of a KPU Provinsi's Kab/Kota for its reviewer: for a year, every Kab/Kota's PK in
force scored as the web pages and the report score them, with the status of its report, as an
Excel workbook (one row per Kab/Kota × indicator, and a summary per Kab/Kota and PK).

It sits in laporan because it shows reports' statuses; the workbook is written with the pieces
and rules of kinerja.ekspor (columns, formats, text never evaluated as a formula).
"""

from dataclasses import dataclass

from kinerja import ekspor
from kinerja.ekspor import FORMAT_BULAT, FORMAT_TAHUN, KOLOM_INDIKATOR, KOLOM_SKOR, Kolom
from kinerja.models import KebijakanCapaian, PerjanjianKinerja
from kinerja.pengukuran import TabelPengukuran, tabel_pengukuran
from kinerja.xlsx import FORMAT_PERSEN
from satker.models import Satker

from .models import Laporan

STATUS_BELUM_DIBUAT = "belum dibuat"
BELUM_ADA_PK = "Belum ada PK"

KOLOM_REKAP = (
    Kolom("Kode Satker", 11),
    Kolom("Satker", 34),
    Kolom("Tahun", 7, FORMAT_TAHUN),
    Kolom("Jenis PK", 16),
    Kolom("Status Laporan", 24),
    *KOLOM_INDIKATOR,
    Kolom("Realisasi", 12),
    *KOLOM_SKOR,
)

KOLOM_RINGKASAN_REKAP = (
    Kolom("Kode Satker", 11),
    Kolom("Satker", 34),
    Kolom("Jenis PK", 16),
    Kolom("Status Laporan", 24),
    Kolom("Jumlah Indikator", 11, FORMAT_BULAT),
    Kolom("Indikator Terisi", 11, FORMAT_BULAT),
    Kolom("Capaian Keseluruhan (%)", 15, FORMAT_PERSEN),
    Kolom("Kategori", 14),
)


@dataclass
class RekapSatker:
    """One Kab/Kota of the recap: its measurement tables (none when it has no PK for the year)
    and the status label of its report per kind of PK."""

    satker: Satker
    tabel: list[TabelPengukuran]
    status: dict[str, str]

    def status_laporan(self, jenis: str) -> str:
        return self.status.get(jenis, STATUS_BELUM_DIBUAT)


def rekap_satker_provinsi(provinsi: Satker, tahun: int) -> list[RekapSatker]:
    """Every Kab/Kota under `provinsi` (by code) with the PK in force of `tahun` scored. A fixed
    number of queries whatever the number of Kab/Kota: PK, policies and reports are read for
    the whole province at once."""
    satker_list = list(Satker.objects.kabkota().filter(induk=provinsi).order_by("kode"))
    pk_per_satker: dict[int, list] = {}
    pk_qs = PerjanjianKinerja.objects.dengan_item().filter(satker__induk=provinsi, tahun=tahun)
    for pk in pk_qs.terkini().order_by("satker__kode", "jenis"):
        pk_per_satker.setdefault(pk.satker_id, []).append(pk)
    kebijakan = {
        k.satker_id: k
        for k in KebijakanCapaian.objects.select_related("skala_kategori")
        .prefetch_related("skala_kategori__pita")
        .filter(satker__induk=provinsi, tahun=tahun)
    }
    status: dict[int, dict[str, str]] = {}
    for laporan in Laporan.objects.filter(satker__induk=provinsi, tahun=tahun):
        status.setdefault(laporan.satker_id, {})[laporan.jenis] = laporan.get_status_display()
    return [
        RekapSatker(
            satker=s,
            tabel=[tabel_pengukuran(pk, kebijakan.get(s.id)) for pk in pk_per_satker.get(s.id, [])],
            status=status.get(s.id, {}),
        )
        for s in satker_list
    ]


def _baris_rekap(rekap: RekapSatker, tahun: int):
    for tabel in rekap.tabel:
        kepala = (
            rekap.satker.kode,
            rekap.satker.nama,
            tahun,
            tabel.pk.get_jenis_display(),
            rekap.status_laporan(tabel.pk.jenis),
        )
        for s in tabel.sasaran:
            for b in s.baris:
                indikator = b.indikator
                yield kepala + (
                    s.sasaran.nomor,
                    s.sasaran.teks,
                    indikator.kode,
                    indikator.nama,
                    indikator.satuan,
                    b.target,
                    b.realisasi,
                    ekspor.persen(b.hasil.nilai),
                    b.kategori,
                )


def _baris_ringkasan_rekap(rekap: RekapSatker):
    """One row per PK of the Kab/Kota; a Kab/Kota without PK still gets a row, so the
    reviewer sees who has not started."""
    satker = rekap.satker
    if not rekap.tabel:
        yield (satker.kode, satker.nama, BELUM_ADA_PK, STATUS_BELUM_DIBUAT, 0, 0, None, None)
    for tabel in rekap.tabel:
        yield (
            satker.kode,
            satker.nama,
            tabel.pk.get_jenis_display(),
            rekap.status_laporan(tabel.pk.jenis),
            len(tabel.baris),
            tabel.jumlah_terisi,
            ekspor.persen(tabel.capaian),
            tabel.kategori,
        )


def rekap_provinsi_xlsx(provinsi: Satker, tahun: int) -> bytes:
    """The recap of a KPU Provinsi's Kab/Kota for a year: "Rekap" (one row per Kab/Kota ×
    indicator of each PK in force, with the status of its report) and "Ringkasan" (one row per
    Kab/Kota and PK: indicators, filled, overall capaian and kategori)."""
    rekap = rekap_satker_provinsi(provinsi, tahun)
    buku = ekspor.buku_baru()
    buku.properties.title = f"Rekap capaian kinerja {provinsi.nama} {tahun}"
    lembar = ekspor.lembar_baru(buku, "Rekap", KOLOM_REKAP)
    ekspor.tulis_baris(lembar, KOLOM_REKAP, [b for r in rekap for b in _baris_rekap(r, tahun)])
    lembar = ekspor.lembar_baru(buku, "Ringkasan", KOLOM_RINGKASAN_REKAP)
    ekspor.tulis_baris(
        lembar, KOLOM_RINGKASAN_REKAP, [b for r in rekap for b in _baris_ringkasan_rekap(r)]
    )
    return ekspor.simpan(buku)
