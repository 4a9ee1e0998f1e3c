import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .fields import NIPField


class Tingkat(models.TextChoices):
    RI = "ri", "KPU RI"
    PROVINSI = "provinsi", "KPU Provinsi"
    KABKOTA = "kabkota", "KPU Kabupaten/Kota"


class SatkerQuerySet(models.QuerySet):
    def provinsi(self):
        return self.filter(tingkat=Tingkat.PROVINSI)

    def kabkota(self):
        return self.filter(tingkat=Tingkat.KABKOTA)

    def get_by_natural_key(self, kode):
        return self.get(kode=kode)


class Satker(models.Model):
    """A KPU work unit. Its public key is the Kemendagri region code ("18.03"; "00" for KPU RI)."""

    kode = models.CharField("kode wilayah", max_length=13, unique=True)
    nama = models.CharField(max_length=200, help_text="Contoh: KPU Kabupaten Lampung Utara")
    nama_wilayah = models.CharField(
        "nama wilayah", max_length=200, blank=True, help_text="Contoh: Kabupaten Lampung Utara"
    )
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name="satker induk",
    )
    alamat = models.TextField(blank=True)
    telepon = models.CharField(max_length=50, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField(blank=True)
    kota_ttd = models.CharField(
        "kota penandatanganan",
        max_length=100,
        blank=True,
        help_text="Kota yang dicetak di samping tanda tangan, mis. Kotabumi",
    )
    logo = models.ImageField(upload_to="logo/", blank=True)

    objects = SatkerQuerySet.as_manager()

    class Meta:
        verbose_name = "satker"
        verbose_name_plural = "satker"
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tingkat=Tingkat.RI, induk__isnull=True)
                | (~models.Q(tingkat=Tingkat.RI) & models.Q(induk__isnull=False)),
                name="satker_induk_sesuai_tingkat",
                violation_error_message="Hanya KPU RI yang tidak memiliki satker induk.",
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.kode})"

    def clean(self):
        """Kab/Kota sit under their province ("18.03" under "18"), provinces under KPU RI."""
        if not re.fullmatch(r"00|\d{2}|\d{2}\.\d{2}", self.kode or ""):
            raise ValidationError(
                {"kode": "Kode wilayah ditulis seperti 18 (provinsi), 18.03 (kab/kota) atau 00."}
            )
        if self.tingkat == Tingkat.RI:
            if self.induk_id:
                raise ValidationError({"induk": "KPU RI tidak memiliki satker induk."})
            return
        induk = self.induk
        tingkat_induk = Tingkat.RI if self.tingkat == Tingkat.PROVINSI else Tingkat.PROVINSI
        if induk is None or induk.tingkat != tingkat_induk:
            raise ValidationError(
                {"induk": f"Satker induk harus satker tingkat {tingkat_induk.label}."}
            )
        if self.tingkat == Tingkat.KABKOTA and not self.kode.startswith(induk.kode + "."):
            raise ValidationError(
                {"kode": f"Kode kab/kota harus diawali kode provinsinya ({induk.kode}.)."}
            )

    def natural_key(self):
        return (self.kode,)

    @property
    def provinsi(self):
        """The KPU Provinsi this satker belongs to (itself for a province, None for KPU RI)."""
        if self.tingkat == Tingkat.PROVINSI:
            return self
        if self.tingkat == Tingkat.KABKOTA:
            return self.induk
        return None


class Peran(models.TextChoices):
    OPERATOR = "operator", "Operator"
    PENYUSUN = "penyusun", "Penyusun"
    PIMPINAN = "pimpinan", "Pimpinan"
    REVIEWER = "reviewer", "Reviewer"
    ADMIN = "admin", "Admin"


class Keanggotaan(models.Model):
    """A user's membership: every user belongs to one satker with one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="keanggotaan",
        verbose_name="pengguna",
    )
    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="anggota")
    peran = models.CharField(max_length=10, choices=Peran.choices)
    jabatan = models.CharField(max_length=150, blank=True)
    nip = NIPField("NIP")

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        ordering = ["satker__kode", "peran", "user__username"]

    def __str__(self):
        return f"{self.user} — {self.get_peran_display()} {self.satker.nama}"

    def clean(self):
        """Reviewers work at a KPU Provinsi; admins at KPU RI."""
        if self.peran == Peran.REVIEWER and self.satker.tingkat != Tingkat.PROVINSI:
            raise ValidationError({"peran": "Reviewer harus anggota sebuah KPU Provinsi."})
        if self.peran == Peran.ADMIN and self.satker.tingkat != Tingkat.RI:
            raise ValidationError({"peran": "Admin harus anggota KPU RI."})


class KunciData(models.Model):
    """One kind of PK of a satker-year that a submitted, approved or published report stands
    on, with the message shown wherever a change is refused.

    Written only by the report workflow at each move (laporan.alur), and read by the apps that
    change the data (PK, realisasi, budget, history): they refuse a change without knowing what
    a report is, so the layers only point down. A combined report writes one row per kind."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="kunci_data")
    tahun = models.PositiveSmallIntegerField()
    jenis_pk = models.CharField("jenis PK", max_length=20)
    pesan = models.TextField()

    class Meta:
        verbose_name = "kunci data"
        verbose_name_plural = "kunci data"
        ordering = ["satker__kode", "tahun", "jenis_pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "jenis_pk"], name="kunci_data_unik_per_jenis"
            ),
        ]

    def __str__(self):
        return f"{self.satker.kode} {self.tahun} {self.jenis_pk}"
