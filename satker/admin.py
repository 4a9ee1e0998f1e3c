from django.contrib import admin

from .models import Keanggotaan, Satker


@admin.register(Satker)
class SatkerAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "induk", "kota_ttd"]
    list_filter = ["tingkat", ("induk", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["kode", "nama", "nama_wilayah"]
    list_select_related = ["induk"]
    autocomplete_fields = ["induk"]


@admin.register(Keanggotaan)
class KeanggotaanAdmin(admin.ModelAdmin):
    list_display = ["user", "satker", "peran", "jabatan"]
    list_filter = ["peran", "satker__tingkat"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "satker__nama"]
    list_select_related = ["user", "satker"]
    autocomplete_fields = ["user", "satker"]
