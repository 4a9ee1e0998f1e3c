from django.urls import path

from . import views_ekspor as v

urlpatterns = [
    path("satker/<kode:kode>/<tahun:tahun>/capaian.xlsx", v.ekspor_capaian, name="ekspor_capaian"),
    path("reviu/rekap/", v.rekap_provinsi_pilih, name="rekap_provinsi_pilih"),
    path("reviu/rekap/<tahun:tahun>.xlsx", v.rekap_provinsi, name="rekap_provinsi"),
]
