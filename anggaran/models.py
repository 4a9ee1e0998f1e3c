"""The budget of a satker-year, as in its DIPA: Program → Kegiatan → KRO → RO.

Amounts are entered only at the RO level, per funding source (APBN, hibah); a parent's pagu and
realisasi are always computed sums (anggaran/pohon.py), never stored or typed. A RO code repeats
under different kegiatan (QGE.001 under both 6709 and 6867), so a RO is keyed by its KRO and
kegiatan. The pagu can be revised during the year: each DIPA revision is recorded, and their
number is what some PKs measure. ROs are linked to the PK indicators they serve.
"""

from django.db import models
from django.db.models import Q

from kinerja.models import RUPIAH_DIGITS
from satker.models import Satker

KODE_ASUMSI_BANTUAN = (
    "Kode tidak tercetak pada sumber data; diisi sebagai asumsi. Hapus tanda ini setelah kodenya "
    "dicocokkan dengan DIPA."
)


class SumberDana(models.TextChoices):
    APBN = "apbn", "APBN"
    HIBAH = "hibah", "Hibah"


class ProgramAnggaran(models.Model):
    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="program_anggaran")
    tahun = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=20, help_text="Contoh: 076.01.CQ")
    kode_asumsi = models.BooleanField("kode asumsi", default=False, help_text=KODE_ASUMSI_BANTUAN)
    nama = models.CharField(max_length=300)

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["satker", "tahun", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "kode"], name="program_anggaran_unik"
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class KegiatanAnggaran(models.Model):
    program = models.ForeignKey(ProgramAnggaran, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField(max_length=10, help_text="Contoh: 6639")
    kode_asumsi = models.BooleanField("kode asumsi", default=False, help_text=KODE_ASUMSI_BANTUAN)
    nama = models.CharField(max_length=300)

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_anggaran_unik"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class KroAnggaran(models.Model):
    kegiatan = models.ForeignKey(KegiatanAnggaran, on_delete=models.CASCADE, related_name="kro")
    kode = models.CharField(max_length=10, help_text="Contoh: QGE")
    kode_asumsi = models.BooleanField("kode asumsi", default=False, help_text=KODE_ASUMSI_BANTUAN)
    nama = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "KRO"
        verbose_name_plural = "KRO"
        ordering = ["kegiatan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kode"], name="kro_anggaran_unik"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}".strip()


class RoAnggaran(models.Model):
    """A RO (rincian output) with its pagu and realisasi from one funding source."""

    kro = models.ForeignKey(KroAnggaran, on_delete=models.CASCADE, related_name="ro")
    kode = models.CharField(max_length=10, help_text="Contoh: 001")
    kode_asumsi = models.BooleanField("kode asumsi", default=False, help_text=KODE_ASUMSI_BANTUAN)
    nama = models.CharField(max_length=300)
    sumber_dana = models.CharField(
        max_length=5, choices=SumberDana.choices, default=SumberDana.APBN
    )
    pagu = models.DecimalField(**RUPIAH_DIGITS)
    realisasi = models.DecimalField(**RUPIAH_DIGITS, null=True, blank=True)
    # The PK indicators this RO serves: a sasaran's efficiency compares its capaian with the
    # absorption of the ROs that serve its indicators (DOMAIN.md rule 11).
    item_pk = models.ManyToManyField(
        "kinerja.ItemPK", blank=True, related_name="ro_anggaran", verbose_name="indikator PK"
    )

    class Meta:
        verbose_name = "RO"
        verbose_name_plural = "RO"
        ordering = ["kro", "kode", "sumber_dana"]
        constraints = [
            models.UniqueConstraint(fields=["kro", "kode", "sumber_dana"], name="ro_anggaran_unik"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="ro_pagu_nonnegatif"),
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="ro_realisasi_nonnegatif",
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class RevisiDipa(models.Model):
    """A revision of the satker-year's DIPA (the pagu changed during the year)."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="revisi_dipa")
    tahun = models.PositiveSmallIntegerField()
    nomor = models.PositiveSmallIntegerField()
    tanggal = models.DateField()
    keterangan = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "revisi DIPA"
        verbose_name_plural = "revisi DIPA"
        ordering = ["satker", "tahun", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "nomor"], name="revisi_dipa_unik"),
        ]

    def __str__(self):
        return f"Revisi DIPA {self.nomor} ({self.tanggal})"
