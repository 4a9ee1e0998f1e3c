from django.contrib import admin
from django.utils.text import Truncator

from nilai import tulis_nilai

from . import models as m


def _singkat(teks: str) -> str:
    return Truncator(teks).chars(70)


class SatkerPKFilter(admin.RelatedOnlyFieldListFilter):
    """Only the satker that have PKs, not all 553."""


class NilaiSkalaInline(admin.TabularInline):
    model = m.NilaiSkala
    extra = 0


@admin.register(m.SkalaNilai)
class SkalaNilaiAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode"]
    inlines = [NilaiSkalaInline]


class PitaKategoriInline(admin.TabularInline):
    model = m.PitaKategori
    extra = 0


@admin.register(m.SkalaKategori)
class SkalaKategoriAdmin(admin.ModelAdmin):
    list_display = ["nama", "preset"]
    list_filter = ["preset"]
    search_fields = ["nama"]
    inlines = [PitaKategoriInline]


@admin.register(m.KebijakanCapaian)
class KebijakanCapaianAdmin(admin.ModelAdmin):
    list_display = ["satker", "tahun", "skala_kategori", "batas_rerata"]
    list_filter = ["tahun", "batas_rerata", "skala_kategori"]
    search_fields = ["satker__nama", "satker__kode"]
    list_select_related = ["satker", "skala_kategori"]
    autocomplete_fields = ["satker"]


class SasaranInline(admin.TabularInline):
    model = m.Sasaran
    extra = 0
    show_change_link = True


@admin.register(m.Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["nama", "satker", "tahun_mulai", "tahun_selesai", "acuan"]
    list_filter = ["tahun_mulai", "satker__tingkat"]
    search_fields = ["nama", "satker__nama", "satker__kode"]
    list_select_related = ["satker", "acuan"]
    autocomplete_fields = ["satker"]
    inlines = [SasaranInline]


class IndikatorInline(admin.StackedInline):
    model = m.Indikator
    extra = 0
    show_change_link = True
    fields = ["kode", "nama", "satuan", "jenis_nilai", "skala_nilai", "polaritas", "agregasi"]


@admin.register(m.Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ["nomor", "teks", "renstra"]
    list_filter = [("renstra", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["teks", "renstra__satker__nama"]
    list_select_related = ["renstra__satker"]
    inlines = [IndikatorInline]


class TargetRenstraInline(admin.TabularInline):
    model = m.TargetRenstra
    extra = 0


@admin.register(m.Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "satuan", "jenis_nilai", "polaritas", "agregasi", "sasaran"]
    list_filter = [
        "jenis_nilai",
        "polaritas",
        "agregasi",
        "skala_nilai",
        ("sasaran__renstra", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["nama", "kode", "sasaran__teks"]
    list_select_related = ["sasaran__renstra"]
    raw_id_fields = ["sasaran", "acuan"]
    inlines = [TargetRenstraInline]


class AnggaranPKInline(admin.TabularInline):
    model = m.AnggaranPK
    extra = 0


class ItemPKInline(admin.TabularInline):
    model = m.ItemPK
    extra = 0
    show_change_link = True
    raw_id_fields = ["indikator"]
    fields = [
        "urutan",
        "indikator",
        "target",
        "target_predikat",
        "target_kegiatan",
        "satuan_kegiatan",
    ]


@admin.register(m.PerjanjianKinerja)
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    list_display = ["satker", "tahun", "jenis", "revisi", "tanggal_ttd", "pihak_pertama_nama"]
    list_filter = [
        "tahun",
        "jenis",
        "satker__tingkat",
        ("satker", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["satker__nama", "satker__kode", "pihak_pertama_nama"]
    list_select_related = ["satker"]
    autocomplete_fields = ["satker"]
    raw_id_fields = ["renstra"]
    date_hierarchy = "tanggal_ttd"
    inlines = [AnggaranPKInline, ItemPKInline]


class TargetTriwulanInline(admin.TabularInline):
    model = m.TargetTriwulan
    extra = 0


class RealisasiInline(admin.StackedInline):
    model = m.Realisasi
    extra = 0
    readonly_fields = ["diperbarui_pada", "versi"]


@admin.register(m.ItemPK)
class ItemPKAdmin(admin.ModelAdmin):
    list_display = ["kode", "indikator_singkat", "target_tampil", "satker", "tahun", "jenis"]
    list_filter = [
        ("pk_induk__satker", SatkerPKFilter),
        "pk_induk__tahun",
        "pk_induk__jenis",
        "indikator__jenis_nilai",
    ]
    search_fields = ["indikator__nama", "pk_induk__satker__nama"]
    list_select_related = ["indikator", "pk_induk__satker"]
    raw_id_fields = ["pk_induk", "indikator"]
    inlines = [TargetTriwulanInline, RealisasiInline]

    @admin.display(description="kode", ordering="indikator__kode")
    def kode(self, obj):
        return obj.indikator.kode

    @admin.display(description="indikator", ordering="indikator__nama")
    def indikator_singkat(self, obj):
        return _singkat(obj.indikator.nama)

    @admin.display(description="target")
    def target_tampil(self, obj):
        return tulis_nilai(obj.nilai_dari("target"), obj.indikator.satuan)

    @admin.display(description="satker", ordering="pk_induk__satker__kode")
    def satker(self, obj):
        return obj.pk_induk.satker

    @admin.display(description="tahun", ordering="pk_induk__tahun")
    def tahun(self, obj):
        return str(obj.pk_induk.tahun)

    @admin.display(description="jenis PK", ordering="pk_induk__jenis")
    def jenis(self, obj):
        return obj.pk_induk.get_jenis_display()


@admin.register(m.Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = ["indikator", "satker", "tahun", "triwulan", "nilai_tampil", "diperbarui_pada"]
    list_filter = [
        ("item__pk_induk__satker", SatkerPKFilter),
        "item__pk_induk__tahun",
        "triwulan",
        "item__indikator__jenis_nilai",
    ]
    search_fields = ["item__indikator__nama", "item__pk_induk__satker__nama"]
    list_select_related = ["item__indikator", "item__pk_induk__satker", "diisi_oleh"]
    raw_id_fields = ["item", "diisi_oleh"]
    readonly_fields = ["diperbarui_pada", "versi"]

    @admin.display(description="indikator", ordering="item__indikator__kode")
    def indikator(self, obj):
        return _singkat(str(obj.item.indikator))

    @admin.display(description="satker", ordering="item__pk_induk__satker__kode")
    def satker(self, obj):
        return obj.item.pk_induk.satker

    @admin.display(description="tahun", ordering="item__pk_induk__tahun")
    def tahun(self, obj):
        return str(obj.item.pk_induk.tahun)

    @admin.display(description="nilai")
    def nilai_tampil(self, obj):
        return tulis_nilai(obj.nilai_dari("nilai"), obj.item.indikator.satuan)


@admin.register(m.RiwayatCapaian)
class RiwayatCapaianAdmin(admin.ModelAdmin):
    """Earlier years' values; the capaian is shown as computed, never entered."""

    list_display = ["indikator_singkat", "satker", "tahun", "target_tampil", "realisasi_tampil"]
    list_display += ["capaian_tampil", "sumber"]
    list_filter = [("indikator__sasaran__renstra__satker", SatkerPKFilter), "tahun"]
    search_fields = ["indikator__nama", "indikator__sasaran__renstra__satker__nama", "sumber"]
    list_select_related = ["indikator__sasaran__renstra__satker", "indikator__skala_nilai"]
    raw_id_fields = ["indikator", "diubah_oleh"]
    readonly_fields = ["diubah_pada"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("indikator__skala_nilai__nilai")

    @admin.display(description="indikator", ordering="indikator__kode")
    def indikator_singkat(self, obj):
        return _singkat(str(obj.indikator))

    @admin.display(description="satker", ordering="indikator__sasaran__renstra__satker__kode")
    def satker(self, obj):
        return obj.indikator.sasaran.renstra.satker

    @admin.display(description="target")
    def target_tampil(self, obj):
        return tulis_nilai(obj.nilai_dari("target"), obj.indikator.satuan)

    @admin.display(description="realisasi")
    def realisasi_tampil(self, obj):
        return tulis_nilai(obj.nilai_dari("realisasi"), obj.indikator.satuan)

    @admin.display(description="capaian")
    def capaian_tampil(self, obj):
        return obj.hitung_capaian().tampil
