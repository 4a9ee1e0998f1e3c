"""What a PK still lacks: which indicators have no realisasi for quarters that have ended.

Walks prefetched instances only (a PK from `PerjanjianKinerja.objects.dengan_item()`), so the
satker page costs no query per row.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from .models import ItemPK, PerjanjianKinerja

TRIWULAN = (1, 2, 3, 4)
NAMA_TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


def akhir_triwulan(tahun: int, triwulan: int) -> date:
    bulan = triwulan * 3
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


@dataclass
class KelengkapanTriwulan:
    triwulan: int
    terisi: int
    jumlah: int
    berakhir: bool
    belum_diisi: list[ItemPK] = field(default_factory=list)

    @property
    def nama(self) -> str:
        return NAMA_TRIWULAN[self.triwulan]

    @property
    def lengkap(self) -> bool:
        return self.terisi == self.jumlah


@dataclass
class Kelengkapan:
    pk: PerjanjianKinerja
    triwulan: list[KelengkapanTriwulan]

    @property
    def triwulan_terakhir_terisi(self) -> int | None:
        terisi = [t.triwulan for t in self.triwulan if t.terisi]
        return max(terisi) if terisi else None

    @property
    def lengkap(self) -> bool:
        return all(t.lengkap for t in self.triwulan)

    @property
    def kekurangan(self) -> list[KelengkapanTriwulan]:
        """Quarters that have ended but still miss realisasi for some indicators."""
        return [t for t in self.triwulan if t.berakhir and not t.lengkap]


def kelengkapan_pk(pk: PerjanjianKinerja, hari_ini: date) -> Kelengkapan:
    """Per quarter: how many items have a realisasi, and which are missing once it has ended."""
    items = list(pk.item.all())
    hasil = []
    for tw in TRIWULAN:
        belum = [i for i in items if not any(r.triwulan == tw for r in i.realisasi.all())]
        hasil.append(
            KelengkapanTriwulan(
                triwulan=tw,
                terisi=len(items) - len(belum),
                jumlah=len(items),
                berakhir=akhir_triwulan(pk.tahun, tw) < hari_ini,
                belum_diisi=belum,
            )
        )
    return Kelengkapan(pk=pk, triwulan=hasil)
