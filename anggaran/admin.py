from django.contrib import admin

from .models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RevisiDipa, RoAnggaran


@admin.register(ProgramAnggaran)
class ProgramAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "satker", "tahun"]
    list_filter = ["tahun"]
    search_fields = ["kode", "nama", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(KegiatanAnggaran)
class KegiatanAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["program"]


@admin.register(KroAnggaran)
class KroAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan"]
    list_select_related = ["kegiatan"]


@admin.register(RoAnggaran)
class RoAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kro", "sumber_dana", "pagu", "realisasi"]
    list_filter = ["sumber_dana"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kro__kegiatan__program"]


@admin.register(RevisiDipa)
class RevisiDipaAdmin(admin.ModelAdmin):
    list_display = ["satker", "tahun", "nomor", "tanggal", "keterangan"]
    list_filter = ["tahun"]
    list_select_related = ["satker"]
