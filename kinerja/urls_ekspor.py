from django.urls import path

from . import views_ekspor as v

urlpatterns = [
    path("satker/<kode:kode>/<tahun:tahun>/capaian.xlsx", v.ekspor_capaian, name="ekspor_capaian"),
]
