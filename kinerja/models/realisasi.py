"""Quarterly realisasi of a PK item and the evidence files supporting it."""

from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nilai import SatuanTidakSesuai, periksa_satuan

from .nilai import NILAI_DIGITS, TRIWULAN_VALIDATORS, NilaiMixin
from .pk import ItemPK


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
    # Who made the change, for the history row (django-simple-history reads it).
    _history_user: object

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
