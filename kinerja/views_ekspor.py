"""Excel download of the capaian table of a satker-year.

The workbook is built by kinerja.ekspor; this view only decides who may download what. The
province recap for reviewers is laporan/views_rekap.py.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from satker.akses import ambil_satker

from . import ekspor


def unduhan_xlsx(isi: bytes, nama: str) -> HttpResponse:
    """A workbook's bytes as an attachment named `nama`."""
    response = HttpResponse(isi, content_type=ekspor.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_GET
def ekspor_capaian(request, kode, tahun):
    satker = ambil_satker(request, kode)
    try:
        isi = ekspor.capaian_xlsx(satker, tahun)
    except ekspor.TidakAdaPK as exc:
        raise Http404(str(exc)) from exc
    return unduhan_xlsx(isi, f"capaian-{satker.kode}-{tahun}.xlsx")
