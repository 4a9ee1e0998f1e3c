"""URLs of urls_pk; see the views module of the same name."""

from django.urls import path

from . import views_impor as vi
from . import views_pk as v

urlpatterns = [
    path("satker/<kode:kode>/pk/baru/", v.pk_buat, name="pk_buat"),
    path("satker/<kode:kode>/pk/impor/", vi.pk_impor, name="pk_impor"),
    path("satker/<kode:kode>/pk/impor/terapkan/", vi.pk_impor_terapkan, name="pk_impor_terapkan"),
    path("satker/<kode:kode>/pk.xlsx", vi.pk_templat, name="pk_templat_kosong"),
    path("satker/<kode:kode>/<tahun:tahun>/pk.xlsx", vi.pk_templat, name="pk_templat"),
    path("pk/<int:pk_id>/ubah/", v.pk_ubah, name="pk_ubah"),
    path("pk/<int:pk_id>/susun/", v.pk_susun, name="pk_susun"),
    path("pk/<int:pk_id>/dokumen/", v.pk_dokumen, name="pk_dokumen"),
    path("pk/<int:pk_id>/revisi/", v.pk_revisi, name="pk_revisi"),
    path("pk/<int:pk_id>/item/katalog/", v.pk_item_katalog, name="pk_item_katalog"),
    path("pk/<int:pk_id>/item/baru/", v.pk_item_baru, name="pk_item_baru"),
    path("pk/item/<int:item_id>/target/", v.pk_item_target, name="pk_item_target"),
    path("pk/item/<int:item_id>/hapus/", v.pk_item_hapus, name="pk_item_hapus"),
    path("pk/item/<int:item_id>/naik/", v.pk_item_naik, name="pk_item_naik"),
    path("pk/item/<int:item_id>/turun/", v.pk_item_turun, name="pk_item_turun"),
    path(
        "pk/<int:pk_id>/sasaran/<int:sasaran_id>/naik/", v.pk_sasaran_naik, name="pk_sasaran_naik"
    ),
    path(
        "pk/<int:pk_id>/sasaran/<int:sasaran_id>/turun/",
        v.pk_sasaran_turun,
        name="pk_sasaran_turun",
    ),
    path("pk/<int:pk_id>/anggaran/", v.pk_anggaran, name="pk_anggaran"),
    path(
        "pk/<int:pk_id>/anggaran/<int:anggaran_id>/hapus/",
        v.pk_anggaran_hapus,
        name="pk_anggaran_hapus",
    ),
]
