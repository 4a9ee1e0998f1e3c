from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administrasi LKj KPU"
admin.site.site_title = "LKj KPU"
admin.site.index_title = "Data induk dan data kinerja"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/", include("django.contrib.auth.urls")),
    path("", include("kinerja.urls")),
]
