"""Perjanjian Kinerja: the signed agreement, its programme budget, indicator rows and quarterly
targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nilai import tulis_rupiah
from satker.fields import NIPField
from satker.models import Satker

from .. import capaian
from .nilai import NILAI_DIGITS, RUPIAH_DIGITS, TRIWULAN_VALIDATORS, JenisNilai, JenisPK, NilaiMixin
from .renstra import Indikator, Renstra


class PerjanjianKinerjaQuerySet(models.QuerySet):
    def dengan_item(self):
        return self.select_related("satker", "renstra").prefetch_related(
            models.Prefetch(
                "item",
                queryset=ItemPK.objects.select_related(
                    "indikator__sasaran", "indikator__skala_nilai"
                ).prefetch_related("indikator__skala_nilai__nilai", "target_triwulan", "realisasi"),
            ),
            "anggaran",
        )

    def untuk_satker_tahun(self, satker, tahun):
        return self.filter(satker=satker, tahun=tahun)

    def terkini(self):
        """Only the latest revision of each satker-year-kind: the PK in force."""
        lebih_baru = PerjanjianKinerja.objects.filter(
            satker=models.OuterRef("satker"),
            tahun=models.OuterRef("tahun"),
            jenis=models.OuterRef("jenis"),
            revisi__gt=models.OuterRef("revisi"),
        )
        return self.exclude(models.Exists(lebih_baru))


class PerjanjianKinerja(models.Model):
    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=12, choices=JenisPK.choices, default=JenisPK.LEMBAGA)
    revisi = models.PositiveSmallIntegerField(default=0)
    alasan_revisi = models.TextField(blank=True)
    renstra = models.ForeignKey(
        Renstra, on_delete=models.PROTECT, related_name="perjanjian_kinerja"
    )
    tempat_ttd = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal_ttd = models.DateField("tanggal penandatanganan", null=True, blank=True)
    pihak_pertama_nama = models.CharField("nama pihak pertama", max_length=150, blank=True)
    pihak_pertama_jabatan = models.CharField("jabatan pihak pertama", max_length=150, blank=True)
    pihak_pertama_nip = NIPField("NIP pihak pertama")
    pihak_kedua_nama = models.CharField("nama pihak kedua", max_length=150, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=150, blank=True)
    pihak_kedua_nip = NIPField("NIP pihak kedua")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = PerjanjianKinerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["satker__kode", "-tahun", "jenis", "-revisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "jenis", "revisi"], name="pk_satker_tahun_jenis_revisi"
            ),
            models.CheckConstraint(
                condition=Q(revisi=0) | ~Q(alasan_revisi=""),
                name="pk_revisi_beralasan",
                violation_error_message="Revisi Perjanjian Kinerja wajib disertai alasan.",
            ),
        ]

    def __str__(self):
        teks = f"PK {self.get_jenis_display()} {self.satker.nama} {self.tahun}"
        return f"{teks} (revisi {self.revisi})" if self.revisi else teks

    def clean(self):
        if (
            self.renstra_id
            and self.tahun
            and not (self.renstra.tahun_mulai <= self.tahun <= self.renstra.tahun_selesai)
        ):
            raise ValidationError(
                {"tahun": f"Tahun {self.tahun} berada di luar periode {self.renstra}."}
            )


class AnggaranPK(models.Model):
    """The programme budget stated on a PK (e.g. "Program Dukungan Manajemen Rp 3.045.667.000")."""

    pk_induk = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="anggaran", verbose_name="PK"
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    kode = models.CharField(max_length=30, blank=True, help_text="Contoh: 076.01.WA")
    program = models.CharField(max_length=250)
    pagu = models.DecimalField(**RUPIAH_DIGITS)

    class Meta:
        verbose_name = "anggaran program PK"
        verbose_name_plural = "anggaran program PK"
        ordering = ["pk_induk", "urutan"]
        constraints = [
            models.CheckConstraint(condition=Q(pagu__gte=0), name="anggaran_pk_pagu_nonnegatif"),
        ]

    def __str__(self):
        return f"{self.program}: {tulis_rupiah(self.pagu)}"


class ItemPK(NilaiMixin, models.Model):
    """One indicator row of a PK: its yearly target and optional quarterly targets."""

    pk_induk = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="item", verbose_name="PK"
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="item_pk")
    target = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    target_predikat = models.CharField(max_length=10, blank=True)
    target_kegiatan = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    satuan_kegiatan = models.CharField(max_length=50, blank=True, help_text="Contoh: orang")

    history = HistoricalRecords()
    # Who made the change, for the history row (django-simple-history reads it).
    _history_user: object

    class Meta:
        verbose_name = "indikator PK"
        verbose_name_plural = "indikator PK"
        ordering = ["pk_induk", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pk_induk", "indikator"], name="item_pk_indikator_unik"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(target_predikat=""),
                name="item_pk_bertarget",
                violation_error_message="Setiap indikator PK wajib memiliki target.",
            ),
            models.CheckConstraint(
                condition=Q(target_kegiatan__isnull=True) | Q(target_kegiatan__gte=0),
                name="item_pk_target_kegiatan_nonnegatif",
            ),
        ]

    def __str__(self):
        return f"{self.indikator.nama} — target {self.nilai_dari('target')}"

    def indikator_terkait(self):
        return self.indikator

    def clean(self):
        if self.indikator_id and self.pk_induk_id:
            if self.indikator.sasaran.renstra_id != self.pk_induk.renstra_id:
                raise ValidationError(
                    {"indikator": "Indikator harus berasal dari Renstra yang diacu PK ini."}
                )
            self.periksa_nilai("target", wajib=True)

    @property
    def sasaran(self):
        return self.indikator.sasaran

    def realisasi_per_triwulan(self, sampai_triwulan: int = 4) -> dict:
        """Typed realisasi per quarter, up to and including `sampai_triwulan` (uses prefetch)."""
        return {
            r.triwulan: r.nilai_dari("nilai")
            for r in self.realisasi.all()
            if r.triwulan <= sampai_triwulan
        }

    def realisasi_agregat(self, sampai_triwulan: int = 4, nilai_triwulan=None):
        """The year's (or year-to-date) realisasi under the indicator's aggregation rule.
        `nilai_triwulan`, when given, replaces the stored value of quarter `sampai_triwulan`
        (a value typed but not saved yet, as the live preview scores it)."""
        per_triwulan = self.realisasi_per_triwulan(sampai_triwulan)
        if nilai_triwulan is not None:
            per_triwulan[sampai_triwulan] = nilai_triwulan
        indikator = self.indikator
        if indikator.jenis_nilai == JenisNilai.ANGKA:
            return capaian.agregasi_triwulan(per_triwulan, capaian.Agregasi(indikator.agregasi))
        # Grades and yes/no are states, never summed: the latest reported quarter counts.
        return capaian.nilai_terakhir(per_triwulan)

    def target_untuk(self, triwulan: int = 4):
        """The quarter's own target when one is set, else the yearly target."""
        for t in self.target_triwulan.all():
            if t.triwulan == triwulan and (t.target is not None or t.target_predikat):
                return t.nilai_dari("target")
        return self.nilai_dari("target")

    def hitung_capaian(self, sampai_triwulan: int = 4) -> capaian.Capaian:
        """The year's (or year-to-date) capaian: the aggregated realisasi against the quarter's
        target."""
        return self.capaian_untuk(
            realisasi=self.realisasi_agregat(sampai_triwulan),
            target=self.target_untuk(sampai_triwulan),
        )


class TargetTriwulan(NilaiMixin, models.Model):
    item = models.ForeignKey(ItemPK, on_delete=models.CASCADE, related_name="target_triwulan")
    triwulan = models.PositiveSmallIntegerField(validators=TRIWULAN_VALIDATORS)
    target = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    target_predikat = models.CharField(max_length=10, blank=True)

    history = HistoricalRecords()
    # Who made the change, for the history row (django-simple-history reads it).
    _history_user: object

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["item", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["item", "triwulan"], name="target_triwulan_unik"),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="target_triwulan_1_4"
            ),
        ]

    def __str__(self):
        return f"TW {self.triwulan}: {self.nilai_dari('target')}"

    def indikator_terkait(self):
        return self.item.indikator

    def clean(self):
        self.periksa_nilai("target", wajib=True)


def item_pk_berlaku():
    """PK items of the PKs in force (the latest revision of each): the years a report computes
    from a PK, which therefore take no history row."""
    return ItemPK.objects.filter(pk_induk__in=PerjanjianKinerja.objects.terkini())
