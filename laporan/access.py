"""Access helper for reports, called on the first line of every laporan view: 404 for satker the
user may not see, 403 when a read-only role tries to change something (kinerja.access rules)."""

from django.shortcuts import get_object_or_404

from satker.akses import periksa_ubah, satker_terlihat

from .models import Laporan


def ambil_laporan(request, laporan_id: int, *, ubah: bool = False) -> Laporan:
    visible = satker_terlihat(request.user)
    laporan = get_object_or_404(
        Laporan.objects.select_related("satker__induk"), id=laporan_id, satker__in=visible
    )
    periksa_ubah(request, laporan.satker, ubah)
    return laporan
