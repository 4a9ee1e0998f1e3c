"""Performance data: Renstra catalogue, Perjanjian Kinerja, realisasi and the scales they use.

A value of an indicator is stored in two columns so that each kind keeps its real type:
`<nama>` (Decimal) holds numbers and yes/no (1 = ya, 0 = tidak); `<nama>_predikat` holds a
grade code of the indicator's scale (e.g. "BB"). Exactly one of them is set for a value.
"""

from decimal import Decimal
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nilai import NilaiTidakValid, SatuanTidakSesuai, periksa_satuan, tulis_angka, tulis_rupiah
from satker.fields import NIPField
from satker.models import Satker

from . import capaian

NILAI_DIGITS = {"max_digits": 20, "decimal_places": 4}
RUPIAH_DIGITS = {"max_digits": 18, "decimal_places": 2}
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class JenisNilai(models.TextChoices):
    ANGKA = capaian.JenisNilai.ANGKA.value, "Angka"
    PREDIKAT = capaian.JenisNilai.PREDIKAT.value, "Predikat / nilai huruf"
    YA_TIDAK = capaian.JenisNilai.YA_TIDAK.value, "Ya / tidak"


class Polaritas(models.TextChoices):
    POSITIF = capaian.Polaritas.POSITIF.value, "Positif (makin tinggi makin baik)"
    NEGATIF = capaian.Polaritas.NEGATIF.value, "Negatif (makin rendah makin baik)"


class RumusNegatif(models.TextChoices):
    SELISIH = capaian.RumusNegatif.SELISIH.value, "Selisih: (2 − realisasi ÷ target) × 100"
    RASIO = capaian.RumusNegatif.RASIO.value, "Rasio: target ÷ realisasi × 100"


class Agregasi(models.TextChoices):
    KUMULATIF = capaian.Agregasi.KUMULATIF.value, "Kumulatif (jumlah triwulan)"
    NILAI_AKHIR = capaian.Agregasi.NILAI_AKHIR.value, "Nilai akhir (triwulan terakhir)"
    RATA_RATA = capaian.Agregasi.RATA_RATA.value, "Rata-rata triwulan"


class BatasRerata(models.TextChoices):
    TANPA = "tanpa", "Tanpa batas"
    SERATUS = "100", "Dibatasi 100 %"
    SERATUS_DUA_PULUH = "120", "Dibatasi 120 %"


class JenisPK(models.TextChoices):
    LEMBAGA = "lembaga", "KPU (lembaga)"
    SEKRETARIAT = "sekretariat", "Sekretariat"


# --- Scales ---------------------------------------------------------------------------------


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


# --- Renstra catalogue ----------------------------------------------------------------------


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

    @property
    def daftar_misi(self) -> list[str]:
        return [baris.strip() for baris in self.misi.splitlines() if baris.strip()]

    @property
    def daftar_tujuan(self) -> list[str]:
        return [baris.strip() for baris in self.tujuan.splitlines() if baris.strip()]


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


class NilaiMixin:
    """Reads and checks the typed value of a `<nama>` / `<nama>_predikat` column pair."""

    def indikator_terkait(self):
        raise NotImplementedError

    @property
    def jenis_nilai_terkait(self):
        return self.indikator_terkait().jenis_nilai

    def periksa_nilai(self, nama: str, *, wajib: bool) -> None:
        """Raise ValidationError unless the pair holds a value of the indicator's kind."""
        indikator = self.indikator_terkait()
        angka = getattr(self, nama)
        predikat = getattr(self, f"{nama}_predikat")
        if angka is None and not predikat:
            if wajib:
                raise ValidationError({nama: "Nilai wajib diisi."})
            return
        if indikator.jenis_nilai == JenisNilai.PREDIKAT:
            if angka is not None or not predikat:
                raise ValidationError(
                    {nama: f"Indikator ini dinilai dengan {indikator.skala_nilai}: isi predikat."}
                )
            skala = indikator.skala_nilai.kode_berurutan
            if predikat not in skala:
                raise ValidationError(
                    {
                        nama: f"'{predikat}' tidak ada dalam skala {indikator.skala_nilai}: "
                        f"pilih salah satu dari {', '.join(skala)}."
                    }
                )
            return
        if predikat:
            raise ValidationError({nama: "Indikator ini bernilai angka, bukan predikat."})
        if indikator.jenis_nilai == JenisNilai.YA_TIDAK and angka not in (0, 1):
            raise ValidationError({nama: "Indikator ini bernilai ya (1) atau tidak (0)."})
        if angka < 0:
            raise ValidationError({nama: "Nilai tidak boleh negatif."})
        if indikator.adalah_bagian_persen and angka > 100:
            raise ValidationError(
                {nama: f"Persentase tidak boleh lebih dari 100 % ({tulis_angka(angka)})."}
            )

    def nilai_dari(self, nama: str):
        predikat = getattr(self, f"{nama}_predikat", "")
        if predikat:
            return predikat
        angka = getattr(self, nama)
        if angka is None:
            return None
        if self.jenis_nilai_terkait == JenisNilai.YA_TIDAK:
            return angka != 0
        return angka


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


# --- Earlier years without a PK ---------------------------------------------------------------

TAHUN_RIWAYAT_MIN = 2000


def pesan_tahun_riwayat(renstra: Renstra, tahun: int, pk=None) -> str | None:
    """Why an indicator of `renstra` cannot have a history row for `tahun` (`pk`: a PK of that
    year holding the indicator, if there is one), or None when it can: a nonsense year, one that
    has not begun, one after the Renstra's period, or a year computed from its PK."""
    tahun_ini = timezone.localdate().year
    if tahun < TAHUN_RIWAYAT_MIN:
        return f"Tahun {tahun} tidak masuk akal: isi tahun {TAHUN_RIWAYAT_MIN} atau sesudahnya."
    if tahun > tahun_ini:
        return (
            f"Tahun {tahun} belum berjalan: riwayat capaian hanya untuk tahun yang sudah "
            f"berjalan (sampai {tahun_ini})."
        )
    if tahun > renstra.tahun_selesai:
        return (
            f"Tahun {tahun} sesudah periode {renstra} berakhir ({renstra.tahun_selesai}); "
            "isi riwayat tahun itu pada indikator Renstra berikutnya."
        )
    if pk is not None:
        return (
            f"Tahun {tahun} sudah memiliki {pk} yang memuat indikator ini: capaiannya dihitung "
            "dari PK itu, tidak diisi sebagai riwayat."
        )
    return None


def item_pk_berlaku():
    """PK items of the PKs in force (the latest revision of each): the years a report computes
    from a PK, which therefore take no history row."""
    return ItemPK.objects.filter(pk_induk__in=PerjanjianKinerja.objects.terkini())


class RiwayatCapaianQuerySet(models.QuerySet):
    def sebelum(self, tahun: int):
        return self.filter(tahun__lt=tahun)

    def tanpa_pk(self):
        """Only years the app has no PK item of the indicator for: a year with one is computed
        from the PK, so a history row of that year (entered before the PK) is not used."""
        ada_pk = item_pk_berlaku().filter(
            indikator=models.OuterRef("indikator"), pk_induk__tahun=models.OuterRef("tahun")
        )
        return self.exclude(models.Exists(ada_pk))

    def with_indikator(self):
        """With the indicator and its grade scale, as hitung_capaian needs them."""
        return self.select_related("indikator__skala_nilai").prefetch_related(
            "indikator__skala_nilai__nilai"
        )


class RiwayatCapaian(NilaiMixin, models.Model):
    """An indicator's target and realisasi in an earlier year the app has no PK for, as an
    earlier report printed them ("LKj 2023, Tabel 3.2"). Either may be missing. The capaian is
    never stored: hitung_capaian() scores the pair by the indicator's rule."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="riwayat_capaian"
    )
    tahun = models.PositiveSmallIntegerField()
    target = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    target_predikat = models.CharField(max_length=10, blank=True)
    realisasi = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    realisasi_predikat = models.CharField(max_length=10, blank=True)
    sumber = models.CharField(
        max_length=500, blank=True, help_text="Dari mana nilainya, mis. LKj 2023, Tabel 3.2"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    objects = RiwayatCapaianQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "riwayat capaian"
        verbose_name_plural = "riwayat capaian"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun"],
                name="riwayat_capaian_unik",
                violation_error_message="Tahun ini sudah ada dalam riwayat indikator tersebut.",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=False)
                | ~Q(target_predikat="")
                | Q(realisasi__isnull=False)
                | ~Q(realisasi_predikat=""),
                name="riwayat_capaian_bernilai",
                violation_error_message="Isi target, realisasi, atau keduanya.",
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=TAHUN_RIWAYAT_MIN), name="riwayat_capaian_tahun_min"
            ),
        ]

    def __str__(self):
        return f"{self.indikator.kode} {self.tahun}: {self.nilai_dari('realisasi')}"

    def indikator_terkait(self):
        return self.indikator

    def clean(self):
        if not self.indikator_id:
            return
        galat: dict[str, list[str]] = {}
        for nama in ("target", "realisasi"):
            try:
                self.periksa_nilai(nama, wajib=False)
            except ValidationError as exc:
                galat.update(exc.message_dict)
        if not galat and self.nilai_dari("target") is None and self.nilai_dari("realisasi") is None:
            galat["__all__"] = ["Isi target, realisasi, atau keduanya."]
        if self.tahun is not None:
            pesan = self.pesan_tahun()
            if pesan:
                galat["tahun"] = [pesan]
        if galat:
            raise ValidationError(galat)

    def pesan_tahun(self) -> str | None:
        """Why this year cannot hold a history row of the indicator, or None when it can."""
        item = (
            item_pk_berlaku()
            .filter(indikator_id=self.indikator_id, pk_induk__tahun=self.tahun)
            .select_related("pk_induk__satker")
            .first()
        )
        return pesan_tahun_riwayat(
            self.indikator.sasaran.renstra, self.tahun, item.pk_induk if item else None
        )

    def hitung_capaian(self) -> capaian.Capaian:
        """The capaian by the indicator's rule (kinerja.capaian.hitung_capaian, as for a PK
        item); "—" with the reason when the target or realisasi is missing, or when a value no
        longer fits the indicator (its kind or scale changed since)."""
        indikator = self.indikator
        aturan = {
            "jenis": capaian.JenisNilai(indikator.jenis_nilai),
            "polaritas": capaian.Polaritas(indikator.polaritas),
            "rumus_negatif": capaian.RumusNegatif(indikator.rumus_negatif),
            "skala": indikator.skala,
        }
        try:
            return capaian.hitung_capaian(
                realisasi=self.nilai_dari("realisasi"), target=self.nilai_dari("target"), **aturan
            )
        except NilaiTidakValid as exc:
            kosong = capaian.hitung_capaian(realisasi=None, target=None, **aturan)
            return capaian.Capaian(None, kosong.aturan, str(exc))


# --- Perjanjian Kinerja ---------------------------------------------------------------------


class PerjanjianKinerjaQuerySet(models.QuerySet):
    def with_items(self):
        return self.select_related("satker", "renstra").prefetch_related(
            models.Prefetch(
                "item",
                queryset=ItemPK.objects.select_related(
                    "indikator__sasaran", "indikator__skala_nilai"
                ).prefetch_related("indikator__skala_nilai__nilai", "target_triwulan", "realisasi"),
            ),
            "anggaran",
        )

    def for_satker_tahun(self, satker, tahun):
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

    def realisasi_agregat(self, sampai_triwulan: int = 4):
        """The year's (or year-to-date) realisasi under the indicator's aggregation rule."""
        per_triwulan = self.realisasi_per_triwulan(sampai_triwulan)
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
        indikator = self.indikator
        return capaian.hitung_capaian(
            jenis=capaian.JenisNilai(indikator.jenis_nilai),
            realisasi=self.realisasi_agregat(sampai_triwulan),
            target=self.target_untuk(sampai_triwulan),
            polaritas=capaian.Polaritas(indikator.polaritas),
            rumus_negatif=capaian.RumusNegatif(indikator.rumus_negatif),
            skala=indikator.skala,
        )


class TargetTriwulan(NilaiMixin, models.Model):
    item = models.ForeignKey(ItemPK, on_delete=models.CASCADE, related_name="target_triwulan")
    triwulan = models.PositiveSmallIntegerField(validators=TRIWULAN_VALIDATORS)
    target = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    target_predikat = models.CharField(max_length=10, blank=True)

    history = HistoricalRecords()

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


class Realisasi(NilaiMixin, models.Model):
    """What was achieved for a PK item in a quarter, with the staff's explanation."""

    item = models.ForeignKey(ItemPK, on_delete=models.CASCADE, related_name="realisasi")
    triwulan = models.PositiveSmallIntegerField(validators=TRIWULAN_VALIDATORS)
    nilai = models.DecimalField(null=True, blank=True, **NILAI_DIGITS)
    nilai_predikat = models.CharField(max_length=10, blank=True)
    satuan = models.CharField(
        max_length=50, blank=True, help_text="Satuan realisasi; kosong berarti satuan indikator"
    )
    kegiatan = models.TextField("kegiatan yang dilaksanakan", blank=True)
    penyebab = models.TextField("penyebab keberhasilan/kegagalan", blank=True)
    solusi = models.TextField("solusi dan tindak lanjut", blank=True)
    program_pendukung = models.TextField("program/kegiatan pendukung", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diperbarui_pada = models.DateTimeField(auto_now=True)
    versi = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["diperbarui_pada"])

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["item", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "triwulan"], name="realisasi_item_triwulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="realisasi_triwulan_1_4"
            ),
            models.CheckConstraint(
                condition=Q(nilai__isnull=False) | ~Q(nilai_predikat=""),
                name="realisasi_bernilai",
                violation_error_message="Realisasi wajib memiliki nilai.",
            ),
        ]

    def __str__(self):
        return f"{self.item.indikator.kode} TW {self.triwulan}: {self.nilai_dari('nilai')}"

    def indikator_terkait(self):
        return self.item.indikator

    def clean(self):
        self.periksa_nilai("nilai", wajib=True)
        if self.satuan:
            try:
                periksa_satuan(self.satuan, self.item.indikator.satuan)
            except SatuanTidakSesuai as exc:
                raise ValidationError({"satuan": str(exc)}) from exc


BUKTI_UKURAN_MAKS = 10 * 1024 * 1024
BUKTI_JENIS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/msword": "Word 97-2003",
    "application/vnd.ms-excel": "Excel 97-2003",
}


def lokasi_bukti(instance, filename):
    """Evidence is stored per satker and year under a random name (the original is kept apart)."""
    pk = instance.realisasi.item.pk_induk
    ekstensi = Path(filename).suffix.lower()[:10]
    return (
        f"bukti/{pk.satker.kode}/{pk.tahun}/tw{instance.realisasi.triwulan}/{uuid4().hex}{ekstensi}"
    )


class Bukti(models.Model):
    """An evidence file supporting a realisasi (scan, photo, office document)."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(upload_to=lokasi_bukti, max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis_mime = models.CharField("jenis berkas", max_length=120)
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "diunggah_pada", "id"]

    def __str__(self):
        return self.nama_asli

    @property
    def jenis_tampil(self) -> str:
        return BUKTI_JENIS.get(self.jenis_mime, self.jenis_mime)
