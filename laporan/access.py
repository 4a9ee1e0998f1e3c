"""Access helper for reports, called on the first line of every laporan view: 404 for satker the
user may not see, 403 when a read-only role tries to change something."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from satker.models import Satker, bisa_mengubah

from .models import Laporan


def get_laporan(request, laporan_id: int, *, ubah: bool = False) -> Laporan:
    visible = Satker.objects.visible_to(request.user)
    laporan = get_object_or_404(
        Laporan.objects.select_related("satker__induk"), id=laporan_id, satker__in=visible
    )
    if ubah and not bisa_mengubah(request.user, laporan.satker):
        raise PermissionDenied("Peran Anda hanya dapat membaca laporan ini.")
    return laporan
