"""Background rendering of report PDFs (django-tasks; `manage.py db_worker` runs the queue)."""

import time
from decimal import Decimal

from django_tasks import task

from . import dokumen
from .final import final_buat
from .models import BerkasPDF, RiwayatStatus, StatusPDF
from .notifikasi import kirim_notifikasi as kirim
from .pengumpul import kumpulkan
from .services import pdf_selesai


def susun_sekarang(berkas: BerkasPDF) -> BerkasPDF:
    """Render the report into `berkas` in this process (the task and the command use this)."""
    berkas.status = StatusPDF.PROSES
    berkas.save(update_fields=["status"])
    mulai = time.perf_counter()
    try:
        hasil = dokumen.susun_pdf(kumpulkan(berkas.laporan))
    except Exception as exc:
        berkas.status = StatusPDF.GAGAL
        berkas.pesan = f"PDF gagal disusun: {exc.__class__.__name__}: {exc}"
        berkas.save(update_fields=["status", "pesan"])
        raise
    durasi = Decimal(str(round(time.perf_counter() - mulai, 2)))
    return pdf_selesai(
        berkas=berkas, isi=hasil.pdf, jumlah_halaman=hasil.jumlah_halaman, durasi=durasi
    )


@task()
def susun_pdf_laporan(berkas_id: int) -> int:
    berkas = BerkasPDF.objects.select_related("laporan__satker").get(id=berkas_id)
    if berkas.status != StatusPDF.SELESAI:
        susun_sekarang(berkas)
    return berkas.jumlah_halaman


@task()
def susun_pdf_final(riwayat_id: int) -> int:
    """The frozen PDF of an approval (laporan/final.py), rendered once after it commits."""
    riwayat = RiwayatStatus.objects.select_related("laporan__satker", "oleh").get(id=riwayat_id)
    return final_buat(riwayat=riwayat).jumlah_halaman


@task()
def kirim_notifikasi(riwayat_id: int) -> int:
    """The e-mails of one move of the review workflow (laporan/notifikasi.py)."""
    return kirim(RiwayatStatus.objects.select_related("laporan__satker", "oleh").get(id=riwayat_id))
