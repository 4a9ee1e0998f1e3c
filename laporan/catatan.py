"""Review notes: a reviewer's note on the report, a section or an indicator row; the satker's
answer; the reviewer's resolution. Notes belong to the revision they were made on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from satker.akses import boleh_ubah

from . import alur
from . import bagian as bagian_mod
from .data import DataLaporan
from .models import CatatanReviu, Laporan, SasaranCatatan, StatusLaporan
from .pengumpul import kumpulkan

BATAS_TEKS = 4000


def pilihan_sasaran(data: DataLaporan) -> list[tuple[str, str]]:
    """What a note can be attached to, as (value, label): the whole report, each section, each
    indicator row of the measurement table. The value is "<sasaran>:<kunci>"."""
    pilihan = [(f"{SasaranCatatan.LAPORAN}:", "Laporan secara umum")]
    for jenis, sasaran in bagian_mod.semua_jenis(data):
        awalan = f"{sasaran.sebutan} · " if sasaran else ""
        pilihan.append((f"{SasaranCatatan.BAGIAN}:{jenis.kunci}", f"Bagian: {awalan}{jenis.judul}"))
    for s in data.sasaran:
        for ind in s.indikator:
            label = f"Indikator {ind.kode} {ind.nama}"
            pilihan.append((f"{SasaranCatatan.INDIKATOR}:{ind.kode}", label[:300]))
    return pilihan


def _teks(teks: str, nama: str) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError(f"Tuliskan {nama}.")
    if len(teks) > BATAS_TEKS:
        raise ValidationError(f"{nama.capitalize()} paling panjang 4.000 karakter.")
    return teks


def _wajib_pereviu(user, laporan: Laporan) -> None:
    if not alur.boleh(user, laporan, alur.TRANSISI["setujui"]):
        raise alur.TidakBerwenang("Catatan reviu ditulis dan diselesaikan oleh reviewer laporan.")


@transaction.atomic
def catatan_buat(*, laporan: Laporan, oleh, pilihan: str, teks: str) -> CatatanReviu:
    """A reviewer's note on a submitted report, on its current revision."""
    _wajib_pereviu(oleh, laporan)
    if laporan.status != StatusLaporan.DIAJUKAN:
        raise ValidationError("Catatan reviu ditulis selama laporan diajukan untuk reviu.")
    label = dict(pilihan_sasaran(kumpulkan(laporan))).get(pilihan)
    if label is None:
        raise ValidationError("Pilih bagian atau indikator yang dicatat dari daftar.")
    sasaran, _, kunci = pilihan.partition(":")
    catatan = CatatanReviu(
        laporan=laporan,
        revisi=laporan.revisi,
        sasaran=sasaran,
        kunci=kunci,
        label=label,
        teks=_teks(teks, "catatan"),
        dibuat_oleh=oleh,
    )
    catatan.full_clean()
    catatan.save()
    return catatan


@transaction.atomic
def catatan_jawab(*, catatan: CatatanReviu, oleh, jawaban: str) -> CatatanReviu:
    """The satker's answer (operator or penyusun), while the note is open."""
    if not boleh_ubah(oleh, catatan.laporan.satker):
        raise alur.TidakBerwenang("Catatan reviu dijawab oleh operator atau penyusun satker.")
    if catatan.selesai:
        raise ValidationError("Catatan ini sudah diselesaikan reviewer.")
    if catatan.revisi != catatan.laporan.revisi:
        raise ValidationError("Catatan ini milik revisi sebelumnya.")
    catatan.jawaban = _teks(jawaban, "jawaban")
    catatan.dijawab_oleh, catatan.dijawab_pada = oleh, timezone.now()
    catatan.full_clean()
    catatan.save()
    return catatan


@transaction.atomic
def catatan_selesai(*, catatan: CatatanReviu, oleh) -> CatatanReviu:
    """The reviewer resolves a note of the current revision."""
    _wajib_pereviu(oleh, catatan.laporan)
    if catatan.revisi != catatan.laporan.revisi:
        raise ValidationError("Catatan ini milik revisi sebelumnya.")
    catatan.selesai = True
    catatan.diselesaikan_oleh, catatan.diselesaikan_pada = oleh, timezone.now()
    catatan.save()
    return catatan


def jumlah_terbuka(laporan: Laporan) -> int:
    return laporan.catatan.terbuka().filter(revisi=laporan.revisi).count()
