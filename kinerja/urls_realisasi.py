"""URLs of urls_realisasi; see the views module of the same name."""

from django.urls import path, register_converter

from . import views_realisasi as v


class TriwulanConverter:
    """A quarter, 1 to 4: any other number does not match, so /triwulan/5/ is a 404."""

    regex = "[1-4]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TriwulanConverter, "tw")

urlpatterns = [
    path("pk/<int:pk_id>/triwulan/<tw:triwulan>/", v.realisasi_triwulan, name="realisasi_triwulan"),
    path(
        "pk/<int:pk_id>/triwulan/<tw:triwulan>/simpan/",
        v.realisasi_simpan,
        name="realisasi_simpan",
    ),
    path(
        "item/<int:item_id>/triwulan/<tw:triwulan>/pratinjau/",
        v.realisasi_pratinjau,
        name="realisasi_pratinjau",
    ),
    path(
        "item/<int:item_id>/triwulan/<tw:triwulan>/bukti/",
        v.bukti_unggah,
        name="bukti_unggah",
    ),
    path("bukti/<int:bukti_id>/", v.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:bukti_id>/hapus/", v.bukti_hapus_view, name="bukti_hapus"),
    path("item/<int:item_id>/", v.item_detail, name="item_detail"),
]
