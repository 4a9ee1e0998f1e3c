"""One access helper per object type, called on the first line of every view.

Objects of a satker the user may not see raise 404 (so ids and codes of others do not leak);
objects the user may see but not change raise 403 when `ubah=True`.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from satker.models import Satker, bisa_mengubah

from .models import Bukti, ItemPK, PerjanjianKinerja, Renstra, RiwayatCapaian


def periksa_ubah(request, satker, ubah: bool) -> None:
    if ubah and not bisa_mengubah(request.user, satker):
        raise PermissionDenied("Peran Anda hanya dapat melihat data satker ini.")


def get_satker(request, kode: str, *, ubah: bool = False) -> Satker:
    satker = get_object_or_404(Satker.objects.visible_to(request.user), kode=kode)
    periksa_ubah(request, satker, ubah)
    return satker


def get_pk(request, pk_id: int, *, ubah: bool = False) -> PerjanjianKinerja:
    visible = Satker.objects.visible_to(request.user)
    pk = get_object_or_404(PerjanjianKinerja.objects.with_items(), id=pk_id, satker__in=visible)
    periksa_ubah(request, pk.satker, ubah)
    return pk


def get_item(request, item_id: int, *, ubah: bool = False) -> ItemPK:
    visible = Satker.objects.visible_to(request.user)
    item = get_object_or_404(
        ItemPK.objects.select_related(
            "pk_induk__satker", "indikator__sasaran", "indikator__skala_nilai"
        ),
        id=item_id,
        pk_induk__satker__in=visible,
    )
    periksa_ubah(request, item.pk_induk.satker, ubah)
    return item


def get_bukti(request, bukti_id: int, *, ubah: bool = False) -> Bukti:
    visible = Satker.objects.visible_to(request.user)
    bukti = get_object_or_404(
        Bukti.objects.select_related("realisasi__item__pk_induk__satker"),
        id=bukti_id,
        realisasi__item__pk_induk__satker__in=visible,
    )
    periksa_ubah(request, bukti.realisasi.item.pk_induk.satker, ubah)
    return bukti


def get_renstra(request, kode: str, renstra_id: int, *, ubah: bool = False) -> Renstra:
    """A Renstra of the satker `kode` (the satker checked as get_satker does)."""
    satker = get_satker(request, kode, ubah=ubah)
    return get_object_or_404(Renstra.objects.select_related("satker"), id=renstra_id, satker=satker)


def get_riwayat(request, riwayat_id: int, *, ubah: bool = False) -> RiwayatCapaian:
    visible = Satker.objects.visible_to(request.user)
    riwayat = get_object_or_404(
        RiwayatCapaian.objects.select_related(
            "indikator__sasaran__renstra__satker", "indikator__skala_nilai"
        ),
        id=riwayat_id,
        indikator__sasaran__renstra__satker__in=visible,
    )
    periksa_ubah(request, riwayat.indikator.sasaran.renstra.satker, ubah)
    return riwayat
