"""Grade scales, category scales with their bands, and the capaian policy of a satker-year."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from satker.models import Satker

from .. import capaian
from .nilai import BatasRerata


class SkalaNilaiQuerySet(models.QuerySet):
    def get_by_natural_key(self, kode):
        return self.get(kode=kode)


class SkalaNilai(models.Model):
    """An ordered grade scale, e.g. AKIP predikat D < C < CC < B < BB < A < AA."""

    kode = models.SlugField(max_length=30, unique=True)
    nama = models.CharField(max_length=100)
    keterangan = models.TextField(blank=True)

    objects = SkalaNilaiQuerySet.as_manager()

    class Meta:
        verbose_name = "skala nilai"
        verbose_name_plural = "skala nilai"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def natural_key(self):
        return (self.kode,)

    @property
    def kode_berurutan(self) -> list[str]:
        """Grade codes from the lowest rank up, as the calculator expects them."""
        return [n.kode for n in sorted(self.nilai.all(), key=lambda n: n.peringkat)]


class NilaiSkala(models.Model):
    skala = models.ForeignKey(SkalaNilai, on_delete=models.CASCADE, related_name="nilai")
    kode = models.CharField(max_length=10)
    label = models.CharField(max_length=100, blank=True)
    peringkat = models.PositiveSmallIntegerField(
        help_text="1 untuk nilai terendah", validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = "nilai skala"
        verbose_name_plural = "nilai skala"
        ordering = ["skala", "peringkat"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "kode"], name="nilai_skala_kode_unik"),
            models.UniqueConstraint(
                fields=["skala", "peringkat"], name="nilai_skala_peringkat_unik"
            ),
            models.CheckConstraint(condition=Q(peringkat__gte=1), name="nilai_skala_peringkat_min"),
        ]

    def __str__(self):
        return f"{self.kode} ({self.skala.nama})"


class SkalaKategoriQuerySet(models.QuerySet):
    def get_by_natural_key(self, nama):
        return self.get(nama=nama)

    def preset(self):
        return self.filter(preset=True)

    def untuk_satker(self, satker):
        """The scales a satker may pick: the presets and its own."""
        return self.filter(Q(preset=True) | Q(pemilik=satker))


class SkalaKategori(models.Model):
    """Ordered bands that turn a capaian into words ("Sangat Baik"); no gaps by construction."""

    nama = models.CharField(max_length=150, unique=True)
    keterangan = models.TextField(blank=True)
    preset = models.BooleanField(default=False, help_text="Disediakan untuk dipilih semua satker")
    pemilik = models.ForeignKey(
        Satker,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="skala_kategori",
        help_text="Satker yang menyusun skala ini sendiri; kosong untuk preset",
    )

    objects = SkalaKategoriQuerySet.as_manager()

    class Meta:
        verbose_name = "skala kategori capaian"
        verbose_name_plural = "skala kategori capaian"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def natural_key(self):
        return (self.nama,)

    @property
    def daftar_pita(self) -> list[capaian.Pita]:
        return [capaian.Pita(batas_bawah=p.batas_bawah, label=p.label) for p in self.pita.all()]

    def kategori(self, nilai: Decimal | None) -> str | None:
        return capaian.kategori(nilai, self.daftar_pita)


class PitaKategori(models.Model):
    skala = models.ForeignKey(SkalaKategori, on_delete=models.CASCADE, related_name="pita")
    label = models.CharField(max_length=50)
    batas_bawah = models.DecimalField(
        "batas bawah (inklusif)", max_digits=7, decimal_places=2, help_text="Dalam persen"
    )

    class Meta:
        verbose_name = "pita kategori"
        verbose_name_plural = "pita kategori"
        ordering = ["skala", "batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "batas_bawah"], name="pita_batas_unik"),
        ]

    def __str__(self):
        return f"{self.label} ≥ {self.batas_bawah}"


class KebijakanCapaianQuerySet(models.QuerySet):
    def untuk(self, satker, tahun) -> "KebijakanCapaian | None":
        """The satker-year's policy with its scale and bands, ready for kategori()."""
        return (
            self.select_related("skala_kategori")
            .prefetch_related("skala_kategori__pita")
            .filter(satker=satker, tahun=tahun)
            .first()
        )


class KebijakanCapaian(models.Model):
    """Per satker and year: which category scale applies and how scores are capped in means."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="kebijakan_capaian")
    tahun = models.PositiveSmallIntegerField()
    skala_kategori = models.ForeignKey(SkalaKategori, on_delete=models.PROTECT)
    batas_rerata = models.CharField(
        "batas capaian dalam rata-rata",
        max_length=5,
        choices=BatasRerata.choices,
        default=BatasRerata.TANPA,
    )

    objects = KebijakanCapaianQuerySet.as_manager()

    class Meta:
        verbose_name = "kebijakan capaian"
        verbose_name_plural = "kebijakan capaian"
        ordering = ["satker__kode", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun"], name="kebijakan_satker_tahun_unik"),
        ]

    def __str__(self):
        return f"{self.satker.nama} {self.tahun}"

    @property
    def batas(self) -> Decimal | None:
        return None if self.batas_rerata == BatasRerata.TANPA else Decimal(self.batas_rerata)
