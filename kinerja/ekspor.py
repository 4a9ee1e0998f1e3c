"""Excel exports of measured performance: the capaian table of a satker-year, and the pieces
every performance workbook is written with (columns, sheets, rows, formats), which the province
recap for reviewers (laporan/rekap.py, since it shows report statuses) uses too.

Rules of every workbook written with these pieces:
- the header is row 1, bold and frozen, and every column has a width;
- numbers are real number cells with an Indonesian display format (decimal comma, dot for
  thousands): whole numbers without decimals, fractions with up to four, capaian with two
  and " %"; years without a thousands separator;
- a capaian is written rounded half-up to two decimals (DOMAIN rule 8), so the cell holds the
  figure the application prints rather than a value the spreadsheet would round its own way;
- grades ("BB") and ya/tidak ("Ya", "Tidak") are text; every text cell goes through
  `kinerja.xlsx.tulis_teks`, so a name that starts like a formula is never evaluated;
- scores come from `kinerja.pengukuran.tabel_pengukuran` over the PK in force of each
  satker-year, exactly as the web pages and the report compute them.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font

from nilai import bulatkan, tulis_persen
from satker.models import Satker

from . import capaian
from .models import KebijakanCapaian, PerjanjianKinerja
from .pengukuran import TabelPengukuran, tabel_pengukuran
from .xlsx import FORMAT_PERSEN, angka_sel, tulis_judul, tulis_teks

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# "#,##0.##" would print a whole number with a dangling decimal comma ("95,"), so whole numbers
# get their own format; four decimals is what the web pages show (format_angka_ringkas).
FORMAT_BULAT = "#,##0"
FORMAT_PECAHAN = "#,##0.####"
FORMAT_TAHUN = "0"  # 2023, never "2.023"

NAMA_TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")


class TidakAdaPK(Exception):
    """The satker has no Perjanjian Kinerja for the year; the message is Indonesian."""


@dataclass(frozen=True)
class Kolom:
    """A column: its header, its width in characters and, for numbers, how they display
    (FORMAT_PECAHAN picks FORMAT_BULAT for whole values)."""

    judul: str
    lebar: float
    format: str = FORMAT_PECAHAN

    @property
    def bungkus(self) -> bool:
        """Long texts (sasaran, indikator, aturan) wrap inside their column."""
        return self.lebar >= 30


# --- Cells and sheets --------------------------------------------------------------------------


def _format_sel(nilai, format_kolom: str) -> str:
    if format_kolom == FORMAT_PECAHAN and isinstance(nilai, int):
        return FORMAT_BULAT
    return format_kolom


def _tulis_sel(sel, nilai, format_kolom: str) -> None:
    """A value as its real kind: numbers as numbers, ya/tidak in words, everything else text;
    None leaves the cell empty."""
    if isinstance(nilai, bool):
        tulis_teks(sel, "Ya" if nilai else "Tidak")
    elif isinstance(nilai, Decimal | int):
        sel.value = angka_sel(nilai)
        sel.number_format = _format_sel(sel.value, format_kolom)
    else:
        tulis_teks(sel, nilai)


def lembar_baru(buku, judul: str, kolom: Sequence[Kolom]):
    """A new sheet with a bold, frozen header row and the columns' widths."""
    lembar = buku.create_sheet(judul)
    # A header longer than its column ("Realisasi TW III") wraps instead of running into the
    # next one.
    tulis_judul(lembar, [(k.judul, k.lebar) for k in kolom], bungkus=True)
    # Printed as it is meant to be read: landscape A4, all columns on one page width, the
    # header row repeated on every page.
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    lembar.page_setup.fitToWidth, lembar.page_setup.fitToHeight = 1, 0
    lembar.print_title_rows = "1:1"
    return lembar


def tulis_baris(lembar, kolom: Sequence[Kolom], baris: Iterable[Sequence], tebal=()) -> None:
    """Rows from row 2 on; rows whose index (from 0) is in `tebal` are bold (totals)."""
    huruf_tebal = Font(bold=True)
    rata = {b: Alignment(vertical="top", wrap_text=b) for b in (False, True)}
    for indeks, nilai_baris in enumerate(baris):
        baris_teks = 1
        for nomor_kolom, (k, nilai) in enumerate(zip(kolom, nilai_baris, strict=True), start=1):
            sel = lembar.cell(row=indeks + 2, column=nomor_kolom)
            _tulis_sel(sel, nilai, k.format)
            sel.alignment = rata[k.bungkus]
            if indeks in tebal:
                sel.font = huruf_tebal
            if k.bungkus and isinstance(nilai, str):
                baris_teks = max(baris_teks, -(-len(nilai) // max(int(k.lebar) - 2, 1)))
        if baris_teks > 1:
            # Spreadsheets do not all grow a row for wrapped text when they open a file
            # (LibreOffice does not): give it the height of its longest text.
            lembar.row_dimensions[indeks + 2].height = 15 * baris_teks


def simpan(buku) -> bytes:
    """The workbook as the bytes of an xlsx file."""
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def buku_baru():
    """An empty workbook: every sheet is added by lembar_baru."""
    buku = openpyxl.Workbook()
    buku.remove(buku.active)
    return buku


def persen(nilai: Decimal | None) -> Decimal | None:
    """A capaian as written in a cell: rounded half-up to two decimals (DOMAIN rule 8)."""
    return bulatkan(nilai, 2)


def _aturan(hasil: capaian.Capaian) -> str:
    """The rule as the measurement table shows it: the reason when there is no capaian."""
    return hasil.alasan if hasil.nilai is None else hasil.aturan


def _keterangan_rerata(tabel: TabelPengukuran) -> str:
    """The overall row's label, worded as the measurement table words it."""
    teks = f"Capaian keseluruhan (rata-rata {len(tabel.baris)} indikator"
    if tabel.kebijakan and tabel.kebijakan.batas:
        teks += f", tiap capaian dibatasi {tulis_persen(tabel.kebijakan.batas)}"
    return teks + ")"


# --- Capaian table of a satker-year ------------------------------------------------------------

# The indicator and its score, as both the capaian table and the province recap
# (laporan/rekap.py) show them.
KOLOM_INDIKATOR = (
    Kolom("No Sasaran", 11, FORMAT_BULAT),
    Kolom("Sasaran", 45),
    Kolom("Kode Indikator", 14),
    Kolom("Indikator", 50),
    Kolom("Satuan", 12),
    Kolom("Target", 12),
)
KOLOM_SKOR = (Kolom("Capaian (%)", 13, FORMAT_PERSEN), Kolom("Kategori", 14))

KOLOM_CAPAIAN = (
    Kolom("Jenis PK", 16),
    *KOLOM_INDIKATOR,
    *(Kolom(f"Realisasi {tw}", 14) for tw in NAMA_TRIWULAN),
    Kolom("Realisasi", 12),
    *KOLOM_SKOR,
    Kolom("Aturan", 45),
)

KOLOM_RINGKASAN_CAPAIAN = (
    Kolom("Jenis PK", 16),
    Kolom("No Sasaran", 11, FORMAT_BULAT),
    Kolom("Sasaran", 55),
    Kolom("Jumlah Indikator", 11, FORMAT_BULAT),
    Kolom("Indikator Terisi", 11, FORMAT_BULAT),
    Kolom("Di Atas Target", 11, FORMAT_BULAT),
    Kolom("Sesuai Target", 11, FORMAT_BULAT),
    Kolom("Di Bawah Target", 11, FORMAT_BULAT),
    Kolom("Belum Dapat Dihitung", 11, FORMAT_BULAT),
    Kolom("Capaian (%)", 13, FORMAT_PERSEN),
    Kolom("Kategori", 14),
)

KOLOM_KETERANGAN = (Kolom("Keterangan", 28), Kolom("Isi", 80))


def tabel_satker_tahun(satker: Satker, tahun: int) -> list[TabelPengukuran]:
    """The measurement tables of the PK in force of a satker-year (lembaga first), scored over
    the whole year as the PK page and the report score them (the satker-year page scores up to
    the last filled quarter instead). Raises TidakAdaPK when there is none."""
    pk_list = list(
        PerjanjianKinerja.objects.dengan_item().untuk_satker_tahun(satker, tahun).terkini()
    )
    if not pk_list:
        raise TidakAdaPK(f"{satker.nama} belum memiliki Perjanjian Kinerja tahun {tahun}.")
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
    return [tabel_pengukuran(pk, kebijakan) for pk in pk_list]


def _per_triwulan(item) -> list:
    """Realisasi of quarters I to IV as typed (number, grade or ya/tidak), None when empty."""
    nilai = item.realisasi_per_triwulan()
    return [nilai.get(tw) for tw in capaian.TRIWULAN]


def _baris_capaian(tabel: TabelPengukuran):
    jenis = tabel.pk.get_jenis_display()
    for s in tabel.sasaran:
        for b in s.baris:
            indikator = b.indikator
            yield (
                jenis,
                s.sasaran.nomor,
                s.sasaran.teks,
                indikator.kode,
                indikator.nama,
                indikator.satuan,
                b.target,
                *_per_triwulan(b.item),
                b.realisasi,
                persen(b.hasil.nilai),
                b.kategori,
                _aturan(b.hasil),
            )


def _status(nilai: Iterable[Decimal | None]) -> tuple[int, int, int, int]:
    s = capaian.hitung_status(nilai)
    return s.di_atas, s.sama, s.di_bawah, s.tanpa_nilai


def _baris_ringkasan_capaian(tabel: TabelPengukuran) -> list[tuple]:
    """One row per sasaran, then the PK's overall row."""
    jenis = tabel.pk.get_jenis_display()
    baris = []
    for s in tabel.sasaran:
        terisi = sum(1 for b in s.baris if b.realisasi is not None)
        status = _status(b.hasil.nilai for b in s.baris)
        baris.append(
            (jenis, s.sasaran.nomor, s.sasaran.teks, len(s.baris), terisi, *status)
            + (persen(s.capaian), s.kategori)
        )
    status = tabel.status
    baris.append(
        (jenis, None, _keterangan_rerata(tabel), len(tabel.baris), tabel.jumlah_terisi)
        + (status.di_atas, status.sama, status.di_bawah, status.tanpa_nilai)
        + (persen(tabel.capaian), tabel.kategori)
    )
    return baris


def _baris_keterangan(satker: Satker, tahun: int, tabel_list: list[TabelPengukuran]):
    kebijakan = tabel_list[0].kebijakan
    if kebijakan:
        pita = ", ".join(
            f"{p.label} ≥ {tulis_persen(p.batas_bawah)}"
            for p in reversed(kebijakan.skala_kategori.daftar_pita)
        )
        skala = f"{kebijakan.skala_kategori} ({pita})"
        batas = kebijakan.get_batas_rerata_display()
    else:
        skala = "Belum dipilih untuk tahun ini: kategori tidak diisi."
        batas = "Tanpa batas"
    return [
        ("Satker", f"{satker.nama} ({satker.kode})"),
        ("Tahun", str(tahun)),
        ("Perjanjian Kinerja", "; ".join(str(t.pk) for t in tabel_list)),
        ("Skala kategori", skala),
        ("Batas capaian dalam rata-rata", batas),
        (
            "Realisasi",
            "Realisasi tahunan menurut agregasi triwulan tiap indikator "
            "(kumulatif, nilai akhir atau rata-rata).",
        ),
        ("Capaian", "Dibulatkan dua desimal, setengah ke atas; aturannya di kolom Aturan."),
    ]


def capaian_xlsx(satker: Satker, tahun: int) -> bytes:
    """The capaian table of a satker-year as a workbook: "Capaian" (one row per indicator of
    each PK in force, with the quarters' realisasi, the year's realisasi, capaian, kategori and
    the rule used), "Ringkasan" (capaian and kategori per sasaran and overall per PK) and
    "Keterangan" (satker, year, category scale and cap). Raises TidakAdaPK."""
    tabel_list = tabel_satker_tahun(satker, tahun)
    buku = buku_baru()
    buku.properties.title = f"Capaian kinerja {satker.nama} {tahun}"
    lembar = lembar_baru(buku, "Capaian", KOLOM_CAPAIAN)
    tulis_baris(lembar, KOLOM_CAPAIAN, [b for t in tabel_list for b in _baris_capaian(t)])

    lembar = lembar_baru(buku, "Ringkasan", KOLOM_RINGKASAN_CAPAIAN)
    baris, tebal = [], set()
    for tabel in tabel_list:
        baris.extend(_baris_ringkasan_capaian(tabel))
        tebal.add(len(baris) - 1)
    tulis_baris(lembar, KOLOM_RINGKASAN_CAPAIAN, baris, tebal)

    lembar = lembar_baru(buku, "Keterangan", KOLOM_KETERANGAN)
    keterangan = _baris_keterangan(satker, tahun, tabel_list)
    tulis_baris(lembar, KOLOM_KETERANGAN, keterangan)
    return simpan(buku)
