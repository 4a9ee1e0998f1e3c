"""Reading an indicator's history (RiwayatCapaian): for the report, and for the history page.

The report compares a year with earlier ones (analysis 2), with the Renstra's medium-term
target (analysis 3), in the Ikhtisar and in the trend chart. Years with a PK in the application
are computed from the PK; `riwayat_indikator` gives the other earlier years, as entered from
earlier reports, each with its capaian computed by kinerja.capaian (never stored).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from satker.kunci import pesan_kunci_per_tahun
from satker.models import Satker

from . import capaian
from .models import (
    Indikator,
    PerjanjianKinerja,
    Renstra,
    RiwayatCapaian,
    TargetRenstra,
    item_pk_berlaku,
)

Nilai = Decimal | str | bool | None


@dataclass(frozen=True)
class BarisRiwayat:
    """One earlier year of an indicator: target and realisasi as values (Decimal, a grade code
    or bool; None when the source does not print it), for tulis_nilai; the capaian
    computed from them by the indicator's rule; and where the values come from."""

    tahun: int
    target: Nilai
    realisasi: Nilai
    hasil: capaian.Capaian
    sumber: str

    @property
    def capaian(self) -> Decimal | None:
        return self.hasil.nilai


def baris_riwayat(r: RiwayatCapaian) -> BarisRiwayat:
    return BarisRiwayat(
        tahun=r.tahun,
        target=r.nilai_dari("target"),
        realisasi=r.nilai_dari("realisasi"),
        hasil=r.hitung_capaian(),
        sumber=r.sumber,
    )


def riwayat_indikator(
    indikator_ids: Iterable[int], *, sebelum: int
) -> dict[int, list[BarisRiwayat]]:
    """Per indicator id (every id asked for, an empty list when it has none), its history
    rows of the years before `sebelum`, oldest first. Years in which the indicator has a PK item
    are left out: the report computes those from the PK. One query for the rows with their
    indicators, plus one for the grade scales' values when a row is graded, whatever the number
    of indicators."""
    ids = list(dict.fromkeys(indikator_ids))
    hasil: dict[int, list[BarisRiwayat]] = {i: [] for i in ids}
    if not ids:
        return hasil
    baris = (
        RiwayatCapaian.objects.filter(indikator_id__in=ids)
        .sebelum(sebelum)
        .tanpa_pk()
        .dengan_indikator()
        .order_by("indikator_id", "tahun")
    )
    for r in baris:
        hasil[r.indikator_id].append(baris_riwayat(r))
    return hasil


# --- The history page -----------------------------------------------------------------------


@dataclass
class TahunRiwayat:
    """One year of an indicator on the history page: its Renstra target, and either its history
    row (values and computed capaian), the PK it is computed from, or nothing yet. `kunci`: why
    the year cannot change now (a later report is locked); `form`: the open edit form."""

    tahun: int
    target_renstra: Nilai = None
    riwayat: RiwayatCapaian | None = None
    target: Nilai = None
    realisasi: Nilai = None
    hasil: capaian.Capaian | None = None
    pk: PerjanjianKinerja | None = None
    berjalan: bool = True  # the year has begun (a year to come cannot be entered)
    kunci: str | None = None
    form: object = None

    @property
    def kosong(self) -> bool:
        """A year that has begun with nothing to show: no history, no PK, no Renstra target."""
        return (
            self.berjalan
            and self.riwayat is None
            and self.pk is None
            and self.target_renstra is None
            and self.form is None
        )


@dataclass
class IndikatorRiwayat:
    """An indicator with its years; `form_lain`: the open form for a year not listed."""

    indikator: Indikator
    tahun: list[TahunRiwayat] = field(default_factory=list)
    form_lain: object = None
    pesan: str = ""  # the outcome of the last change, shown in the card
    pesan_galat: bool = False

    @property
    def jumlah_riwayat(self) -> int:
        return sum(1 for t in self.tahun if t.riwayat is not None)

    @property
    def baris(self) -> list[TahunRiwayat]:
        """The years shown as rows; empty years are offered as buttons instead."""
        return [t for t in self.tahun if not t.kosong]

    @property
    def tahun_isi(self) -> list[TahunRiwayat]:
        """Empty years that may be filled in now (not locked by a later report)."""
        return [t for t in self.tahun if t.kosong and not t.kunci]


def indikator_riwayat(
    satker: Satker, renstra: Renstra, *, hanya: Indikator | None = None
) -> list[Indikator]:
    """The Renstra's indicators that appear in the satker's PKs (or already have history),
    by sasaran and code, with their Renstra targets, history rows and grade scales."""
    qs = Indikator.objects.filter(sasaran__renstra=renstra)
    if hanya is not None:
        qs = qs.filter(id=hanya.id)
    return list(
        qs.filter(Q(item_pk__pk_induk__satker=satker) | Q(riwayat_capaian__isnull=False))
        .distinct()
        .select_related("sasaran", "skala_nilai")
        .prefetch_related(
            "skala_nilai__nilai",
            Prefetch("target_renstra", queryset=TargetRenstra.objects.order_by("tahun")),
            Prefetch("riwayat_capaian", queryset=RiwayatCapaian.objects.order_by("tahun")),
        )
        .order_by("sasaran__nomor", "kode", "id")
    )


def _kunci(terkunci: dict[int, str], tahun: int) -> str | None:
    """The lock of the earliest locked year after `tahun`: every later report prints its
    history."""
    return next((pesan for t, pesan in sorted(terkunci.items()) if t > tahun), None)


def halaman_riwayat(
    satker: Satker, renstra: Renstra, *, hanya: Indikator | None = None
) -> list[IndikatorRiwayat]:
    """The history page: per indicator (or only `hanya`), every year of the Renstra period and
    every year with a history row, oldest first."""
    daftar = indikator_riwayat(satker, renstra, hanya=hanya)
    terkunci = pesan_kunci_per_tahun(satker)
    pk_per_tahun: dict[tuple[int, int], PerjanjianKinerja] = {}
    item = item_pk_berlaku().filter(indikator__in=daftar).select_related("pk_induk__satker")
    for i in item.order_by("pk_induk__jenis"):
        pk_per_tahun.setdefault((i.indikator_id, i.pk_induk.tahun), i.pk_induk)
    tahun_ini = timezone.localdate().year
    hasil = []
    for ind in daftar:
        target = {t.tahun: t.nilai_dari("target") for t in ind.target_renstra.all()}
        riwayat = {r.tahun: r for r in ind.riwayat_capaian.all()}
        semua = sorted(
            set(range(renstra.tahun_mulai, renstra.tahun_selesai + 1)) | set(riwayat) | set(target)
        )
        baris = []
        for tahun in semua:
            r = riwayat.get(tahun)
            if r is not None:
                r.indikator = ind  # the prefetched indicator, with its scale
            baris.append(
                TahunRiwayat(
                    tahun=tahun,
                    target_renstra=target.get(tahun),
                    riwayat=r,
                    target=r.nilai_dari("target") if r is not None else None,
                    realisasi=r.nilai_dari("realisasi") if r is not None else None,
                    hasil=r.hitung_capaian() if r is not None else None,
                    pk=pk_per_tahun.get((ind.id, tahun)),
                    berjalan=tahun <= tahun_ini,
                    kunci=_kunci(terkunci, tahun),
                )
            )
        hasil.append(IndikatorRiwayat(ind, baris))
    return hasil
