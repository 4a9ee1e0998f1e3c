"""Writes of an indicator's history: its target and realisasi in earlier years that have no PK
in the application, as earlier reports printed them (RiwayatCapaian).

Every public function takes keyword-only arguments, runs in one transaction, validates with
full_clean() and reports problems as ValidationError with Indonesian messages keyed by field.
Values typed by a person ("66,23", "BB", "ya") are read with Indikator.baca, as on the
PK pages. A year's history is printed by every later report of the satker (comparison with
earlier years and with the Renstra target, the Ikhtisar, the trend chart), so while such a
report is submitted, approved or published the history of the years before it is locked, with
that report's own lock message.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from satker.kunci import periksa_riwayat_terbuka
from satker.models import Satker

from .models import Indikator, RiwayatCapaian

NILAI = ("target", "realisasi")


def satker_indikator(indikator: Indikator) -> Satker:
    return indikator.sasaran.renstra.satker


# --- Writes ---------------------------------------------------------------------------------


def _pesan_ganda(tahun: int) -> str:
    return f"Tahun {tahun} sudah ada dalam riwayat indikator ini: ubah baris tahun itu."


@transaction.atomic
def riwayat_simpan(
    *,
    indikator: Indikator,
    tahun: int,
    target,
    realisasi,
    sumber: str = "",
    user=None,
    riwayat: RiwayatCapaian | None = None,
) -> RiwayatCapaian:
    """Enter one earlier year of `indikator` (a new row), or correct `riwayat` (its year may
    change too). Target and realisasi are typed text or typed values; an empty one is "not
    printed" (capaian "—"), but not both. Refused: a year the history already holds, a year
    with a PK item of the indicator, a year after the Renstra, one that has not begun, values
    outside the indicator's kind or scale, and any change while a later report is locked. An
    unchanged row is not saved again (no new history record)."""
    if riwayat is not None and riwayat.indikator_id != indikator.id:
        raise ValueError("riwayat milik indikator lain")
    satker = satker_indikator(indikator)
    periksa_riwayat_terbuka(satker, min(tahun, riwayat.tahun) if riwayat else tahun)
    obj = riwayat or RiwayatCapaian(indikator=indikator)
    galat: dict[str, list[str]] = {}
    for nama, nilai in zip(NILAI, (target, realisasi), strict=True):
        try:
            angka, predikat = indikator.baca(nilai).kolom
        except ValidationError as exc:
            galat[nama] = exc.messages
            continue
        setattr(obj, nama, angka)
        setattr(obj, f"{nama}_predikat", predikat)
    lama_tahun = riwayat.tahun if riwayat else None
    obj.tahun = tahun
    obj.sumber = (sumber or "").strip()
    if tahun != lama_tahun:
        ada = RiwayatCapaian.objects.filter(indikator=indikator, tahun=tahun).exclude(id=obj.id)
        if ada.exists():
            galat["tahun"] = [_pesan_ganda(tahun)]
        elif pesan := obj.pesan_tahun():
            galat["tahun"] = [pesan]
    if galat:
        raise ValidationError(galat)
    if riwayat is not None and not _berubah(riwayat):
        return riwayat
    obj.diubah_oleh = user
    if user is not None:
        obj._history_user = user
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # another request saved the same year meanwhile
        raise ValidationError({"tahun": [_pesan_ganda(tahun)]}) from exc
    return obj


def _berubah(riwayat: RiwayatCapaian) -> bool:
    """Whether the (unsaved) changes of `riwayat` differ from its stored row."""
    kolom = ("tahun", "target", "target_predikat", "realisasi", "realisasi_predikat", "sumber")
    lama = RiwayatCapaian.objects.filter(id=riwayat.id).values_list(*kolom).first()
    return lama is None or lama != tuple(getattr(riwayat, k) for k in kolom)


@transaction.atomic
def riwayat_hapus(*, riwayat: RiwayatCapaian, user=None) -> None:
    """Delete one year of an indicator's history (kept in its change history), unless a
    later report of the satker is locked."""
    periksa_riwayat_terbuka(satker_indikator(riwayat.indikator), riwayat.tahun)
    if user is not None:
        riwayat._history_user = user
    riwayat.delete()
