from django.contrib import admin

from .models import Bagian, BerkasPDF, Lampiran, Laporan


class BagianInline(admin.TabularInline):
    model = Bagian
    extra = 0
    fields = ["kunci", "sumber", "diubah_oleh", "diubah_pada"]
    readonly_fields = ["diubah_pada"]


class LampiranInline(admin.TabularInline):
    model = Lampiran
    extra = 0


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "satker", "tahun", "jenis", "diperbarui_pada"]
    list_filter = ["tahun", "jenis", "satker__tingkat"]
    search_fields = ["satker__nama", "satker__kode"]
    list_select_related = ["satker"]
    inlines = [BagianInline, LampiranInline]


@admin.register(Bagian)
class BagianAdmin(admin.ModelAdmin):
    list_display = ["laporan", "kunci", "sumber", "diubah_oleh", "diubah_pada"]
    list_filter = ["sumber"]
    search_fields = ["kunci", "laporan__satker__nama"]
    list_select_related = ["laporan__satker", "diubah_oleh"]


@admin.register(BerkasPDF)
class BerkasPDFAdmin(admin.ModelAdmin):
    list_display = ["laporan", "status", "jumlah_halaman", "durasi", "dibuat_pada"]
    list_filter = ["status"]
    list_select_related = ["laporan__satker"]
    readonly_fields = ["hash_isi", "dibuat_pada", "selesai_pada"]
