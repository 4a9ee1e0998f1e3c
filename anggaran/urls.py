"""URLs of the budget pages of a satker-year; see anggaran/views.py."""

from django.urls import path

from . import views as v
from . import views_hubungan as vh

AWAL = "satker/<kode:kode>/<tahun:tahun>/anggaran/"

urlpatterns = [
    path(AWAL, v.anggaran_satker, name="anggaran_satker"),
    path(f"{AWAL}ro/tambah/", v.anggaran_ro_tambah, name="anggaran_ro_tambah"),
    path(f"{AWAL}ro/<int:ro_id>/ubah/", v.anggaran_ro_ubah, name="anggaran_ro_ubah"),
    path(f"{AWAL}ro/<int:ro_id>/hapus/", v.anggaran_ro_hapus, name="anggaran_ro_hapus"),
    path(f"{AWAL}revisi/tambah/", v.anggaran_revisi_tambah, name="anggaran_revisi_tambah"),
    path(f"{AWAL}templat/", v.anggaran_templat, name="anggaran_templat"),
    path(f"{AWAL}impor/", v.anggaran_impor, name="anggaran_impor"),
    path(f"{AWAL}hubungan/", vh.anggaran_hubungan, name="anggaran_hubungan"),
]
