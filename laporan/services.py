"""Writes on reports. Keyword-only arguments, one transaction each, full_clean() before save."""

import io

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from kinerja.models import JenisPK, PerjanjianKinerja

from .models import Bagian, BerkasPDF, JenisLaporan, Lampiran, Laporan, StatusPDF, SumberBagian

BATAS_TEKS = 30_000
BATAS_LAMPIRAN = 20 * 1024 * 1024


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _periksa_terbuka(laporan: Laporan) -> None:
    """Refuse a change to the report's own content while it is submitted, approved or published
    (DataTerkunci). The status is read from the database under a row lock, as
    laporan_transisi does, not taken from the object loaded with the page."""
    sekarang = Laporan.objects.select_for_update().select_related("satker").get(pk=laporan.pk)
    sekarang.periksa_terbuka()


@transaction.atomic
def laporan_buat(*, satker, tahun: int, jenis: str) -> Laporan:
    """A report for a satker-year of one kind of PK, or combined over all its PKs; the signature
    starts from the PK's first party (for a combined report, the commission's PK)."""
    if jenis not in JenisLaporan.values:
        raise ValidationError("Pilih jenis laporan: KPU (lembaga), Sekretariat, atau gabungan.")
    pk_list = list(PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).terkini())
    if jenis == JenisLaporan.GABUNGAN:
        if len({pk.jenis for pk in pk_list}) < 2:
            raise ValidationError(
                "Laporan gabungan memerlukan Perjanjian Kinerja KPU dan Sekretariat tahun ini."
            )
        pk = next(p for p in pk_list if p.jenis == JenisPK.LEMBAGA)
    else:
        pk = next((p for p in pk_list if p.jenis == jenis), None)
    if pk is None:
        raise ValidationError(
            "Buat Perjanjian Kinerja tahun ini lebih dulu; laporan disusun dari PK."
        )
    if Laporan.objects.filter(satker=satker, tahun=tahun, jenis=jenis).exists():
        raise ValidationError("Laporan kinerja untuk tahun dan jenis ini sudah ada.")
    laporan = Laporan(
        satker=satker,
        tahun=tahun,
        jenis=jenis,
        tempat_ttd=satker.kota_ttd,
        penandatangan_nama=pk.pihak_pertama_nama,
        penandatangan_jabatan=pk.pihak_pertama_jabatan,
        penandatangan_nip=pk.pihak_pertama_nip,
    )
    try:
        with transaction.atomic():
            return _simpan(laporan)
    except IntegrityError as exc:
        raise ValidationError("Laporan kinerja untuk tahun dan jenis ini sudah ada.") from exc


@transaction.atomic
def laporan_ubah(*, laporan: Laporan, **kolom) -> Laporan:
    """Change the signature data printed under the Kata Pengantar and the closing. Only those
    columns are written, so a status changed meanwhile is never overwritten."""
    _periksa_terbuka(laporan)
    for nama, nilai in kolom.items():
        setattr(laporan, nama, nilai)
    laporan.full_clean()
    laporan.save(update_fields=[*kolom, "diperbarui_pada"])
    return laporan


@transaction.atomic
def bagian_simpan(*, laporan: Laporan, kunci: str, teks: str, hash_draf: str, user) -> Bagian:
    """Keep the staff's text for a section; it stays when the data changes. `hash_draf` is the
    draft the staff saw, so the section is flagged when that draft changes later."""
    _periksa_terbuka(laporan)
    teks = teks.strip()
    if not teks:
        raise ValidationError("Teks tidak boleh kosong. Pakai draf bila ingin mengikuti data.")
    if len(teks) > BATAS_TEKS:
        raise ValidationError(f"Teks terlalu panjang (paling banyak {BATAS_TEKS:,} karakter).")
    bagian = Bagian.objects.filter(laporan=laporan, kunci=kunci).first() or Bagian(
        laporan=laporan, kunci=kunci
    )
    bagian.sumber = SumberBagian.STAF
    bagian.teks = teks
    bagian.hash_draf = hash_draf
    bagian.diubah_oleh = user
    return _simpan(bagian)


@transaction.atomic
def bagian_pakai_draf(*, laporan: Laporan, kunci: str, user) -> None:
    """Drop the staff's text: the section follows the data again."""
    _periksa_terbuka(laporan)
    bagian = Bagian.objects.filter(laporan=laporan, kunci=kunci).first()
    if bagian is not None:
        bagian.sumber = SumberBagian.DRAF
        bagian.teks = ""
        bagian.diubah_oleh = user
        _simpan(bagian)


def _jumlah_halaman_pdf(isi: bytes) -> int:
    if (jenis := filetype.guess(isi)) is None or jenis.mime != "application/pdf":
        raise ValidationError("Lampiran harus berkas PDF (isi berkas diperiksa, bukan namanya).")
    try:
        reader = PdfReader(io.BytesIO(isi))
        if reader.is_encrypted:
            raise ValidationError("PDF terkunci kata sandi tidak dapat dilampirkan.")
        return len(reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValidationError("Berkas PDF rusak atau tidak dapat dibaca.") from exc


@transaction.atomic
def lampiran_tambah(*, laporan: Laporan, judul: str, berkas, user) -> Lampiran:
    """Attach a PDF (e.g. the scan of the signed PK); it is merged at the end of the report."""
    _periksa_terbuka(laporan)
    if berkas.size > BATAS_LAMPIRAN:
        raise ValidationError("Lampiran terlalu besar (paling besar 20 MB).")
    isi = berkas.read()
    berkas.seek(0)
    halaman = _jumlah_halaman_pdf(isi)
    urutan = laporan.lampiran.count() + 1
    lampiran = Lampiran(
        laporan=laporan,
        judul=judul.strip() or berkas.name,
        jumlah_halaman=halaman,
        urutan=urutan,
        diunggah_oleh=user,
    )
    lampiran.berkas.save(f"{urutan}.pdf", berkas, save=False)
    try:
        return _simpan(lampiran)
    except ValidationError:
        lampiran.berkas.delete(save=False)
        raise


@transaction.atomic
def lampiran_hapus(*, lampiran: Lampiran) -> None:
    """Remove an attachment; its file goes once the transaction commits."""
    _periksa_terbuka(lampiran.laporan)
    berkas = lampiran.berkas
    lampiran.delete()
    transaction.on_commit(lambda: berkas.delete(save=False))


def pdf_minta(*, laporan: Laporan, hash_isi: str, user) -> tuple[BerkasPDF, bool]:
    """The PDF for the report's current content: an existing one with the same hash, or a new
    queued one. Returns (berkas, baru); the caller enqueues the render when `baru`."""
    with transaction.atomic():
        berkas, baru = BerkasPDF.objects.get_or_create(
            laporan=laporan, hash_isi=hash_isi, defaults={"diminta_oleh": user}
        )
        if not baru and berkas.status == StatusPDF.GAGAL:
            berkas.status, berkas.pesan = StatusPDF.ANTRI, ""
            berkas.save(update_fields=["status", "pesan"])
            baru = True
    return berkas, baru


def pdf_selesai(*, berkas: BerkasPDF, isi: bytes, jumlah_halaman: int, durasi) -> BerkasPDF:
    berkas.berkas.save(f"{berkas.hash_isi[:16]}.pdf", ContentFile(isi), save=False)
    berkas.status = StatusPDF.SELESAI
    berkas.jumlah_halaman = jumlah_halaman
    berkas.ukuran = len(isi)
    berkas.durasi = durasi
    berkas.selesai_pada = timezone.now()
    berkas.save()
    return berkas
