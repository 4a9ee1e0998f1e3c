"""The access helpers of kinerja's objects, one per object type, called on the first line of
every view (the satker's own is satker.akses.ambil_satker).

Objects of a satker the user may not see raise 404 (so ids and codes of others do not leak);
objects the user may see but not change raise 403 when `ubah=True`.
"""

from django.shortcuts import get_object_or_404

from satker.akses import ambil_satker, periksa_ubah, satker_terlihat

from .models import Bukti, ItemPK, PerjanjianKinerja, Renstra, RiwayatCapaian


def ambil_pk(request, pk_id: int, *, ubah: bool = False) -> PerjanjianKinerja:
    terlihat = satker_terlihat(request.user)
    pk = get_object_or_404(PerjanjianKinerja.objects.dengan_item(), id=pk_id, satker__in=terlihat)
    periksa_ubah(request, pk.satker, ubah)
    return pk


def ambil_item(request, item_id: int, *, ubah: bool = False) -> ItemPK:
    terlihat = satker_terlihat(request.user)
    item = get_object_or_404(
        ItemPK.objects.select_related(
            "pk_induk__satker", "indikator__sasaran", "indikator__skala_nilai"
        ),
        id=item_id,
        pk_induk__satker__in=terlihat,
    )
    periksa_ubah(request, item.pk_induk.satker, ubah)
    return item


def ambil_bukti(request, bukti_id: int, *, ubah: bool = False) -> Bukti:
    terlihat = satker_terlihat(request.user)
    bukti = get_object_or_404(
        Bukti.objects.select_related("realisasi__item__pk_induk__satker"),
        id=bukti_id,
        realisasi__item__pk_induk__satker__in=terlihat,
    )
    periksa_ubah(request, bukti.realisasi.item.pk_induk.satker, ubah)
    return bukti


def ambil_renstra(request, kode: str, renstra_id: int, *, ubah: bool = False) -> Renstra:
    """A Renstra of the satker `kode` (the satker checked as ambil_satker does)."""
    satker = ambil_satker(request, kode, ubah=ubah)
    return get_object_or_404(Renstra.objects.select_related("satker"), id=renstra_id, satker=satker)


def ambil_riwayat(request, riwayat_id: int, *, ubah: bool = False) -> RiwayatCapaian:
    terlihat = satker_terlihat(request.user)
    riwayat = get_object_or_404(
        RiwayatCapaian.objects.select_related(
            "indikator__sasaran__renstra__satker", "indikator__skala_nilai"
        ),
        id=riwayat_id,
        indikator__sasaran__renstra__satker__in=terlihat,
    )
    periksa_ubah(request, riwayat.indikator.sasaran.renstra.satker, ubah)
    return riwayat
