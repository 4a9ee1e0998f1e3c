"""Excel download of the province recap for reviewers (laporan/rekap.py): a reviewer gets their
own KPU Provinsi's, an admin names the province. These views only decide who may download what.
"""

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from kinerja.views_ekspor import unduhan_xlsx
from satker import akses
from satker.converters import TahunConverter
from satker.models import Satker

from . import rekap


def _provinsi_rekap(request) -> Satker | None:
    """The province whose recap the user may download: a reviewer's own KPU Provinsi (asking
    for another one is a 404, as for any satker they may not see); for an admin, the one named
    by ?provinsi= (None when missing or unknown). Other roles get 403."""
    kode = request.GET.get("provinsi", "")
    if akses.satker_direviu(request.user) is None:
        return Satker.objects.provinsi().filter(kode=kode).first()
    sendiri = akses.provinsi_direviu(request.user)
    if sendiri is not None:
        if kode and kode != sendiri.kode:
            raise Http404("Provinsi tidak ditemukan.")
        return sendiri
    raise PermissionDenied("Rekap provinsi hanya untuk reviewer KPU Provinsi dan admin.")


@login_required
@require_GET
def rekap_provinsi(request, tahun):
    provinsi = _provinsi_rekap(request)
    if provinsi is None:
        return HttpResponseBadRequest(
            "Pilih provinsi: tambahkan ?provinsi=<kode provinsi>, misalnya ?provinsi=18.",
            content_type="text/plain; charset=utf-8",
        )
    isi = rekap.rekap_provinsi_xlsx(provinsi, tahun)
    return unduhan_xlsx(isi, f"rekap-{provinsi.kode}-{tahun}.xlsx")


@login_required
@require_GET
def rekap_provinsi_pilih(request):
    """The inbox's download form sends the year as a parameter; the recap's URL carries it in
    its path, so this only checks it and redirects there."""
    tahun = request.GET.get("tahun", "").strip()
    if not re.fullmatch(TahunConverter.regex, tahun):
        return HttpResponseBadRequest(
            "Tahun rekap harus empat angka, misalnya 2023.",
            content_type="text/plain; charset=utf-8",
        )
    url = reverse("rekap_provinsi", args=[int(tahun)])
    if provinsi := request.GET.get("provinsi", "").strip():
        url += "?" + urlencode({"provinsi": provinsi})
    return redirect(url)
