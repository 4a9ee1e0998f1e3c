from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("satker/<kode:kode>/", views.satker_detail, name="satker_detail"),
    path("satker/<kode:kode>/<tahun:tahun>/", views.satker_tahun, name="satker_tahun"),
    path("pk/<int:pk_id>/", views.pk_detail, name="pk_detail"),
    path(
        "satker/<kode:kode>/<tahun:tahun>/kebijakan/",
        views.kebijakan_capaian,
        name="kebijakan_capaian",
    ),
    path(
        "satker/<kode:kode>/<tahun:tahun>/kebijakan/pilih/",
        views.kebijakan_pilih,
        name="kebijakan_pilih",
    ),
    path(
        "satker/<kode:kode>/<tahun:tahun>/kebijakan/pita/",
        views.kebijakan_pita,
        name="kebijakan_pita",
    ),
    path("", include("kinerja.urls_pk")),
    path("", include("kinerja.urls_realisasi")),
    path("", include("kinerja.urls_riwayat")),
]
