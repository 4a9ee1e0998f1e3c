"""Drafts of the report's narrative sections, written from a `DataLaporan`.

Each function returns Markdown in Indonesian built only from the data it is given: no queries,
no invented claims. Numbers are formatted by kinerja.capaian (decimal comma, "96,35 %",
"Rp 51.412.431.000"); years are printed plainly ("2023"). The drafts are printed as they are, so
they speak to the report's readers and never to the staff: where data is missing, the part is
left out (an empty draft leaves the whole section out) or states a plain fact a reader needs
("realisasi belum dilaporkan"); what the staff must still fill in is listed on the report page
(laporan/kelengkapan.py), never printed. laporan/bagian.py calls the chapter sections as
`fungsi(data)` and the seven analyses of BAB III.A as `fungsi(data, sasaran)`.

The drafts are split by the part of the report they write:

- `umum`: the phrase helpers and legal references the chapters share;
- `depan`: Kata Pengantar and Ikhtisar Eksekutif;
- `bab1`: BAB I Pendahuluan;
- `bab2`: BAB II Perencanaan Kinerja;
- `bab3`: BAB III's opening on measurement (A.1) and the budget (B);
- `analisis`: BAB III.A.2, the seven analyses per sasaran;
- `bab4`: BAB IV Penutup.
"""

from .analisis import (
    analisis_efisiensi,
    analisis_nasional,
    analisis_penyebab,
    analisis_program,
    analisis_renstra,
    analisis_tahun_lalu,
    analisis_target,
)
from .bab1 import (
    isu_strategis,
    latar_belakang,
    maksud_tujuan,
    organisasi,
    sistematika,
    tugas_fungsi,
)
from .bab2 import perencanaan
from .bab3 import anggaran, pengukuran
from .bab4 import kesimpulan, saran
from .depan import ikhtisar, kata_pengantar

__all__ = [
    "kata_pengantar",
    "ikhtisar",
    "latar_belakang",
    "maksud_tujuan",
    "tugas_fungsi",
    "organisasi",
    "isu_strategis",
    "sistematika",
    "perencanaan",
    "pengukuran",
    "anggaran",
    "analisis_target",
    "analisis_tahun_lalu",
    "analisis_renstra",
    "analisis_nasional",
    "analisis_penyebab",
    "analisis_efisiensi",
    "analisis_program",
    "kesimpulan",
    "saran",
]
