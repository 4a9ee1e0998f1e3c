"""Benchmark: render the largest demo report's PDF N times and compare with Chromium.

Run on a database with the demo data (`make demo-data`):

    .venv/bin/python bench/susun_pdf.py --n 5

Reports, for the demo report with the most indicators, the median and spread of:
(a) gathering the data and building the whole report's HTML;
(b) the PDF of a report none of whose segments is cached (its first render), in a warm worker
    (imports done, layout processes started);
(c) a re-render after one section's text changed (the other segments come from the cache);
(d) a re-render of an unchanged report (every segment cached: assembly only; a download of an
    unchanged report does not even do this, it is served from the stored PDF);
(e) the same report laid out as one document in one process (how it was done before segments);
(f) Chromium's print-to-PDF of the same HTML (whole process, `chromium --headless`);
and the peak resident memory of this process and of each layout process.
The segment cache used is a temporary folder, so the demo's cache is left alone.
Figures go in docs/benchmarks.md with the machine they were taken on.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["PDF_CACHE_DIR"] = tempfile.mkdtemp(prefix="lkj-bench-segmen-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db.models import Count  # noqa: E402

from laporan import dokumen as pdf  # noqa: E402
from laporan import tata_letak as cetak  # noqa: E402
from laporan.models import Bagian, Laporan  # noqa: E402
from laporan.pengumpul import kumpulkan  # noqa: E402


def ukur(fungsi, n):
    waktu = []
    hasil = None
    for _ in range(n):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return waktu, hasil


def ringkas(nama, waktu):
    med = statistics.median(waktu)
    print(f"{nama:<48} median {med:6.2f} s   min {min(waktu):6.2f}   max {max(waktu):6.2f}")
    return med


def puncak_mb(pid) -> float:
    """Peak resident memory (VmHWM) of a live process, in MB."""
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmHWM:"):
            return int(baris.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5)
    args = parser.parse_args()

    laporan = (
        Laporan.objects.annotate(n=Count("satker__perjanjian_kinerja__item")).order_by("-n").first()
    )
    if laporan is None:
        sys.exit("Tidak ada laporan: jalankan `make demo-data` dahulu.")
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPU · Python {platform.python_version()}"
    )
    print(f"Laporan: {laporan} ({args.n} kali)\n")

    cache = caches[pdf.CACHE_SEGMEN]
    pdf.susun_pdf(kumpulkan(laporan))  # warm-up: imports, fonts, templates, layout processes
    t_html, html = ukur(lambda: pdf.html_laporan(kumpulkan(laporan)), args.n)
    ringkas("data + HTML", t_html)

    def tanpa_cache():
        cache.clear()
        return pdf.susun_pdf(kumpulkan(laporan))

    t_pdf, hasil = ukur(tanpa_cache, args.n)
    print(f"({len(hasil.dirender)} segmen, {settings.PDF_PROSES} proses tata letak)")
    ringkas(f"PDF, render pertama ({hasil.jumlah_halaman} halaman)", t_pdf)

    bagian, _ = Bagian.objects.get_or_create(
        laporan=laporan, kunci="bab4.saran", defaults={"sumber": "staf", "teks": "Saran."}
    )

    def ubah_lalu_render():
        bagian.sumber, bagian.teks = "staf", f"Saran diperbarui {time.time()}."
        bagian.save()
        return pdf.susun_pdf(kumpulkan(laporan))

    t_ubah, hasil_ubah = ukur(ubah_lalu_render, args.n)
    print(f"(segmen ditata ulang: {', '.join(hasil_ubah.dirender)})")
    ringkas("render ulang setelah satu bagian diubah", t_ubah)
    bagian.delete()
    pdf.susun_pdf(kumpulkan(laporan))
    t_sama, _ = ukur(lambda: pdf.susun_pdf(kumpulkan(laporan)), args.n)
    ringkas("render ulang tanpa perubahan (perakitan saja)", t_sama)

    satu_dokumen = [pdf._url_dasar(), [str(a) for a in pdf._akar_diizinkan()]]
    t_satu, _ = ukur(lambda: cetak.tata_segmen(html, *satu_dokumen), max(1, args.n // 2))
    ringkas("satu dokumen utuh, satu proses (cara lama)", t_satu)

    print(f"{'memori puncak proses ini (RSS)':<48} {puncak_mb('self'):6.0f} MB")
    if cetak._POOL is not None:
        for pid in cetak._POOL._processes:
            print(f"{f'memori puncak proses tata letak {pid}':<48} {puncak_mb(pid):6.0f} MB")

    chromium = shutil.which("chromium")
    if chromium:
        with tempfile.TemporaryDirectory() as tmp:
            sumber = Path(tmp) / "lkj.html"
            sumber.write_text(html)
            keluaran = Path(tmp) / "lkj.pdf"
            perintah = [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={keluaran}",
                sumber.as_uri(),
            ]
            t_chrome, _ = ukur(
                lambda: subprocess.run(perintah, check=True, capture_output=True), args.n
            )
            ringkas("Chromium print-to-PDF (proses utuh)", t_chrome)
    else:
        print("Chromium tidak ada: perbandingan dilewati.")
    cache.clear()


if __name__ == "__main__":
    main()
