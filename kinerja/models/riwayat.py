"""Earlier years without a PK: an indicator's target and realisasi as an earlier LKj printed
them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nilai import NilaiTidakValid

from .. import capaian
from .nilai import NILAI_DIGITS, NilaiMixin
from .pk import item_pk_berlaku
from .renstra import Indikator, Renstra

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

    def dengan_indikator(self):
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
    # Who made the change, for the history row (django-simple-history reads it).
    _history_user: object

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
        try:
            return self.capaian_untuk(
                realisasi=self.nilai_dari("realisasi"), target=self.nilai_dari("target")
            )
        except NilaiTidakValid as exc:
            kosong = self.capaian_untuk(realisasi=None, target=None)
            return capaian.Capaian(None, kosong.aturan, str(exc))
