"""Benchmark: render the largest demo report's PDF N times and compare with Chromium.

Run on a database with the demo data (`make demo-data`):

    .venv/bin/python bench/render_pdf.py --n 5

Reports, for the demo report with the most indicators: the median and spread of
(a) gathering the data and building the HTML, (b) the whole PDF render in a warm process,
(c) a re-render after one section's text changed, the peak resident memory of this process,
and (d) Chromium's print-to-PDF of the same HTML (whole process, `chromium --headless`).
Figures go in docs/benchmarks.md with the machine they were taken on.
"""

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from laporan import pdf  # noqa: E402
from laporan.data import kumpulkan  # noqa: E402
from laporan.models import Bagian, Laporan  # noqa: E402


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
    print(f"{nama:<42} median {med:6.2f} s   min {min(waktu):6.2f}   max {max(waktu):6.2f}")
    return med


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

    pdf.render_pdf(kumpulkan(laporan))  # warm-up: imports, fonts, templates
    t_html, html = ukur(lambda: pdf.html_laporan(kumpulkan(laporan)), args.n)
    t_pdf, hasil = ukur(lambda: pdf.render_pdf(kumpulkan(laporan)), args.n)
    ringkas("data + HTML", t_html)
    ringkas(f"PDF lengkap ({hasil.jumlah_halaman} halaman)", t_pdf)

    bagian, _ = Bagian.objects.get_or_create(
        laporan=laporan, kunci="bab4.saran", defaults={"sumber": "staf", "teks": "Saran."}
    )

    def ubah_lalu_render():
        bagian.sumber, bagian.teks = "staf", f"Saran diperbarui {time.time()}."
        bagian.save()
        return pdf.render_pdf(kumpulkan(laporan))

    t_ubah, _ = ukur(ubah_lalu_render, args.n)
    ringkas("render ulang setelah satu bagian diubah", t_ubah)
    bagian.delete()
    puncak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'memori puncak proses (RSS)':<42} {puncak_mb:6.0f} MB")

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


if __name__ == "__main__":
    main()
