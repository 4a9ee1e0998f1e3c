"""The measurement table of a PK: every indicator scored, rolled up per sasaran and overall.

The numbers come from kinerja.capaian; this module only walks prefetched model instances
(no queries of its own when the PK comes from `PerjanjianKinerja.objects.dengan_item()`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from . import capaian
from .models import ItemPK, KebijakanCapaian, PerjanjianKinerja, Sasaran


@dataclass
class BarisPengukuran:
    item: ItemPK
    realisasi: object
    hasil: capaian.Capaian
    kategori: str | None

    @property
    def indikator(self):
        return self.item.indikator

    @property
    def target(self):
        return self.item.nilai_dari("target")


@dataclass
class SasaranPengukuran:
    sasaran: Sasaran
    baris: list[BarisPengukuran] = field(default_factory=list)
    capaian: Decimal | None = None
    kategori: str | None = None


@dataclass
class TabelPengukuran:
    pk: PerjanjianKinerja
    kebijakan: KebijakanCapaian | None
    sasaran: list[SasaranPengukuran]
    capaian: Decimal | None
    kategori: str | None
    status: capaian.RingkasanStatus
    sampai_triwulan: int = 4

    @property
    def sampai_triwulan_nama(self) -> str:
        return ("TW I", "TW II", "TW III", "TW IV")[self.sampai_triwulan - 1]

    @property
    def baris(self) -> list[BarisPengukuran]:
        return [b for s in self.sasaran for b in s.baris]

    @property
    def jumlah_terisi(self) -> int:
        return sum(1 for b in self.baris if b.realisasi is not None)


def tabel_pengukuran(
    pk: PerjanjianKinerja, kebijakan: KebijakanCapaian | None, sampai_triwulan: int = 4
) -> TabelPengukuran:
    """Score every item of `pk`; means use the satker-year's cap policy (DOMAIN rule 9)."""
    batas = kebijakan.batas if kebijakan else None
    pita = kebijakan.skala_kategori.daftar_pita if kebijakan else []
    per_sasaran: dict[int, SasaranPengukuran] = {}
    for item in pk.item.all():
        hasil = item.hitung_capaian(sampai_triwulan)
        baris = BarisPengukuran(
            item=item,
            realisasi=item.realisasi_agregat(sampai_triwulan),
            hasil=hasil,
            kategori=capaian.kategori(hasil.nilai, pita) if pita else None,
        )
        sasaran = item.indikator.sasaran
        per_sasaran.setdefault(sasaran.id, SasaranPengukuran(sasaran=sasaran)).baris.append(baris)
    for s in per_sasaran.values():
        s.capaian = capaian.rerata_capaian((b.hasil.nilai for b in s.baris), batas)
        s.kategori = capaian.kategori(s.capaian, pita) if pita else None
    semua = [b.hasil.nilai for s in per_sasaran.values() for b in s.baris]
    keseluruhan = capaian.rerata_capaian(semua, batas)
    return TabelPengukuran(
        pk=pk,
        kebijakan=kebijakan,
        # Sasaran appear in the PK's own row order (items are ordered by urutan).
        sasaran=list(per_sasaran.values()),
        capaian=keseluruhan,
        kategori=capaian.kategori(keseluruhan, pita) if pita else None,
        status=capaian.hitung_status(semua),
        sampai_triwulan=sampai_triwulan,
    )
