from django.contrib import admin

from .models import Bagian, BerkasFinal, BerkasPDF, CatatanReviu, Lampiran, Laporan, RiwayatStatus


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
    list_display = ["__str__", "satker", "tahun", "jenis", "status", "revisi", "diperbarui_pada"]
    list_filter = ["status", "tahun", "jenis", "satker__tingkat"]
    # The status moves only through the review workflow (laporan/alur.py), with its history.
    readonly_fields = ["status", "revisi", "diajukan_pada"]
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


@admin.register(RiwayatStatus)
class RiwayatStatusAdmin(admin.ModelAdmin):
    list_display = ["laporan", "revisi", "dari", "ke", "oleh", "pada"]
    list_filter = ["ke"]
    list_select_related = ["laporan__satker", "oleh"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CatatanReviu)
class CatatanReviuAdmin(admin.ModelAdmin):
    list_display = ["laporan", "revisi", "label", "selesai", "dibuat_oleh", "dibuat_pada"]
    list_filter = ["selesai", "sasaran"]
    list_select_related = ["laporan__satker", "dibuat_oleh"]


@admin.register(BerkasFinal)
class BerkasFinalAdmin(admin.ModelAdmin):
    list_display = ["laporan", "revisi", "jumlah_halaman", "disetujui_oleh", "disetujui_pada"]
    list_select_related = ["laporan__satker", "disetujui_oleh"]
    readonly_fields = [f.name for f in BerkasFinal._meta.fields]

    def has_add_permission(self, request):
        return False
