"""Benchmark: the PK workbook import and the Excel exports, on the demo database.

Run on a database with the demo data (`make demo-data`):

    .venv/bin/python bench/impor_pk.py

Measures, each timed alone and then once more under tracemalloc for its peak of Python memory:
(a) a 5 000-row PK workbook (the row limit: 50 sasaran × 100 indicators, targets and four
    quarters of realisasi, for a year with no PK yet): reading and planning it;
(b) importing a 50-indicator PK, 500 rows and that 5 000-row workbook (each written in a
    transaction that is then rolled back, so the demo database is left as it was);
(c) refusing a 100 000-row workbook;
(d) downloading and re-planning a demo satker-year's own workbook (round trip, no change);
(e) the capaian workbook of that satker-year and the recap of its province.
Figures go in docs/benchmarks.md with the machine they were taken on.
"""

import io
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.db import transaction  # noqa: E402

from kinerja import ekspor, impor_pk  # noqa: E402
from kinerja.impor_pk import KOLOM  # noqa: E402
from laporan import rekap  # noqa: E402
from satker.models import Satker  # noqa: E402

KODE, TAHUN_DEMO, TAHUN_BARU = "18.03", 2023, 2031


def buku_besar(n_sasaran=50, per_sasaran=100) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("PK")
    ws.append(list(KOLOM))
    posisi = {k: i for i, k in enumerate(KOLOM)}
    for s in range(1, n_sasaran + 1):
        for i in range(1, per_sasaran + 1):
            baris = [None] * len(KOLOM)
            for k, v in {
                "Kode Satker": KODE, "Tahun": TAHUN_BARU, "Jenis PK": "lembaga",
                "No Sasaran": s, "Sasaran": f"Sasaran uji {s}", "Indikator": f"Indikator {s}.{i}",
                "Satuan": "%", "Target": 90, "Realisasi TW I": "20,5", "Realisasi TW II": 45,
                "Realisasi TW III": 70, "Realisasi TW IV": "92,25",
            }.items():  # fmt: skip
                baris[posisi[k]] = v
            ws.append(baris)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def buku_100rb() -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("PK")
    ws.append(list(impor_pk.KOLOM_WAJIB))
    for n in range(100_000):
        ws.append([KODE, TAHUN_BARU, "lembaga", 1, "S", f"I{n}", "%", 1])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def impor_dibatalkan(data):
    with transaction.atomic():
        hasil = impor_pk.impor_pk(data)
        transaction.set_rollback(True)
    assert hasil.diterapkan, hasil.galat[:3]
    return hasil


def ukur(nama, fungsi):
    mulai = time.perf_counter()
    hasil = fungsi()
    detik = f"{time.perf_counter() - mulai:.2f}".replace(".", ",")
    tracemalloc.start()
    fungsi()
    puncak = f"{tracemalloc.get_traced_memory()[1] / 1024 / 1024:.0f} MB"
    tracemalloc.stop()
    print(f"| {nama} | {detik} s | {puncak} |")
    return hasil


def main():
    satker = Satker.objects.get(kode=KODE)
    besar, seratus_ribu = buku_besar(), buku_100rb()
    print(f"{platform.node()} · Python {platform.python_version()} · {platform.machine()}")
    print(
        f"5 000-row workbook: {len(besar) / 1024:.0f} KB; 100 000-row workbook: "
        f"{len(seratus_ribu) / 1024:.0f} KB"
    )
    print("| step | time | peak Python memory |\n|---|---|---|")
    hasil = ukur("(a) read and plan 5 000 rows", lambda: impor_pk.rencanakan(besar))
    assert hasil.ok and hasil.jumlah(impor_pk.BARU) == 5000, hasil.galat[:3]
    kecil, sedang = buku_besar(5, 10), buku_besar(10, 50)
    ukur("(b) import a 50-indicator PK (rolled back)", lambda: impor_dibatalkan(kecil))
    ukur("(b) import 500 rows (rolled back)", lambda: impor_dibatalkan(sedang))
    ukur("(b) import 5 000 rows (rolled back)", lambda: impor_dibatalkan(besar))
    hasil = ukur("(c) refuse 100 000 rows", lambda: impor_pk.rencanakan(seratus_ribu))
    assert "lebih dari" in hasil.galat[0].pesan
    data = impor_pk.templat_xlsx(satker, TAHUN_DEMO)
    hasil = ukur(
        f"(d) {KODE} {TAHUN_DEMO}: template + plan",
        lambda: impor_pk.rencanakan(impor_pk.templat_xlsx(satker, TAHUN_DEMO)),
    )
    assert hasil.jumlah(impor_pk.TETAP) == len(hasil.baris), data[:0]
    ukur(
        f"(e) capaian workbook {KODE} {TAHUN_DEMO}", lambda: ekspor.capaian_xlsx(satker, TAHUN_DEMO)
    )
    ukur(
        f"(e) recap of {satker.induk.nama} {TAHUN_DEMO}",
        lambda: rekap.rekap_provinsi_xlsx(satker.induk, TAHUN_DEMO),
    )


if __name__ == "__main__":
    main()
