"""Everything a report shows, gathered once from the kinerja data into plain objects.

The drafts (laporan/draf.py), the charts (laporan/grafik.py), the HTML preview and the PDF all
read a `DataLaporan`; none of them queries the database. Numbers are computed by
kinerja.capaian and kinerja.pengukuran, so the report shows exactly what the forms show.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from anggaran.models import RevisiDipa
from anggaran.services import anggaran_per_sasaran, pohon_satker
from kinerja import capaian
from kinerja.models import (
    Indikator,
    ItemPK,
    KebijakanCapaian,
    PerjanjianKinerja,
    Renstra,
    Sasaran,
    TargetRenstra,
)
from kinerja.pengukuran import tabel_pengukuran

from .models import Laporan

NARASI = ("kegiatan", "penyebab", "solusi", "program_pendukung")
TW_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _tampil(indikator: Indikator, nilai) -> str:
    return capaian.format_nilai(nilai, indikator.satuan)


@dataclass
class RiwayatTahun:
    """An indicator's (or a sasaran's) result in an earlier year."""

    tahun: int
    realisasi: str
    capaian: Decimal | None

    @property
    def capaian_tampil(self) -> str:
        return capaian.format_persen(self.capaian)


@dataclass
class IndikatorLaporan:
    kode: str
    nama: str
    satuan: str
    jenis_nilai: str
    negatif: bool
    target: str
    target_kegiatan: str
    realisasi: str
    ada_realisasi: bool
    hasil: capaian.Capaian
    kategori: str | None
    target_renstra: dict[int, str]
    target_akhir_renstra: str | None
    capaian_thd_renstra: Decimal | None
    baseline: str | None
    standar_nasional: str | None
    capaian_thd_standar: Decimal | None
    riwayat: list[RiwayatTahun]
    # Per narrative field, the non-empty texts in quarter order, each prefixed "TW I: …".
    narasi: dict[str, list[str]]

    @property
    def capaian(self) -> Decimal | None:
        return self.hasil.nilai

    @property
    def capaian_tampil(self) -> str:
        return self.hasil.tampil


@dataclass
class SasaranLaporan:
    nomor: int
    teks: str
    indikator: list[IndikatorLaporan]
    capaian: Decimal | None
    kategori: str | None
    riwayat: list[RiwayatTahun]
    # The budget (ROs) linked to the sasaran's indicators, and its absorption; None when no RO
    # is linked to them.
    pagu: Decimal | None = None
    realisasi_anggaran: Decimal | None = None
    penyerapan: Decimal | None = None
    anggaran_bersama: bool = False  # some linked ROs also serve another sasaran

    @property
    def capaian_tampil(self) -> str:
        return capaian.format_persen(self.capaian)

    @property
    def indeks_efisiensi(self) -> Decimal | None:
        return capaian.indeks_efisiensi(self.capaian, self.penyerapan)


@dataclass
class ProgramAnggaran:
    kode: str
    program: str
    pagu: Decimal
    realisasi: Decimal | None = None
    # (kode, nama, pagu, realisasi, penyerapan, sisa) of each kegiatan, from the DIPA budget.
    kegiatan: list["ProgramAnggaran"] = field(default_factory=list)

    @property
    def penyerapan(self) -> Decimal | None:
        return capaian.penyerapan(self.realisasi, self.pagu)

    @property
    def sisa(self) -> Decimal | None:
        return capaian.sisa(self.pagu, self.realisasi)


@dataclass
class SasaranRenstra:
    nomor: int
    teks: str
    # (kode, nama, satuan, {tahun: target})
    indikator: list[tuple[str, str, str, dict[int, str]]]


@dataclass
class DataLaporan:
    laporan: Laporan
    tahun: int
    judul: str
    nama_pemilik: str  # "KPU Kabupaten Lampung Utara" or "Sekretariat KPU Kota Serang"
    renstra: Renstra
    misi: list[str]
    tujuan: list[str]
    tahun_renstra: list[int]
    sasaran_renstra: list[SasaranRenstra]
    pk: PerjanjianKinerja | None
    pk_item: list[ItemPK]
    sasaran: list[SasaranLaporan]
    capaian: Decimal | None
    kategori: str | None
    status: capaian.RingkasanStatus
    pita: list[capaian.Pita]
    nama_skala: str
    batas_rerata: str
    anggaran: list[ProgramAnggaran]
    tahun_lalu: int | None = None
    # True when the amounts come from the satker-year's DIPA budget (pagu and realisasi per
    # programme and kegiatan); False when only the PK's programme pagu is known.
    anggaran_dipa: bool = False
    revisi_dipa: int = 0
    # The programme budget as stated (and signed) on the PK, for the PK tables.
    anggaran_pk: list[ProgramAnggaran] = field(default_factory=list)
    capaian_tahun_lalu: Decimal | None = None
    # Overall capaian of every earlier year with a PK of this kind, oldest first.
    riwayat_keseluruhan: list[tuple[int, Decimal | None]] = field(default_factory=list)
    lampiran: list = field(default_factory=list)

    @property
    def satker(self):
        return self.laporan.satker

    @property
    def capaian_tampil(self) -> str:
        return capaian.format_persen(self.capaian)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)

    @property
    def anggaran_bersama(self) -> bool:
        return any(s.anggaran_bersama for s in self.sasaran)

    @property
    def total_pagu(self) -> Decimal:
        return capaian.jumlah(a.pagu for a in self.anggaran)

    @property
    def total_pagu_pk(self) -> Decimal:
        return capaian.jumlah(a.pagu for a in self.anggaran_pk)

    @property
    def total_realisasi_anggaran(self) -> Decimal | None:
        if not self.anggaran or any(a.realisasi is None for a in self.anggaran):
            return None
        return capaian.jumlah(a.realisasi for a in self.anggaran)

    @property
    def penyerapan(self) -> Decimal | None:
        return capaian.penyerapan(self.total_realisasi_anggaran, self.total_pagu)


def _pk_berlaku(laporan: Laporan, tahun: int) -> PerjanjianKinerja | None:
    return (
        PerjanjianKinerja.objects.with_items()
        .filter(satker=laporan.satker, tahun=tahun, jenis=laporan.jenis)
        .terkini()
        .first()
    )


def _kunci_riwayat(indikator: Indikator) -> tuple:
    """Indicators of different years match by their national reference, else by wording."""
    return ("acuan", indikator.acuan_id) if indikator.acuan_id else ("nama", indikator.nama.lower())


def _riwayat(laporan: Laporan) -> tuple[dict, dict, dict]:
    """Earlier years' results: per indicator key, per sasaran number, and the overall capaian."""
    per_indikator: dict[tuple, list[RiwayatTahun]] = {}
    per_sasaran: dict[str, list[RiwayatTahun]] = {}
    keseluruhan: dict[int, Decimal | None] = {}
    lama = (
        PerjanjianKinerja.objects.with_items()
        .filter(satker=laporan.satker, jenis=laporan.jenis, tahun__lt=laporan.tahun)
        .terkini()
        .order_by("tahun")
    )
    for pk in lama:
        tabel = tabel_pengukuran(pk, KebijakanCapaian.objects.untuk(pk.satker, pk.tahun))
        keseluruhan[pk.tahun] = tabel.capaian
        for s in tabel.sasaran:
            per_sasaran.setdefault(s.sasaran.teks.lower(), []).append(
                RiwayatTahun(pk.tahun, "", s.capaian)
            )
            for b in s.baris:
                per_indikator.setdefault(_kunci_riwayat(b.indikator), []).append(
                    RiwayatTahun(pk.tahun, _tampil(b.indikator, b.realisasi), b.hasil.nilai)
                )
    return per_indikator, per_sasaran, keseluruhan


def _capaian_terhadap(indikator: Indikator, realisasi, acuan) -> Decimal | None:
    """The realisasi scored against another reference (Renstra or national) by the same rule."""
    if realisasi is None or acuan is None:
        return None
    try:
        return capaian.hitung_capaian(
            jenis=capaian.JenisNilai(indikator.jenis_nilai),
            realisasi=realisasi,
            target=acuan,
            polaritas=capaian.Polaritas(indikator.polaritas),
            rumus_negatif=capaian.RumusNegatif(indikator.rumus_negatif),
            skala=indikator.skala,
        ).nilai
    except capaian.NilaiTidakValid:
        return None


def _narasi(item: ItemPK) -> dict[str, list[str]]:
    hasil = {nama: [] for nama in NARASI}
    for r in sorted(item.realisasi.all(), key=lambda r: r.triwulan):
        for nama in NARASI:
            teks = getattr(r, nama).strip()
            if teks:
                hasil[nama].append(f"TW {TW_ROMAWI[r.triwulan]}: {teks}")
    return hasil


def _sasaran_renstra(renstra: Renstra, tahun_renstra: list[int]) -> list[SasaranRenstra]:
    sasaran = Sasaran.objects.filter(renstra=renstra).prefetch_related(
        Prefetch(
            "indikator",
            queryset=Indikator.objects.select_related("skala_nilai").prefetch_related(
                Prefetch("target_renstra", queryset=TargetRenstra.objects.order_by("tahun"))
            ),
        )
    )
    hasil = []
    for s in sasaran:
        baris = []
        for ind in s.indikator.all():
            target = {
                t.tahun: _tampil(ind, t.nilai_dari("target")) for t in ind.target_renstra.all()
            }
            baris.append((ind.kode, ind.nama, ind.satuan, target))
        hasil.append(SasaranRenstra(s.nomor, s.teks, baris))
    return hasil


def _anggaran(satker, tahun: int, pk) -> tuple[list[ProgramAnggaran], bool]:
    """Pagu and realisasi per programme (and kegiatan) from the satker-year's DIPA budget when
    it has been entered; otherwise the programme pagu stated on the PK, without realisasi."""
    pohon = pohon_satker(satker, tahun)
    if pohon.anak:
        return [
            ProgramAnggaran(
                p.kode,
                p.nama,
                p.pagu,
                p.realisasi,
                kegiatan=[ProgramAnggaran(k.kode, k.nama, k.pagu, k.realisasi) for k in p.anak],
            )
            for p in pohon.anak
        ], True
    if pk is None:
        return [], False
    return [ProgramAnggaran(a.kode, a.program, a.pagu) for a in pk.anggaran.all()], False


def _efisiensi(sasaran_laporan: list[SasaranLaporan], tabel) -> None:
    """Each sasaran's budget: the ROs linked to any of its indicators (each RO once), their
    pagu, realisasi and absorption (None when a linked RO has no realisasi yet)."""
    if tabel is None:
        return
    item_per_sasaran = {s.sasaran.nomor: [b.item.id for b in s.baris] for s in tabel.sasaran}
    per_sasaran = anggaran_per_sasaran(item_per_sasaran)
    for s in sasaran_laporan:
        a = per_sasaran.get(s.nomor)
        if a is not None:
            s.pagu, s.realisasi_anggaran, s.penyerapan = a.pagu, a.realisasi, a.penyerapan
            s.anggaran_bersama = a.bersama


def kumpulkan(laporan: Laporan) -> DataLaporan:
    """Gather the report's data: the PK in force for its year and kind, scored by the
    satker-year's policy, with Renstra targets, national values and earlier years."""
    satker, tahun = laporan.satker, laporan.tahun
    pk = _pk_berlaku(laporan, tahun)
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
    nama_pemilik = str(laporan).removeprefix("LKj ").rsplit(" ", 1)[0]
    if pk is not None:
        renstra = pk.renstra
    else:
        renstra = (
            Renstra.objects.filter(
                satker=satker, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
            ).first()
            or Renstra.objects.filter(satker__kode="00").order_by("-tahun_mulai").first()
        )
    tahun_renstra = list(range(renstra.tahun_mulai, renstra.tahun_selesai + 1))
    per_indikator, per_sasaran, keseluruhan = _riwayat(laporan)
    # One query for every Renstra target: the yearly table, and the final year for analysis 3.
    semua_target: dict[int, dict[int, str]] = {}
    target_akhir: dict[int, TargetRenstra] = {}
    for t in TargetRenstra.objects.filter(indikator__sasaran__renstra=renstra).select_related(
        "indikator"
    ):
        semua_target.setdefault(t.indikator_id, {})[t.tahun] = _tampil(
            t.indikator, t.nilai_dari("target")
        )
        if t.tahun == renstra.tahun_selesai:
            target_akhir[t.indikator_id] = t

    sasaran_laporan: list[SasaranLaporan] = []
    tabel = tabel_pengukuran(pk, kebijakan) if pk else None
    for s in tabel.sasaran if tabel else []:
        baris_laporan = []
        for b in s.baris:
            ind = b.indikator
            item = b.item
            akhir = target_akhir.get(ind.id)
            acuan_akhir = akhir.nilai_dari("target") if akhir else None
            standar = ind.nilai_dari("standar_nasional")
            baseline = ind.nilai_dari("baseline")
            kegiatan = ""
            if item.target_kegiatan is not None:
                kegiatan = (
                    f"{capaian.format_nilai(item.target_kegiatan)} {item.satuan_kegiatan}".strip()
                )
            baris_laporan.append(
                IndikatorLaporan(
                    kode=ind.kode,
                    nama=ind.nama,
                    satuan=ind.satuan,
                    jenis_nilai=ind.jenis_nilai,
                    negatif=ind.polaritas == "negatif",
                    target=_tampil(ind, b.target),
                    target_kegiatan=kegiatan,
                    realisasi=_tampil(ind, b.realisasi),
                    ada_realisasi=b.realisasi is not None,
                    hasil=b.hasil,
                    kategori=b.kategori,
                    target_renstra=semua_target.get(ind.id, {}),
                    target_akhir_renstra=_tampil(ind, acuan_akhir) if akhir else None,
                    capaian_thd_renstra=_capaian_terhadap(ind, b.realisasi, acuan_akhir),
                    baseline=None if baseline is None else _tampil(ind, baseline),
                    standar_nasional=None if standar is None else _tampil(ind, standar),
                    capaian_thd_standar=_capaian_terhadap(ind, b.realisasi, standar),
                    riwayat=per_indikator.get(_kunci_riwayat(ind), []),
                    narasi=_narasi(item),
                )
            )
        sasaran_laporan.append(
            SasaranLaporan(
                nomor=s.sasaran.nomor,
                teks=s.sasaran.teks,
                indikator=baris_laporan,
                capaian=s.capaian,
                kategori=s.kategori,
                riwayat=per_sasaran.get(s.sasaran.teks.lower(), []),
            )
        )
    anggaran, anggaran_dipa = _anggaran(satker, tahun, pk)
    _efisiensi(sasaran_laporan, tabel)
    tahun_lalu = max(keseluruhan) if keseluruhan else None
    return DataLaporan(
        laporan=laporan,
        tahun=tahun,
        judul=f"Laporan Kinerja {nama_pemilik} Tahun {tahun}",
        nama_pemilik=nama_pemilik,
        renstra=renstra,
        misi=[m for m in renstra.misi.splitlines() if m.strip()],
        tujuan=[t for t in renstra.tujuan.splitlines() if t.strip()],
        tahun_renstra=tahun_renstra,
        sasaran_renstra=_sasaran_renstra(renstra, tahun_renstra),
        pk=pk,
        pk_item=list(pk.item.all()) if pk else [],
        sasaran=sasaran_laporan,
        capaian=tabel.capaian if tabel else None,
        kategori=tabel.kategori if tabel else None,
        status=tabel.status if tabel else capaian.hitung_status([]),
        pita=kebijakan.skala_kategori.daftar_pita if kebijakan else [],
        nama_skala=kebijakan.skala_kategori.nama if kebijakan else "",
        batas_rerata=kebijakan.get_batas_rerata_display() if kebijakan else "Tanpa batas",
        anggaran=anggaran,
        anggaran_dipa=anggaran_dipa,
        anggaran_pk=[ProgramAnggaran(a.kode, a.program, a.pagu) for a in pk.anggaran.all()]
        if pk
        else [],
        revisi_dipa=RevisiDipa.objects.filter(satker=satker, tahun=tahun).count(),
        tahun_lalu=tahun_lalu,
        riwayat_keseluruhan=sorted(keseluruhan.items()),
        capaian_tahun_lalu=keseluruhan.get(tahun_lalu) if tahun_lalu else None,
        lampiran=list(laporan.lampiran.all()),
    )
