"""Reads of the Perjanjian Kinerja pages: the Renstra a satker uses, a PK's revisions and
whether it may change, its rows in document order, the catalogue of indicators still to add and
warnings about quarterly targets. Nothing here writes; kinerja.services_pk and
kinerja.services_pk_item use these, and so do the views.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from nilai import tulis_angka_ringkas
from satker.akses import boleh_ubah
from satker.kunci import pesan_kunci
from satker.models import Satker

from . import capaian
from .models import Indikator, ItemPK, JenisNilai, PerjanjianKinerja, Renstra, Sasaran

KODE_KPU_RI = "00"


# --- Values as text -------------------------------------------------------------------------


def teks_nilai(indikator: Indikator, angka: Decimal | None, predikat: str = "") -> str:
    """A stored value as a person would type it back: "66,23", "1.250", "BB", "ya"."""
    if predikat:
        return predikat
    if angka is None:
        return ""
    if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
        return "ya" if angka else "tidak"
    return tulis_angka_ringkas(angka)


# --- Renstra --------------------------------------------------------------------------------


def renstra_satker(satker: Satker, tahun: int) -> Renstra | None:
    """The satker's own Renstra whose period covers `tahun`, if it has one."""
    return (
        Renstra.objects.filter(satker=satker, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .order_by("-tahun_mulai")
        .first()
    )


def renstra_nasional(tahun: int) -> Renstra | None:
    """KPU RI's Renstra (the national catalogue) covering `tahun`."""
    return (
        Renstra.objects.filter(
            satker__kode=KODE_KPU_RI, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        )
        .order_by("-tahun_mulai")
        .first()
    )


# --- PK revisions and locks -----------------------------------------------------------------


def pk_revisi_terbaru(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The latest revision of the PK `pk` belongs to (itself when it is the latest)."""
    return (
        PerjanjianKinerja.objects.filter(satker_id=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis)
        .order_by("-revisi")
        .first()
        or pk
    )


def pk_daftar_revisi(pk: PerjanjianKinerja) -> list[PerjanjianKinerja]:
    """Every revision of the PK, oldest first."""
    return list(
        PerjanjianKinerja.objects.filter(
            satker_id=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis
        ).order_by("revisi")
    )


def pesan_pk_terkunci(pk: PerjanjianKinerja) -> str | None:
    """Why `pk` may not be changed (it has a newer revision), or None when it may."""
    terbaru = pk_revisi_terbaru(pk)
    if terbaru.revisi > pk.revisi:
        return (
            f"PK ini sudah direvisi: revisi {terbaru.revisi} yang berlaku. "
            "Revisi lama tetap tersimpan dan hanya dapat dibaca; ubah revisi terbaru."
        )
    return None


def pesan_laporan_terkunci(pk: PerjanjianKinerja) -> str | None:
    """Why the data of `pk` may not be changed (the report it feeds is submitted, approved or
    published), or None when it may."""
    return pesan_kunci(pk.satker, pk.tahun, pk.jenis)


# --- Items ----------------------------------------------------------------------------------


def urutan_kelompok(items: Sequence[ItemPK]) -> list[ItemPK]:
    """Items in display order with the items of one sasaran kept together: sasaran in the order
    of their first item, items within a sasaran in their own order."""
    kelompok: dict[int, list[ItemPK]] = {}
    for item in sorted(items, key=lambda i: (i.urutan, i.id or 0)):
        kelompok.setdefault(item.indikator.sasaran_id, []).append(item)
    return [item for daftar in kelompok.values() for item in daftar]


def indikator_katalog(pk: PerjanjianKinerja) -> list[Indikator]:
    """Indicators of the PK's Renstra not yet in the PK, by sasaran and code."""
    sudah = ItemPK.objects.filter(pk_induk=pk).values("indikator_id")
    return list(
        Indikator.objects.filter(sasaran__renstra_id=pk.renstra_id)
        .exclude(id__in=sudah)
        .select_related("sasaran", "skala_nilai")
        .prefetch_related("skala_nilai__nilai", "target_renstra")
        .order_by("sasaran__nomor", "id")
    )


def target_renstra_tahun(indikator: Indikator, tahun: int) -> str:
    """The Renstra's target of `indikator` for `tahun`, as typed text ("" when none)."""
    for t in indikator.target_renstra.all():
        if t.tahun == tahun:
            return teks_nilai(indikator, t.target, t.target_predikat)
    return ""


def kode_indikator_berikut(nomor_sasaran: int, terpakai: set[str]) -> str:
    """The next indicator code under sasaran `nomor_sasaran`, after the highest in use ("3.4"
    after 3.1–3.3, and after 3.1 and 3.3): a code once used is not given to another indicator.
    `terpakai` may hold the codes of other sasaran too."""
    awalan = f"{nomor_sasaran}."
    nomor = [
        int(k[len(awalan) :])
        for k in terpakai
        if k.startswith(awalan) and k[len(awalan) :].isdigit()
    ]
    return f"{awalan}{max(nomor, default=0) + 1}"


def peringatan_target(item: ItemPK) -> list[str]:
    """Quarterly targets that disagree with the yearly one (DOMAIN section 7): the four quarters
    of a cumulative indicator should add up to the year and those of an averaged one average to
    it; otherwise the TW IV target should equal the year's. Warnings, not errors."""
    per_tw = {t.triwulan: t for t in item.target_triwulan.all()}
    indikator = item.indikator
    tahunan = teks_nilai(indikator, item.target, item.target_predikat)
    per_triwulan = indikator.agregasi != capaian.Agregasi.NILAI_AKHIR
    if indikator.jenis_nilai == JenisNilai.ANGKA and per_triwulan:
        if len(per_tw) < 4:
            return []
        total = sum((t.target for t in per_tw.values()), Decimal(0))
        if indikator.agregasi == capaian.Agregasi.KUMULATIF and total != item.target:
            return [
                f"Jumlah target TW I–IV ({tulis_angka_ringkas(total)}) berbeda dengan "
                f"target tahunan ({tahunan}); indikator ini dijumlahkan per triwulan."
            ]
        if indikator.agregasi == capaian.Agregasi.RATA_RATA and total / 4 != item.target:
            return [
                f"Rata-rata target TW I–IV ({tulis_angka_ringkas(total / 4)}) berbeda "
                f"dengan target tahunan ({tahunan}); indikator ini dirata-ratakan per triwulan."
            ]
        return []
    t4 = per_tw.get(4)
    if t4 and (t4.target, t4.target_predikat) != (item.target, item.target_predikat):
        return [
            f"Target TW IV ({teks_nilai(indikator, t4.target, t4.target_predikat)}) berbeda "
            f"dengan target tahunan ({tahunan})."
        ]
    return []


@dataclass
class BarisDokumen:
    """One indicator row of the PK document; `sasaran_nomor`/`rowspan` only on a sasaran's
    first row (the sasaran cell spans its indicators, as in the signed documents); `terakhir`
    on its last row."""

    item: ItemPK
    sasaran: Sasaran
    sasaran_nomor: int | None
    rowspan: int
    terakhir: bool


def baris_dokumen(pk: PerjanjianKinerja) -> list[BarisDokumen]:
    """The rows of the PK table, sasaran numbered 1..n in PK order (uses prefetched items)."""
    kelompok: dict[int, list[ItemPK]] = {}
    for item in urutan_kelompok(list(pk.item.all())):
        kelompok.setdefault(item.indikator.sasaran_id, []).append(item)
    baris = []
    for nomor, daftar in enumerate(kelompok.values(), start=1):
        for n, item in enumerate(daftar):
            baris.append(
                BarisDokumen(
                    item=item,
                    sasaran=item.indikator.sasaran,
                    sasaran_nomor=nomor if n == 0 else None,
                    rowspan=len(daftar) if n == 0 else 0,
                    terakhir=n == len(daftar) - 1,
                )
            )
    return baris


def aksi_pk(pk: PerjanjianKinerja, user) -> dict:
    """What the PK page needs for its action buttons: may the user edit, the revisions of this
    PK (oldest first), the latest one and whether this one is an older, read-only revision."""
    revisi = pk_daftar_revisi(pk)
    terbaru = revisi[-1] if revisi else pk
    terkunci = terbaru.revisi > pk.revisi
    return {
        "bisa_ubah": boleh_ubah(user, pk.satker) and not terkunci,
        "revisi_list": revisi,
        "terbaru": terbaru,
        "terkunci": terkunci,
    }
