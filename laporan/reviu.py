"""The reviewer's inbox: one row per report, with what a reviewer needs to pick the next one."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kinerja.models import PerjanjianKinerja
from satker import akses
from satker.models import Satker, Tingkat

from .models import Laporan, StatusLaporan
from .pengumpul import kumpulkan

PER_HALAMAN = 25


@dataclass(frozen=True)
class BarisReviu:
    laporan: Laporan
    hari_menunggu: int | None  # whole days since submission, while it waits for the reviewer
    capaian: Decimal | None
    capaian_tampil: str
    kategori: str
    catatan_terbuka: int


def baris_reviu(laporan_list) -> list[BarisReviu]:
    """Rows for the inbox, in the order given (Laporan.objects.urutan_reviu). The overall
    capaian is the report's own (laporan.data), so the inbox shows a page of reports at a time:
    gathering a report's data takes about 15 queries."""
    sekarang = timezone.now()
    baris = []
    for laporan in laporan_list:
        data = kumpulkan(laporan)
        menunggu = None
        if laporan.status == StatusLaporan.DIAJUKAN and laporan.diajukan_pada:
            menunggu = (sekarang - laporan.diajukan_pada).days
        terbuka = getattr(laporan, "catatan_terbuka", 0)
        baris.append(
            BarisReviu(
                laporan, menunggu, data.capaian, data.capaian_tampil, data.kategori or "", terbuka
            )
        )
    return baris


def pilihan_rekap(user) -> tuple[list[int], list[Satker] | None]:
    """What the province recap form offers: the years with a PK among the reports the user
    reviews (latest first), and the provinces to choose from (None for a reviewer, whose
    recap is their own province's)."""
    sendiri = akses.provinsi_direviu(user)
    pk = PerjanjianKinerja.objects.all()
    provinsi = None
    if sendiri is not None:
        pk = pk.filter(satker__induk=sendiri)
    else:
        provinsi = list(Satker.objects.filter(tingkat=Tingkat.PROVINSI).order_by("kode"))
    tahun = list(pk.order_by("-tahun").values_list("tahun", flat=True).distinct())
    return tahun, provinsi
