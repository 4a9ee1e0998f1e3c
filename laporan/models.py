"""The Laporan Kinerja of a satker-year: its narrative sections, attachments and rendered PDFs.

Numbers, tables and charts are never stored here: they are composed from kinerja data at render
time (laporan/data.py). What is stored is what people write (sections), what they attach, and
the PDFs rendered from it, keyed by a hash of everything that went into them.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kinerja.models import JenisPK
from satker import akses
from satker.fields import NIPField
from satker.kunci import DataTerkunci
from satker.models import Satker


class StatusLaporan(models.TextChoices):
    """Where a report is in its review (laporan/alur.py holds the moves between them)."""

    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan untuk reviu"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk perbaikan"
    DISETUJUI = "disetujui", "Disetujui"
    TERBIT = "terbit", "Terbit"


class JenisLaporan(models.TextChoices):
    """Which PKs a report covers: one kind, or every PK of the satker-year in one LKj (as a
    satker that publishes the commission's and the secretariat's PK together does)."""

    LEMBAGA = JenisPK.LEMBAGA.value, JenisPK.LEMBAGA.label
    SEKRETARIAT = JenisPK.SEKRETARIAT.value, JenisPK.SEKRETARIAT.label
    GABUNGAN = "gabungan", "Gabungan (semua PK tahun ini)"


# While a report is with its reviewer, or once approved or published, nothing that feeds it may
# change (laporan/alur.py: kunci_laporan).
STATUS_TERKUNCI = (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI, StatusLaporan.TERBIT)


class LaporanQuerySet(models.QuerySet):
    def untuk_satker_tahun(self, satker, tahun):
        return self.filter(satker=satker, tahun=tahun)

    def terkunci(self):
        return self.filter(status__in=STATUS_TERKUNCI)

    def dengan_catatan_terbuka(self):
        """Annotate each report with its open review notes on its current revision."""
        terbuka = models.Q(catatan__selesai=False, catatan__revisi=models.F("revisi"))
        return self.annotate(catatan_terbuka=models.Count("catatan", filter=terbuka))

    def urutan_reviu(self):
        """Reports waiting for review first, the longest waiting on top; then by satker, newest
        year first."""
        menunggu = models.Case(
            models.When(status=StatusLaporan.DIAJUKAN, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.annotate(_menunggu=menunggu).order_by(
            "_menunggu", "diajukan_pada", "satker__kode", "-tahun", "jenis"
        )

    def untuk_pereviu(self, user):
        """The reports a reviewer reviews: those of the Kab/Kota of their KPU Provinsi; for an
        admin, every report (the provinces' own are reviewed by KPU RI)."""
        qs = (
            self.select_related("satker__induk")
            .dengan_catatan_terbuka()
            .order_by("satker__kode", "-tahun", "jenis")
        )
        satker = akses.satker_direviu(user)
        return qs if satker is None else qs.filter(satker__in=satker)


class Laporan(models.Model):
    """One LKj per satker, year and kind (the commission's or the secretariat's)."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="laporan")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(
        max_length=12, choices=JenisLaporan.choices, default=JenisLaporan.LEMBAGA
    )
    status = models.CharField(
        max_length=12, choices=StatusLaporan.choices, default=StatusLaporan.DRAF
    )
    revisi = models.PositiveSmallIntegerField(
        default=1, help_text="Naik setiap kali laporan yang disetujui atau terbit dibuka kembali"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    tempat_ttd = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal_ttd = models.DateField("tanggal penandatanganan", null=True, blank=True)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=150, blank=True)
    penandatangan_jabatan = models.CharField(
        "jabatan penandatangan", max_length=150, blank=True, help_text="Contoh: Ketua"
    )
    penandatangan_nip = NIPField("NIP penandatangan")
    sekretaris_nama = models.CharField("nama sekretaris", max_length=150, blank=True)
    sekretaris_nip = NIPField("NIP sekretaris")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diperbarui_pada = models.DateTimeField(auto_now=True)

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan kinerja"
        verbose_name_plural = "laporan kinerja"
        ordering = ["satker__kode", "-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "jenis"], name="laporan_satker_tahun_jenis"
            ),
        ]

    def __str__(self):
        teks = f"LKj {self.nama_pemilik} {self.tahun}"
        return f"{teks} (gabungan)" if self.gabungan else teks

    @property
    def nama_pemilik(self) -> str:
        """Whose report it is, as printed: "KPU Kota Serang" or "Sekretariat KPU Kota Serang"
        (a combined report is the commission's)."""
        if self.jenis == JenisLaporan.SEKRETARIAT:
            return f"Sekretariat {self.satker.nama}"
        return self.satker.nama

    @property
    def gabungan(self) -> bool:
        return self.jenis == JenisLaporan.GABUNGAN

    @property
    def jenis_pk(self) -> list[str]:
        """The kinds of PK this report is made from (and whose data it locks)."""
        if self.gabungan:
            return [JenisPK.LEMBAGA, JenisPK.SEKRETARIAT]
        return [self.jenis]

    @property
    def terkunci(self) -> bool:
        return self.status in STATUS_TERKUNCI

    @property
    def pesan_kunci(self) -> str:
        """Why nothing that feeds this report may change now (shown wherever an edit is
        refused or disabled)."""
        return (
            f"{self} berstatus “{self.get_status_display()}”: data yang menjadi dasar laporan "
            "tidak dapat diubah sampai laporan dikembalikan oleh reviewer atau dibuka kembali."
        )

    def periksa_terbuka(self) -> None:
        """Refuse (DataTerkunci) a change to the report's own content (sections, signature data,
        attachments) while it is submitted, approved or published."""
        if self.terkunci:
            raise DataTerkunci(self.pesan_kunci)


class RiwayatStatus(models.Model):
    """One move of a report's review: who, when, from, to, why, and on which revision.

    An approval also keeps who signs the Pernyataan Telah Direviu (name, jabatan, NIP, place),
    as the reviewer typed them: the statement is signed by a person, not by an account, and the
    frozen PDF prints exactly this. The other moves leave them blank."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="riwayat_status")
    revisi = models.PositiveSmallIntegerField()
    dari = models.CharField(max_length=12, choices=StatusLaporan.choices)
    ke = models.CharField(max_length=12, choices=StatusLaporan.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    komentar = models.TextField(blank=True)
    ttd_nama = models.CharField("nama penanda tangan reviu", max_length=150, blank=True)
    ttd_jabatan = models.CharField("jabatan penanda tangan reviu", max_length=150, blank=True)
    ttd_nip = NIPField("NIP penanda tangan reviu")
    ttd_tempat = models.CharField("tempat penandatanganan reviu", max_length=100, blank=True)

    class Meta:
        verbose_name = "riwayat status laporan"
        verbose_name_plural = "riwayat status laporan"
        ordering = ["laporan", "pada", "id"]

    def __str__(self):
        return f"{self.laporan}: {self.get_dari_display()} → {self.get_ke_display()}"


class SumberBagian(models.TextChoices):
    DRAF = "draf", "Draf dari data (mengikuti data)"
    STAF = "staf", "Teks staf"


class Bagian(models.Model):
    """A narrative section. Without a row (or with sumber=draf) the report prints the draft the
    product writes from the current data; with sumber=staf it prints the staff's Markdown and
    keeps it when the data changes (the draft is then flagged as changed since)."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="bagian")
    kunci = models.CharField(max_length=80)
    sumber = models.CharField(max_length=4, choices=SumberBagian.choices)
    teks = models.TextField(blank=True, help_text="Markdown")
    hash_draf = models.CharField(
        max_length=64, blank=True, help_text="Hash of the draft the staff saw when writing"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "bagian laporan"
        verbose_name_plural = "bagian laporan"
        ordering = ["laporan", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "kunci"], name="bagian_laporan_kunci_unik"),
        ]

    def __str__(self):
        return f"{self.laporan}: {self.kunci}"


def lokasi_lampiran(instance, filename):
    lap = instance.laporan
    return f"lampiran/{lap.satker.kode}/{lap.tahun}/{uuid4().hex}.pdf"


class Lampiran(models.Model):
    """A PDF attached to the report's Lampiran (e.g. the scan of the signed PK)."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="lampiran")
    judul = models.CharField(max_length=200)
    berkas = models.FileField(upload_to=lokasi_lampiran, max_length=200)
    jumlah_halaman = models.PositiveIntegerField(default=0)
    urutan = models.PositiveSmallIntegerField(default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lampiran"
        verbose_name_plural = "lampiran"
        ordering = ["laporan", "urutan", "id"]

    def __str__(self):
        return self.judul


class StatusPDF(models.TextChoices):
    ANTRI = "antri", "Menunggu giliran"
    PROSES = "proses", "Sedang disusun"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


def lokasi_pdf(instance, filename):
    lap = instance.laporan
    return f"pdf/{lap.satker.kode}/{lap.tahun}/{instance.hash_isi[:16]}.pdf"


class BerkasPDF(models.Model):
    """A rendered PDF, identified by the hash of everything that went into it, so an unchanged
    report is served from here and any change of data or text makes a new one."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="berkas_pdf")
    hash_isi = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=StatusPDF.choices, default=StatusPDF.ANTRI)
    berkas = models.FileField(upload_to=lokasi_pdf, max_length=200, blank=True)
    jumlah_halaman = models.PositiveIntegerField(default=0)
    ukuran = models.PositiveIntegerField(default=0)
    durasi = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    pesan = models.TextField(blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "berkas PDF"
        verbose_name_plural = "berkas PDF"
        ordering = ["laporan", "-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "hash_isi"], name="berkas_pdf_hash_unik"),
        ]

    def __str__(self):
        return f"{self.laporan} ({self.get_status_display()})"


def lokasi_final(instance, filename):
    lap = instance.laporan
    return f"pdf/final/{lap.satker.kode}/{lap.tahun}/{lap.jenis}-revisi-{instance.revisi}.pdf"


class BerkasFinal(models.Model):
    """The frozen PDF of an approved revision: rendered once at approval, with the reviewer's
    statement and the revision and approval date in every footer. Its bytes never change, so
    its SHA-256 identifies the file that was reviewed (and later published)."""

    laporan = models.ForeignKey(Laporan, on_delete=models.PROTECT, related_name="berkas_final")
    revisi = models.PositiveSmallIntegerField()
    berkas = models.FileField(upload_to=lokasi_final, max_length=200)
    sha256 = models.CharField(max_length=64)
    jumlah_halaman = models.PositiveIntegerField()
    ukuran = models.PositiveIntegerField()
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    disetujui_pada = models.DateTimeField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "PDF final"
        verbose_name_plural = "PDF final"
        ordering = ["laporan", "-revisi"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "revisi"], name="berkas_final_revisi_unik"),
        ]

    def __str__(self):
        return f"{self.laporan}, revisi {self.revisi}"


class SasaranCatatan(models.TextChoices):
    LAPORAN = "laporan", "Laporan secara umum"
    BAGIAN = "bagian", "Bagian naratif"
    INDIKATOR = "indikator", "Baris indikator (tabel pengukuran)"


class CatatanReviuQuerySet(models.QuerySet):
    def terbuka(self):
        return self.filter(selesai=False)


class CatatanReviu(models.Model):
    """A reviewer's note on a revision of a report: on the whole report, on one section, or on
    one indicator row of the measurement table. The satker answers it and the reviewer
    resolves it; a report cannot be approved while a note of its revision is open."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="catatan")
    revisi = models.PositiveSmallIntegerField()
    sasaran = models.CharField(max_length=10, choices=SasaranCatatan.choices)
    kunci = models.CharField(
        max_length=80, blank=True, help_text="Kunci bagian atau kode indikator"
    )
    label = models.CharField(max_length=300, help_text="Yang dicatat, sebagaimana tercetak")
    teks = models.TextField()
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    jawaban = models.TextField(blank=True)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    selesai = models.BooleanField(default=False)
    diselesaikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diselesaikan_pada = models.DateTimeField(null=True, blank=True)

    objects = CatatanReviuQuerySet.as_manager()

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["laporan", "-revisi", "dibuat_pada", "id"]

    def __str__(self):
        return f"{self.laporan} r{self.revisi}: {self.label}"
