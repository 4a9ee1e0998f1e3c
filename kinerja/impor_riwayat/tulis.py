"""Writing a history import: `impor_riwayat` plans the workbook (rencana.py) and writes every
changed row through services_riwayat.riwayat_simpan (the history page's own service) in one
transaction, or nothing at all.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from satker.models import Satker

from ..impor_pk import TETAP, HasilImporPK
from ..models import Renstra
from ..services_riwayat import riwayat_simpan
from ..xlsx import GalatBaris
from .rencana import rencanakan_rinci


class _Batal(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def impor_riwayat(
    berkas, *, satker: Satker, renstra: Renstra, user=None, sidik: str = ""
) -> HasilImporPK:
    """Import a history workbook: every changed row, in one transaction, or nothing. When
    `sidik` is given and the plan differs from the one previewed (the data changed meanwhile),
    nothing is written and the new plan is returned with diterapkan False."""
    try:
        with transaction.atomic():
            hasil, rencana = rencanakan_rinci(berkas, satker, renstra)
            if not hasil.ok or (sidik and sidik != hasil.sidik):
                return hasil
            for r in rencana:
                if r.baris.status == TETAP:
                    continue
                try:
                    riwayat_simpan(
                        indikator=r.indikator,
                        tahun=r.riwayat.tahun,
                        target=r.riwayat.nilai_dari("target"),
                        realisasi=r.riwayat.nilai_dari("realisasi"),
                        sumber=r.riwayat.sumber,
                        user=user,
                        riwayat=r.lama,
                    )
                except ValidationError as exc:  # includes DataTerkunci
                    raise _Batal([GalatBaris(r.baris.nomor, "", p) for p in exc.messages]) from exc
    except _Batal as exc:
        hasil.galat.extend(exc.galat)
        return hasil
    hasil.diterapkan = True
    return hasil
