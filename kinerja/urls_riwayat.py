"""URLs of the history pages; see kinerja/views_riwayat.py."""

from django.urls import path

from . import views_riwayat as v

AWAL = "satker/<kode:kode>/renstra/<int:renstra_id>/riwayat/"

urlpatterns = [
    path(
        "satker/<kode:kode>/<tahun:tahun>/riwayat/",
        v.riwayat_satker_tahun,
        name="riwayat_satker_tahun",
    ),
    path(AWAL, v.riwayat_renstra, name="riwayat_renstra"),
    path(f"{AWAL}indikator/<int:indikator_id>/tambah/", v.riwayat_tambah, name="riwayat_tambah"),
    path(f"{AWAL}templat.xlsx", v.riwayat_templat, name="riwayat_templat"),
    path(f"{AWAL}impor/", v.riwayat_impor, name="riwayat_impor"),
    path(f"{AWAL}impor/terapkan/", v.riwayat_impor_terapkan, name="riwayat_impor_terapkan"),
    path("riwayat/<int:riwayat_id>/ubah/", v.riwayat_ubah, name="riwayat_ubah"),
    path("riwayat/<int:riwayat_id>/hapus/", v.riwayat_hapus, name="riwayat_hapus"),
]
