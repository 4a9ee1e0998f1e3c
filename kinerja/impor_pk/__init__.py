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

The package, by stage: baca.py reads a row of the workbook (its columns and cells), rencana.py
works out the plan, tulis.py writes it, templat.py writes the workbook. The names below are the
package's public API.
"""

from .hasil import BARU, BERUBAH, STATUS, TETAP, BarisRencana, HasilImporPK, Perubahan
from .kolom import BATAS_BARIS, KOLOM, KOLOM_WAJIB, NAMA_LEMBAR
from .rencana import rencanakan
from .templat import templat_xlsx
from .tulis import impor_pk

__all__ = [
    "BARU",
    "BATAS_BARIS",
    "BERUBAH",
    "KOLOM",
    "KOLOM_WAJIB",
    "NAMA_LEMBAR",
    "STATUS",
    "TETAP",
    "BarisRencana",
    "HasilImporPK",
    "Perubahan",
    "impor_pk",
    "rencanakan",
    "templat_xlsx",
]
