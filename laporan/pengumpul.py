"""Gathering a report's data (`kumpulkan`): one pass over the PKs, realisasi, history, Renstra
and budget of the satker-year into the plain objects of laporan/data.py. Numbers are computed by
kinerja.capaian, kinerja.pengukuran and anggaran.serapan, so the report shows exactly what the
forms show.
"""

from decimal import Decimal

from django.db.models import Prefetch

from anggaran.models import RevisiDipa
from anggaran.services import anggaran_per_sasaran, pohon_satker
from kinerja import capaian
from kinerja.models import (
    Indikator,
    ItemPK,
    JenisPK,
    KebijakanCapaian,
    PerjanjianKinerja,
    Renstra,
    Sasaran,
    TargetRenstra,
)
from kinerja.pengukuran import tabel_pengukuran
from kinerja.riwayat import riwayat_indikator
from nilai import NilaiTidakValid, tulis_nilai

from .data import (
    NARASI,
    DataLaporan,
    IndikatorLaporan,
    PKLaporan,
    ProgramAnggaran,
    RiwayatTahun,
    SasaranLaporan,
    SasaranRenstra,
    tampil_nilai,
)
from .models import Laporan


def _pk_berlaku(laporan: Laporan, tahun: int) -> list[PerjanjianKinerja]:
    """The PKs in force that the report is made from, the commission's first."""
    pk_list = (
        PerjanjianKinerja.objects.dengan_item()
        .filter(satker=laporan.satker, tahun=tahun, jenis__in=laporan.jenis_pk)
        .terkini()
    )
    return sorted(pk_list, key=lambda pk: laporan.jenis_pk.index(pk.jenis))


def _kunci_riwayat(indikator: Indikator) -> tuple:
    """Indicators of different years match by their national reference, else by wording."""
    return ("acuan", indikator.acuan_id) if indikator.acuan_id else ("nama", indikator.nama.lower())


def _riwayat(laporan: Laporan) -> tuple[dict, dict, dict]:
    """Earlier years' results: per indicator key, per sasaran number, and the overall capaian."""
    per_indikator: dict[tuple, list[RiwayatTahun]] = {}
    per_sasaran: dict[str, list[RiwayatTahun]] = {}
    keseluruhan: dict[int, Decimal | None] = {}
    lama = (
        PerjanjianKinerja.objects.dengan_item()
        .filter(satker=laporan.satker, jenis__in=laporan.jenis_pk, tahun__lt=laporan.tahun)
        .terkini()
        .order_by("tahun")
    )
    per_tahun: dict[int, list] = {}
    for pk in lama:
        tabel = tabel_pengukuran(pk, KebijakanCapaian.objects.untuk(pk.satker, pk.tahun))
        per_tahun.setdefault(pk.tahun, []).append(tabel)
        for s in tabel.sasaran:
            per_sasaran.setdefault(s.sasaran.teks.lower(), []).append(
                RiwayatTahun(pk.tahun, "", s.capaian)
            )
            for b in s.baris:
                per_indikator.setdefault(_kunci_riwayat(b.indikator), []).append(
                    RiwayatTahun(
                        pk.tahun,
                        tampil_nilai(b.indikator, b.realisasi),
                        b.hasil.nilai,
                        target=tampil_nilai(b.indikator, b.target),
                    )
                )
    for tahun, tabel_list in per_tahun.items():
        batas = tabel_list[0].kebijakan.batas if tabel_list[0].kebijakan else None
        keseluruhan[tahun] = capaian.rerata_capaian(
            (b.hasil.nilai for t in tabel_list for b in t.baris), batas
        )
    return per_indikator, per_sasaran, keseluruhan


def _capaian_terhadap(indikator: Indikator, realisasi, acuan) -> Decimal | None:
    """The realisasi scored against another reference (Renstra or national) by the same rule."""
    if realisasi is None or acuan is None:
        return None
    try:
        return indikator.capaian_untuk(realisasi=realisasi, target=acuan).nilai
    except NilaiTidakValid:
        return None


def _narasi(item: ItemPK) -> dict[str, list[str]]:
    hasil = {nama: [] for nama in NARASI}
    for r in sorted(item.realisasi.all(), key=lambda r: r.triwulan):
        for nama in NARASI:
            teks = getattr(r, nama).strip()
            if teks:
                hasil[nama].append(f"TW {capaian.TW_ROMAWI[r.triwulan]}: {teks}")
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
                t.tahun: tampil_nilai(ind, t.nilai_dari("target")) for t in ind.target_renstra.all()
            }
            baris.append((ind.kode, ind.nama, ind.satuan, target))
        hasil.append(SasaranRenstra(s.nomor, s.teks, baris))
    return hasil


def _anggaran(satker, tahun: int, pk_list: list[PKLaporan]) -> tuple[list[ProgramAnggaran], bool]:
    """Pagu and realisasi per programme (and kegiatan) from the satker-year's DIPA budget when
    it has been entered; otherwise the programme pagu stated on the PK, without realisasi."""
    pohon = pohon_satker(satker, tahun)

    def kode(simpul) -> str:
        # A code the source did not print is the satker's assumption: never printed as fact.
        return "" if simpul.kode_asumsi else simpul.kode

    if pohon.anak:
        return [
            ProgramAnggaran(
                kode(p),
                p.nama,
                p.pagu,
                p.realisasi,
                kegiatan=[ProgramAnggaran(kode(k), k.nama, k.pagu, k.realisasi) for k in p.anak],
            )
            for p in pohon.anak
        ], True
    pk_anggaran = next((p.anggaran for p in pk_list if p.anggaran), [])
    return [ProgramAnggaran(a.kode, a.program, a.pagu) for a in pk_anggaran], False


def _efisiensi(sasaran_laporan: list[SasaranLaporan], item_per_sasaran: dict) -> None:
    """Each sasaran's budget: the ROs linked to any of its indicators (each RO once), their
    pagu, realisasi and absorption (None when a linked RO has no realisasi yet)."""
    if not item_per_sasaran:
        return
    per_sasaran = anggaran_per_sasaran(item_per_sasaran)
    for s in sasaran_laporan:
        a = per_sasaran.get(s.kunci)
        if a is not None:
            s.pagu, s.realisasi_anggaran, s.penyerapan = a.pagu, a.realisasi, a.penyerapan
            s.anggaran_bersama = a.bersama


def _indikator_laporan(b, semua_target, target_akhir, per_indikator) -> IndikatorLaporan:
    ind, item = b.indikator, b.item
    akhir = target_akhir.get(ind.id)
    acuan_akhir = akhir.nilai_dari("target") if akhir else None
    standar = ind.nilai_dari("standar_nasional")
    baseline = ind.nilai_dari("baseline")
    kegiatan = ""
    if item.target_kegiatan is not None:
        kegiatan = f"{tulis_nilai(item.target_kegiatan)} {item.satuan_kegiatan}".strip()
    return IndikatorLaporan(
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        jenis_nilai=ind.jenis_nilai,
        negatif=ind.polaritas == "negatif",
        target=tampil_nilai(ind, b.target),
        target_kegiatan=kegiatan,
        realisasi=tampil_nilai(ind, b.realisasi),
        ada_realisasi=b.realisasi is not None,
        hasil=b.hasil,
        kategori=b.kategori,
        target_renstra=semua_target.get(ind.id, {}),
        target_akhir_renstra=tampil_nilai(ind, acuan_akhir) if akhir else None,
        capaian_thd_renstra=_capaian_terhadap(ind, b.realisasi, acuan_akhir),
        baseline=None if baseline is None else tampil_nilai(ind, baseline),
        standar_nasional=None if standar is None else tampil_nilai(ind, standar),
        capaian_thd_standar=_capaian_terhadap(ind, b.realisasi, standar),
        riwayat=per_indikator.get(_kunci_riwayat(ind), []),
        narasi=_narasi(item),
    )


def _riwayat_tercatat(pk_berlaku, sasaran_laporan: list[SasaranLaporan], tahun: int) -> None:
    """Add the history entered for each indicator (years before the application) to the years
    computed from earlier PKs; a year known from both keeps the PK's."""
    indikator = {
        (pk.jenis, i.indikator.kode): i.indikator for pk in pk_berlaku for i in pk.item.all()
    }
    tercatat = riwayat_indikator([i.id for i in indikator.values()], sebelum=tahun)
    for s in sasaran_laporan:
        for ind in s.indikator:
            asli = indikator[(s.jenis_pk, ind.kode)]
            ada = {r.tahun for r in ind.riwayat}
            tambahan = [
                RiwayatTahun(
                    r.tahun,
                    "" if r.realisasi is None else tampil_nilai(asli, r.realisasi),
                    r.capaian,
                    target="" if r.target is None else tampil_nilai(asli, r.target),
                    sumber=r.sumber,
                )
                for r in tercatat[asli.id]
                if r.tahun not in ada
            ]
            if tambahan:
                ind.riwayat = sorted([*ind.riwayat, *tambahan], key=lambda r: r.tahun)


def _nama_pemilik_pk(satker, jenis: str) -> str:
    return f"Sekretariat {satker.nama}" if jenis == JenisPK.SEKRETARIAT else satker.nama


def _target_renstra(renstra_list) -> tuple[dict, dict]:
    """Every Renstra target of these Renstras in one query: the yearly table per indicator, and
    each indicator's final-year target for analysis 3."""
    semua_target: dict[int, dict[int, str]] = {}
    target_akhir: dict[int, TargetRenstra] = {}
    selesai = {r.id: r.tahun_selesai for r in renstra_list}
    for t in TargetRenstra.objects.filter(
        indikator__sasaran__renstra__in=list(selesai)
    ).select_related("indikator__sasaran"):
        semua_target.setdefault(t.indikator_id, {})[t.tahun] = tampil_nilai(
            t.indikator, t.nilai_dari("target")
        )
        if t.tahun == selesai[t.indikator.sasaran.renstra_id]:
            target_akhir[t.indikator_id] = t
    return semua_target, target_akhir


def kumpulkan(laporan: Laporan) -> DataLaporan:
    """Gather the report's data: the PKs in force for its year and kind(s), scored by the
    satker-year's policy, with Renstra targets, national values and earlier years."""
    satker, tahun = laporan.satker, laporan.tahun
    pk_berlaku = _pk_berlaku(laporan, tahun)
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
    if pk_berlaku:
        renstra = pk_berlaku[0].renstra
    else:
        renstra = (
            Renstra.objects.filter(
                satker=satker, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
            ).first()
            or Renstra.objects.filter(satker__kode="00").order_by("-tahun_mulai").first()
        )
    tahun_renstra = list(range(renstra.tahun_mulai, renstra.tahun_selesai + 1))
    per_indikator, per_sasaran, keseluruhan = _riwayat(laporan)
    renstra_list = {pk.renstra_id: pk.renstra for pk in pk_berlaku} or {renstra.id: renstra}
    semua_target, target_akhir = _target_renstra(renstra_list.values())
    # Sasaran keep their Renstra number as identity, unless two PKs follow different Renstras.
    satu_renstra = len(renstra_list) == 1

    pk_list: list[PKLaporan] = []
    item_per_sasaran: dict[str, list[int]] = {}
    semua_nilai = []
    for pk in pk_berlaku:
        tabel = tabel_pengukuran(pk, kebijakan)
        sasaran_pk = []
        for nomor, s in enumerate(tabel.sasaran, start=1):
            kunci = str(s.sasaran.nomor) if satu_renstra else f"{pk.jenis}-{s.sasaran.nomor}"
            sebutan = f"Sasaran {nomor}"
            if len(pk_berlaku) > 1:
                sebutan += " PK Sekretariat" if pk.jenis == JenisPK.SEKRETARIAT else " PK KPU"
            sasaran_pk.append(
                SasaranLaporan(
                    nomor=nomor,
                    teks=s.sasaran.teks,
                    indikator=[
                        _indikator_laporan(b, semua_target, target_akhir, per_indikator)
                        for b in s.baris
                    ],
                    capaian=s.capaian,
                    kategori=s.kategori,
                    riwayat=per_sasaran.get(s.sasaran.teks.lower(), []),
                    kunci=kunci,
                    jenis_pk=pk.jenis,
                    sebutan=sebutan,
                )
            )
            item_per_sasaran[kunci] = [b.item.id for b in s.baris]
        semua_nilai += [b.hasil.nilai for b in tabel.baris]
        pk_list.append(
            PKLaporan(
                pk=pk,
                jenis=pk.jenis,
                nama_pemilik=_nama_pemilik_pk(satker, pk.jenis),
                sasaran=sasaran_pk,
                item=list(pk.item.all()),
                capaian=tabel.capaian,
                kategori=tabel.kategori,
                status=tabel.status,
                anggaran=[ProgramAnggaran(a.kode, a.program, a.pagu) for a in pk.anggaran.all()],
            )
        )
    sasaran_laporan = [s for p in pk_list for s in p.sasaran]
    _riwayat_tercatat(pk_berlaku, sasaran_laporan, tahun)
    pita = kebijakan.skala_kategori.daftar_pita if kebijakan else []
    if len(pk_list) == 1:
        nilai_keseluruhan, status = pk_list[0].capaian, pk_list[0].status
    else:
        nilai_keseluruhan = capaian.rerata_capaian(
            semua_nilai, kebijakan.batas if kebijakan else None
        )
        status = capaian.hitung_status(semua_nilai)
    anggaran, anggaran_dipa = _anggaran(satker, tahun, pk_list)
    _efisiensi(sasaran_laporan, item_per_sasaran)
    tahun_lalu = max(keseluruhan) if keseluruhan else None
    return DataLaporan(
        laporan=laporan,
        tahun=tahun,
        judul=f"Laporan Kinerja {laporan.nama_pemilik} Tahun {tahun}",
        nama_pemilik=laporan.nama_pemilik,
        renstra=renstra,
        misi=[m for m in renstra.misi.splitlines() if m.strip()],
        tujuan=[t for t in renstra.tujuan.splitlines() if t.strip()],
        tahun_renstra=tahun_renstra,
        sasaran_renstra=_sasaran_renstra(renstra, tahun_renstra),
        pk_list=pk_list,
        sasaran=sasaran_laporan,
        capaian=nilai_keseluruhan,
        kategori=capaian.kategori(nilai_keseluruhan, pita) if pita else None,
        status=status,
        pita=pita,
        nama_skala=kebijakan.skala_kategori.nama if kebijakan else "",
        batas_rerata=kebijakan.get_batas_rerata_display() if kebijakan else "Tanpa batas",
        anggaran=anggaran,
        anggaran_dipa=anggaran_dipa,
        revisi_dipa=RevisiDipa.objects.filter(satker=satker, tahun=tahun).count(),
        tahun_lalu=tahun_lalu,
        riwayat_keseluruhan=sorted(keseluruhan.items()),
        capaian_tahun_lalu=keseluruhan.get(tahun_lalu) if tahun_lalu else None,
        lampiran=list(laporan.lampiran.all()),
    )
