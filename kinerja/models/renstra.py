"""The Renstra catalogue: the five-year plan, its sasaran, indicators and medium-term targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from nilai import NilaiTerbaca, NilaiTidakValid, baca_nilai
from satker.models import Satker

from .nilai import NILAI_DIGITS, Agregasi, JenisNilai, NilaiMixin, Polaritas, RumusNegatif
from .skala import SkalaNilai


class Renstra(models.Model):
    """A five-year strategic plan. KPU RI's is the national catalogue; a satker adapts it."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="renstra")
    tahun_mulai = models.PositiveSmallIntegerField()
    tahun_selesai = models.PositiveSmallIntegerField()
    nama = models.CharField(max_length=250)
    visi = models.TextField(blank=True)
    misi = models.TextField(blank=True, help_text="Satu misi per baris")
    tujuan = models.TextField(blank=True, help_text="Satu tujuan per baris")
    acuan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="turunan",
        help_text="Renstra nasional yang diacu",
    )

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["satker__kode", "-tahun_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun_mulai"], name="renstra_satker_periode_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")),
                name="renstra_periode_urut",
            ),
        ]

    def __str__(self):
        periode = f"{self.tahun_mulai}–{self.tahun_selesai}"
        return self.nama if periode in self.nama else f"{self.nama} ({periode})"


class Sasaran(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField("sasaran strategis")

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="sasaran_nomor_unik"),
        ]

    def __str__(self):
        return f"{self.nomor}. {self.teks}"


class Indikator(NilaiMixin, models.Model):
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indikator")
    kode = models.CharField(max_length=20, help_text="Contoh: 1.2")
    nama = models.TextField("indikator kinerja")
    satuan = models.CharField(max_length=50, help_text="Contoh: %, dokumen, orang, predikat")
    jenis_nilai = models.CharField(
        max_length=10, choices=JenisNilai.choices, default=JenisNilai.ANGKA
    )
    skala_nilai = models.ForeignKey(
        SkalaNilai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Wajib bila jenis nilai predikat",
    )
    polaritas = models.CharField(
        max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    rumus_negatif = models.CharField(
        max_length=10, choices=RumusNegatif.choices, default=RumusNegatif.SELISIH
    )
    agregasi = models.CharField(
        "agregasi triwulan", max_length=12, choices=Agregasi.choices, default=Agregasi.NILAI_AKHIR
    )
    boleh_melebihi_100 = models.BooleanField(
        "nilai boleh melebihi 100 %",
        default=False,
        help_text="Untuk satuan %: biarkan kosong bila nilainya bagian dari keseluruhan "
        "(persentase tidak mungkin lebih dari 100).",
    )
    definisi_operasional = models.TextField(blank=True)
    sumber_data = models.TextField(blank=True)
    baseline = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    baseline_predikat = models.CharField(max_length=10, blank=True)
    standar_nasional = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    standar_nasional_predikat = models.CharField(max_length=10, blank=True)
    acuan = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turunan",
        help_text="Indikator Renstra nasional yang diacu",
    )

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["sasaran__renstra", "sasaran__nomor", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(
                condition=~Q(jenis_nilai=JenisNilai.PREDIKAT) | Q(skala_nilai__isnull=False),
                name="indikator_predikat_berskala",
                violation_error_message="Indikator berjenis predikat wajib memiliki skala nilai.",
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def indikator_terkait(self):
        return self

    def clean(self):
        if self.jenis_nilai == JenisNilai.PREDIKAT and not self.skala_nilai_id:
            raise ValidationError(
                {"skala_nilai": "Indikator berjenis predikat wajib memiliki skala."}
            )
        if self.jenis_nilai != JenisNilai.PREDIKAT:
            self.skala_nilai = None
        self.periksa_nilai("baseline", wajib=False)
        self.periksa_nilai("standar_nasional", wajib=False)

    @property
    def adalah_bagian_persen(self) -> bool:
        """A percentage that is a share of a whole, so never above 100."""
        return self.satuan.strip() in ("%", "persen") and not self.boleh_melebihi_100

    @property
    def skala(self) -> list[str] | None:
        return self.skala_nilai.kode_berurutan if self.skala_nilai_id else None

    def baca(self, nilai) -> NilaiTerbaca:
        """A value of this indicator, typed on any page or read from any file, as its
        (angka, predikat) pair: nilai.baca_nilai with the indicator's kind, unit and scale; a
        refusal is a ValidationError with the reader's Indonesian message."""
        try:
            return baca_nilai(
                nilai, jenis=self.jenis_nilai, satuan=self.satuan, skala=self.skala or ()
            )
        except NilaiTidakValid as exc:
            raise ValidationError(str(exc)) from exc


class TargetRenstra(NilaiMixin, models.Model):
    """The medium-term target of an indicator for one year of its Renstra period."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="target_renstra"
    )
    tahun = models.PositiveSmallIntegerField()
    target = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    target_predikat = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = "target Renstra"
        verbose_name_plural = "target Renstra"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_renstra_unik"),
        ]

    def __str__(self):
        return f"{self.indikator.kode} {self.tahun}: {self.nilai_dari('target')}"

    def indikator_terkait(self):
        return self.indikator

    def clean(self):
        self.periksa_nilai("target", wajib=True)
