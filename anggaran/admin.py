"""Admin of the budget. The admin (KPU RI) can correct a code and clear its `kode_asumsi` mark
here; the budget pages edit only amounts, and a workbook import replaces the whole budget with
unmarked codes."""

from django.contrib import admin

from .models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RevisiDipa, RoAnggaran


@admin.register(ProgramAnggaran)
class ProgramAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "kode_asumsi", "nama", "satker", "tahun"]
    list_filter = ["tahun", "kode_asumsi"]
    search_fields = ["kode", "nama", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(KegiatanAnggaran)
class KegiatanAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "kode_asumsi", "nama", "program"]
    list_filter = ["kode_asumsi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["program"]


@admin.register(KroAnggaran)
class KroAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "kode_asumsi", "nama", "kegiatan"]
    list_filter = ["kode_asumsi"]
    list_select_related = ["kegiatan"]


@admin.register(RoAnggaran)
class RoAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "kode_asumsi", "nama", "kro", "sumber_dana", "pagu", "realisasi"]
    list_filter = ["sumber_dana", "kode_asumsi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kro__kegiatan__program"]


@admin.register(RevisiDipa)
class RevisiDipaAdmin(admin.ModelAdmin):
    list_display = ["satker", "tahun", "nomor", "tanggal", "keterangan"]
    list_filter = ["tahun"]
    list_select_related = ["satker"]
