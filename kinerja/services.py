"""Writes that touch several kinerja models. Each function validates with full_clean()."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from nilai import NilaiTidakValid
from satker.models import Satker

from . import capaian
from .models import (
    BatasRerata,
    KebijakanCapaian,
    PitaKategori,
    SkalaKategori,
)


@transaction.atomic
def kebijakan_pastikan(*, satker: Satker, tahun: int) -> KebijakanCapaian | None:
    """The satker-year's capaian policy, created when missing: the latest earlier year's policy
    carries over, else the first preset scale with no cap. None when no scale exists at all."""
    ada = KebijakanCapaian.objects.filter(satker=satker, tahun=tahun).first()
    if ada:
        return ada
    sebelumnya = (
        KebijakanCapaian.objects.filter(satker=satker, tahun__lt=tahun).order_by("-tahun").first()
    )
    if sebelumnya:
        skala, batas = sebelumnya.skala_kategori, sebelumnya.batas_rerata
    else:
        skala, batas = SkalaKategori.objects.preset().order_by("id").first(), BatasRerata.TANPA
    if skala is None:
        return None
    kebijakan = KebijakanCapaian(
        satker=satker, tahun=tahun, skala_kategori=skala, batas_rerata=batas
    )
    kebijakan.full_clean()
    kebijakan.save()
    return kebijakan


@transaction.atomic
def kebijakan_ubah(
    *, satker: Satker, tahun: int, skala_kategori: SkalaKategori, batas_rerata: str
) -> KebijakanCapaian:
    """Pick the category scale (a preset or the satker's own) and the cap used in means."""
    if not SkalaKategori.objects.untuk_satker(satker).filter(id=skala_kategori.id).exists():
        raise ValidationError({"skala_kategori": "Pilih skala preset atau skala milik satker ini."})
    kebijakan = KebijakanCapaian.objects.filter(satker=satker, tahun=tahun).first()
    kebijakan = kebijakan or KebijakanCapaian(satker=satker, tahun=tahun)
    kebijakan.skala_kategori = skala_kategori
    kebijakan.batas_rerata = batas_rerata
    kebijakan.full_clean()
    kebijakan.save()
    return kebijakan


@transaction.atomic
def skala_sendiri_simpan(
    *, satker: Satker, tahun: int, pita: list[tuple[str, Decimal]], batas_rerata: str
) -> KebijakanCapaian:
    """Save the satker's own scale for the year (bands checked by capaian.validasi_pita: no gaps,
    the lowest at 0) and make it the year's scale. Other years keep their scale."""
    try:
        daftar = capaian.validasi_pita(capaian.Pita(batas_bawah=b, label=lbl) for lbl, b in pita)
    except NilaiTidakValid as exc:
        raise ValidationError(str(exc)) from exc
    nama = f"Skala {satker.nama} {tahun}"
    skala, _ = SkalaKategori.objects.update_or_create(
        nama=nama,
        defaults={
            "pemilik": satker,
            "preset": False,
            "keterangan": f"Disusun {satker.nama} untuk tahun {tahun}.",
        },
    )
    skala.pita.all().delete()
    for p in daftar:
        pita_baru = PitaKategori(skala=skala, label=p.label.strip(), batas_bawah=p.batas_bawah)
        pita_baru.full_clean()
        pita_baru.save()
    return kebijakan_ubah(
        satker=satker, tahun=tahun, skala_kategori=skala, batas_rerata=batas_rerata
    )
