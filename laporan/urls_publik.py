"""Public pages, reachable without login: the published reports and their PDFs."""

from django.urls import path

from . import views_publik as v

urlpatterns = [
    path("", v.publik_daftar, name="publik_daftar"),
    path("<int:laporan_id>/unduh/", v.publik_unduh, name="publik_unduh"),
]
