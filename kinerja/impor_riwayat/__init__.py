"""An indicator history (RiwayatCapaian) from and to an Excel workbook: one row per indicator
and earlier year, for one satker Renstra.

The workbook has a sheet "Riwayat" whose first row holds the headers (matched without regard to
case, surrounding spaces or order; other columns are ignored), and a sheet of instructions. It is
read with the PK import's machinery: kinerja.xlsx.baca_lembar for the file-level checks, the PK
import's cell reading (numbers typed the Indonesian way, grades of the indicator's scale,
ya/tidak), its result and preview types (HasilImporPK: new / changed / unchanged rows, every
error with its row and column, the plan's fingerprint). `rencanakan` works out what importing
would change without writing; `impor_riwayat` writes it through services_riwayat.riwayat_simpan
in one transaction, or nothing; `templat_xlsx` writes the indicators of the satker's PKs with the
years before the current one in the Renstra period, and the rows already entered, so that
importing an unchanged download changes nothing.

Rules: an indicator is found by "Kode Indikator", else by its name; a cell left empty changes
nothing (a stored value is cleared on the history page); a new year needs a target or a realisasi;
a year with a PK of the indicator, after the Renstra, or not begun yet is refused, and so is any
change to a year while a later report of the satker is submitted, approved or published.

The package, by stage: baca.py reads a row's cells, rencana.py works out the plan, tulis.py
writes it, templat.py writes the workbook. The names below are the package's public API.
"""

from ..impor_pk import BARU, BERUBAH, TETAP
from .baca import BATAS_BARIS, KOLOM, KOLOM_WAJIB, NAMA_LEMBAR
from .rencana import BarisRencanaRiwayat, rencanakan
from .templat import baris_templat, templat_xlsx
from .tulis import impor_riwayat

__all__ = [
    "BARU",
    "BATAS_BARIS",
    "BERUBAH",
    "KOLOM",
    "KOLOM_WAJIB",
    "NAMA_LEMBAR",
    "TETAP",
    "BarisRencanaRiwayat",
    "baris_templat",
    "impor_riwayat",
    "rencanakan",
    "templat_xlsx",
]
