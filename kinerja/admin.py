from django.contrib import admin

from . import models as m


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
    list_display = ["indikator", "target", "target_predikat", "pk_induk"]
    list_filter = ["pk_induk__tahun", "pk_induk__jenis", "indikator__jenis_nilai"]
    search_fields = ["indikator__nama", "pk_induk__satker__nama"]
    list_select_related = ["indikator", "pk_induk__satker"]
    raw_id_fields = ["pk_induk", "indikator"]
    inlines = [TargetTriwulanInline, RealisasiInline]


@admin.register(m.Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = ["item", "triwulan", "nilai", "nilai_predikat", "diisi_oleh", "diperbarui_pada"]
    list_filter = ["triwulan", "item__pk_induk__tahun", "item__indikator__jenis_nilai"]
    search_fields = ["item__indikator__nama", "item__pk_induk__satker__nama"]
    list_select_related = ["item__indikator", "item__pk_induk__satker", "diisi_oleh"]
    raw_id_fields = ["item", "diisi_oleh"]
    readonly_fields = ["diperbarui_pada", "versi"]
