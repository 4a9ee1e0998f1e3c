from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from satker.converters import KodeSatkerConverter, KunciBagianConverter, TahunConverter
from satker.forms import FormMasuk

admin.site.site_header = "Administrasi LKj KPU"
admin.site.site_title = "LKj KPU"
admin.site.index_title = "Data induk dan data kinerja"

register_converter(KodeSatkerConverter, "kode")
register_converter(TahunConverter, "tahun")
register_converter(KunciBagianConverter, "kunci")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/login/", auth_views.LoginView.as_view(authentication_form=FormMasuk), name="login"),
    path("akun/", include("django.contrib.auth.urls")),
    path("terbit/", include("laporan.urls_publik")),
    path("", include("laporan.urls")),
    path("", include("kinerja.urls")),
    path("", include("kinerja.urls_ekspor")),
    path("", include("anggaran.urls")),
]
