from django.urls import path

from . import views as v
from . import views_catatan as vc
from . import views_rekap as vr

urlpatterns = [
    path("satker/<kode:kode>/<tahun:tahun>/laporan/", v.laporan_daftar, name="laporan_daftar"),
    path("satker/<kode:kode>/<tahun:tahun>/laporan/buat/", v.laporan_buat, name="laporan_buat"),
    path("laporan/<int:laporan_id>/", v.laporan_detail, name="laporan_detail"),
    path("laporan/<int:laporan_id>/ubah/", v.laporan_ubah, name="laporan_ubah"),
    # One URL per move of the review workflow (laporan/alur.py).
    *[
        path(
            f"laporan/<int:laporan_id>/{aksi}/",
            v.laporan_alur,
            {"aksi": aksi},
            name=f"laporan_{aksi}",
        )
        for aksi in ("ajukan", "kembalikan", "setujui", "terbitkan", "buka")
    ],
    path("reviu/", v.reviu_daftar, name="reviu_daftar"),
    path("reviu/rekap/", vr.rekap_provinsi_pilih, name="rekap_provinsi_pilih"),
    path("reviu/rekap/<tahun:tahun>.xlsx", vr.rekap_provinsi, name="rekap_provinsi"),
    path("laporan/<int:laporan_id>/catatan/", vc.catatan_buat, name="catatan_buat"),
    path(
        "laporan/<int:laporan_id>/catatan/<int:catatan_id>/jawab/",
        vc.catatan_jawab,
        name="catatan_jawab",
    ),
    path(
        "laporan/<int:laporan_id>/catatan/<int:catatan_id>/selesai/",
        vc.catatan_selesai,
        name="catatan_selesai",
    ),
    path("laporan/<int:laporan_id>/bagian/<kunci:kunci>/", v.bagian_ubah, name="bagian_ubah"),
    path("laporan/<int:laporan_id>/bagian/<kunci:kunci>/draf/", v.bagian_draf, name="bagian_draf"),
    path("laporan/<int:laporan_id>/pratinjau/", v.laporan_pratinjau, name="laporan_pratinjau"),
    path("laporan/<int:laporan_id>/pdf/", v.pdf_minta, name="pdf_minta"),
    path("laporan/<int:laporan_id>/pdf/status/", v.pdf_status, name="pdf_status"),
    path("laporan/<int:laporan_id>/pdf/<int:berkas_id>/", v.pdf_unduh, name="pdf_unduh"),
    path("laporan/<int:laporan_id>/final/<int:revisi>/", v.final_unduh, name="final_unduh"),
    path("laporan/<int:laporan_id>/lampiran/", v.lampiran_unggah, name="lampiran_unggah"),
    path(
        "laporan/<int:laporan_id>/lampiran/<int:lampiran_id>/hapus/",
        v.lampiran_hapus,
        name="lampiran_hapus",
    ),
]
