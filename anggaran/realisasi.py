"""The budget on the realisasi page of a PK quarter (kinerja/views_realisasi.py): the page is
kinerja's, the budget anggaran's, so anggaran adds its columns through the page's
PELENGKAP_BARIS (registered in AnggaranConfig.ready)."""

from kinerja.models import KebijakanCapaian
from kinerja.pengukuran import tabel_pengukuran

from . import serapan
from .services import anggaran_per_sasaran


def lengkapi_baris_realisasi(pk, triwulan: int, baris: list) -> None:
    """Put each sasaran's RO budget and efficiency index on its first row (DOMAIN rule 11)."""
    item_per_sasaran: dict[int, list[int]] = {}
    for b in baris:
        item_per_sasaran.setdefault(b.item.indikator.sasaran_id, []).append(b.item.id)
    per_sasaran = anggaran_per_sasaran(item_per_sasaran)
    if not per_sasaran:
        return
    kebijakan = KebijakanCapaian.objects.untuk(pk.satker, pk.tahun)
    tabel = tabel_pengukuran(pk, kebijakan, sampai_triwulan=triwulan)
    capaian_sasaran = {s.sasaran.id: s.capaian for s in tabel.sasaran}
    for b in baris:
        sasaran_id = b.item.indikator.sasaran_id
        if b.sasaran_baru and sasaran_id in per_sasaran:
            b.anggaran = per_sasaran[sasaran_id]
            b.indeks_efisiensi = serapan.indeks_efisiensi(
                capaian_sasaran.get(sasaran_id), b.anggaran.penyerapan
            )
