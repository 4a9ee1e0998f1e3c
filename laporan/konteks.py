"""What the report prints: `konteks(data)` prepares everything the report templates show (the
sections of each chapter, the tables' rows, the charts, the tables and figures numbered in print
order, the Daftar Isi), for the whole document (templates/laporan/dokumen.html, the browser
preview) and for each PDF segment (laporan/dokumen.py) alike.

Charts are inline SVG strings (as data: URIs), drawn by laporan/grafik.py and kept in a small
in-process cache; the stylesheet and logo are linked by URL for the browser and by local path
for WeasyPrint.
"""

import base64
import hashlib
import inspect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.templatetags.static import static

from kinerja.models import JenisPK
from nilai import terbilang
from satker.models import Tingkat

from . import grafik
from .bagian import ANALISIS, BAGIAN_UMUM, BagianTampil, kunci_analisis, susun
from .data import DataLaporan, PKLaporan, SasaranLaporan
from .isi_tabel import (
    BarisRencanaAksi,
    ada_target_triwulan,
    aturan_pengukuran,
    baris_pk,
    rencana_aksi,
    skala,
)
from .penomoran import Nomor, Penomoran, daftar_isi

CSS = "laporan/lkj.css"
# BAB III after its first sasaran is laid out a few sasaran at a time (laporan/dokumen.py):
# small enough that an edited analysis re-lays out a few pages, large enough that each
# document's fixed cost (the stylesheet, the fonts) stays small.
SASARAN_PER_SEGMEN = 3


def awal_segmen(indeks: int) -> bool:
    """Whether the sasaran at this place in BAB III opens a PDF segment of its own (the first
    is in the chapter's opening segment; the others go SASARAN_PER_SEGMEN to a segment)."""
    return indeks >= 1 and (indeks - 1) % SASARAN_PER_SEGMEN == 0


# --- Charts -----------------------------------------------------------------------------------

_GRAFIK_CACHE: OrderedDict[str, str | None] = OrderedDict()
_GRAFIK_KUNCI = threading.Lock()
_GRAFIK_MAKS = 512
# The chart code itself is part of every chart's key: a changed drawing gives a new hash.
_VERSI_GRAFIK = hashlib.sha256(inspect.getsource(grafik).encode()).hexdigest()[:16]


def _kunci_grafik(fungsi, *args) -> str:
    return hashlib.sha256(f"{_VERSI_GRAFIK}|{fungsi.__name__}|{args!r}".encode()).hexdigest()


def _grafik(fungsi, *args, svg: bool = True) -> str | None:
    """A chart as an inline SVG string (None when there is nothing to plot). Charts are pure
    functions of their inputs, so they are kept in a small in-process cache: re-rendering a
    report after a text edit does not redraw them. With `svg=False` only the chart's key is
    returned (an HTML comment), which is what the content hash needs."""
    kunci = _kunci_grafik(fungsi, *args)
    if not svg:
        return f"<!-- grafik {kunci} -->"
    with _GRAFIK_KUNCI:
        if kunci in _GRAFIK_CACHE:
            _GRAFIK_CACHE.move_to_end(kunci)
            return _GRAFIK_CACHE[kunci]
    hasil = fungsi(*args)
    with _GRAFIK_KUNCI:
        _GRAFIK_CACHE[kunci] = hasil
        while len(_GRAFIK_CACHE) > _GRAFIK_MAKS:
            _GRAFIK_CACHE.popitem(last=False)
    return hasil


# --- What the templates print -----------------------------------------------------------------


@dataclass
class Analisis:
    nomor: int
    judul: str
    bagian: BagianTampil


@dataclass
class BlokSasaran:
    """What BAB III.A prints for one sasaran: its table, chart and the seven analyses."""

    sasaran: SasaranLaporan
    id: str
    tabel: Nomor
    gambar: Nomor | None
    svg: str | None
    analisis: list[Analisis]
    # The first sasaran is printed inside BAB III.A.2's opening; the others after it.
    pembuka: bool = False
    # The first sasaran of each later PDF segment starts on a new page (segments are laid out
    # as separate documents); within a segment the sasaran follow each other, so the end of one
    # does not leave a near-empty page.
    halaman_baru: bool = False
    # In a combined report, the PK whose sasaran start here (its heading is printed first).
    pk_awal: "BlokPK | None" = None


@dataclass
class BlokPK:
    """What the report prints for one of its PKs: its tables in BAB II and III.A.1, its chart,
    and its documents in the Lampiran."""

    pk: PKLaporan
    id: str
    awal: bool  # the report's first PK
    judul: str  # "Perjanjian Kinerja Sekretariat KPU Kota Serang Tahun 2023"
    tabel_pk: Nomor
    baris_pk: list[dict]
    rencana_aksi: list[BarisRencanaAksi]
    ada_target_kegiatan: bool
    ada_target_triwulan: bool
    tabel_anggaran: Nomor | None = None
    tabel_pengukuran: Nomor | None = None
    gambar_sasaran: Nomor | None = None
    svg_sasaran: str | None = None
    tabel_lampiran_pk: Nomor | None = None
    tabel_lampiran_anggaran: Nomor | None = None
    tabel_rencana_aksi: Nomor | None = None

    @property
    def id_analisis(self) -> str:
        return f"analisis-{self.pk.jenis}"

    @property
    def sekretariat(self) -> bool:
        return self.pk.sekretariat


@dataclass
class BagianBab:
    """A section of a chapter: its letter, title, anchor and (when drafted) its text."""

    huruf: str
    judul: str
    id: str
    isi: BagianTampil | None = None


# --- Context ----------------------------------------------------------------------------------


def _pereviu(data: DataLaporan) -> str:
    """Who reviews this report: the KPU Provinsi for a Kab/Kota, the Inspektorat of KPU RI for a
    province or KPU RI itself."""
    satker = data.satker
    if satker.tingkat == Tingkat.KABKOTA and satker.induk_id:
        return satker.induk.nama
    return "Inspektorat Utama KPU"


def _provinsi(data: DataLaporan) -> str:
    """The province line under a Kab/Kota's name on the cover ("Provinsi Bengkulu")."""
    satker = data.satker
    if satker.tingkat == Tingkat.KABKOTA and satker.induk_id and satker.induk.nama_wilayah:
        return f"Provinsi {satker.induk.nama_wilayah}"
    return ""


def _penandatangan(data: DataLaporan) -> dict:
    lap = data.laporan
    return {
        "tempat": lap.tempat_ttd.strip(),
        "tanggal": lap.tanggal_ttd,
        "jabatan": lap.penandatangan_jabatan.strip(),
        "nama": lap.penandatangan_nama.strip(),
        "nip": lap.penandatangan_nip.strip(),
    }


def _bagian_bab(bagian: dict[str, BagianTampil], bab: str, awalan: str) -> list[BagianBab]:
    """The printed sections of a chapter, lettered A, B, … (a section with nothing to say is
    left out and the letters close up)."""
    hasil = []
    for jenis in BAGIAN_UMUM:
        if jenis.bab != bab or not bagian[jenis.kunci].dicetak:
            continue
        huruf = chr(ord("A") + len(hasil))
        hasil.append(
            BagianBab(huruf, jenis.judul, f"{awalan}-{huruf.lower()}", bagian[jenis.kunci])
        )
    return hasil


def _logo(data: DataLaporan, pratinjau: bool) -> str | None:
    logo = data.satker.logo
    if not logo:
        return None
    try:
        if pratinjau:
            return logo.url
        jalur = Path(logo.path).resolve()
    except (ValueError, NotImplementedError):
        return None
    return jalur.as_uri() if jalur.is_file() else None


def _anggaran_sama(pk_list: list[PKLaporan]) -> bool:
    """Whether every PK of a combined report states the same programme budget."""
    semua = [tuple((a.kode, a.program, a.pagu) for a in p.anggaran) for p in pk_list]
    return len(set(semua)) <= 1


def _blok_pk(data: DataLaporan, tabel: Penomoran) -> list[BlokPK]:
    """One block per PK of the report, with the tables of BAB II.C–D and BAB III.A.1 numbered
    in print order (BAB II prints every PK table, then the budget tables)."""
    tahun = data.tahun
    blok = []
    for i, p in enumerate(data.pk_list):
        akhiran = f"-{p.jenis}" if data.gabungan else ""
        dari = f" {p.nama_singkat}" if data.gabungan else ""
        blok.append(
            BlokPK(
                pk=p,
                id=f"pk-{p.jenis}",
                awal=i == 0,
                judul=f"Perjanjian Kinerja {p.nama_pemilik} Tahun {tahun}",
                tabel_pk=tabel.tambah(f"pk{akhiran}", f"Perjanjian Kinerja{dari} tahun {tahun}"),
                baris_pk=baris_pk(p),
                rencana_aksi=rencana_aksi(p),
                ada_target_kegiatan=any(i.target_kegiatan for s in p.sasaran for i in s.indikator),
                ada_target_triwulan=ada_target_triwulan(p),
            )
        )
    # BAB II.D: the budget each PK states (once when every PK states the same).
    sama = _anggaran_sama(data.pk_list)
    for b in blok:
        if b.pk.anggaran and (b.awal or not sama):
            akhiran = f"-{b.pk.jenis}" if data.gabungan and not sama else ""
            dari = f" {b.pk.nama_singkat}" if data.gabungan and not sama else ""
            b.tabel_anggaran = tabel.tambah(
                f"anggaran_pk{akhiran}", f"Anggaran program Perjanjian Kinerja{dari} tahun {tahun}"
            )
    return blok


SERI_TREN_MAKS = 6


def _seri_tren(data: DataLaporan) -> list[tuple[str, list[tuple[int, Decimal | None]]]]:
    """The series of the trend chart, each with at least two years that have a capaian: the
    overall capaian per year (earlier years with PKs in the application, then this year), and
    each indicator with earlier results (from earlier PKs or its entered history), up to
    SERI_TREN_MAKS of them, those with the most years first. Indicators with the same results
    (one quantity measured in two PKs) share a line. Empty when no series has two years."""
    seri = [("Capaian keseluruhan", [*data.riwayat_keseluruhan, (data.tahun, data.capaian)])]
    per_titik: dict[tuple, list] = {}
    for ind in (i for s in data.sasaran for i in s.indikator):
        titik = [(r.tahun, r.capaian) for r in ind.riwayat if r.tahun < data.tahun]
        if titik:
            per_titik.setdefault((*titik, (data.tahun, ind.capaian)), []).append(ind)
    terbanyak = sorted(per_titik.items(), key=lambda kv: -sum(v is not None for _, v in kv[0]))
    for titik, daftar in terbanyak[:SERI_TREN_MAKS]:
        nama = daftar[0].nama if len(daftar[0].nama) <= 45 else daftar[0].nama[:44] + "…"
        seri.append((f"{' dan '.join(i.kode for i in daftar)} {nama}", list(titik)))
    return [(label, titik) for label, titik in seri if sum(v is not None for _, v in titik) >= 2]


def konteks(
    data: DataLaporan,
    *,
    pratinjau: bool = False,
    svg: bool = True,
    kode_isi: str = "",
    reviu: dict | None = None,
) -> dict:
    """Everything the report templates print, with tables and figures numbered in print order.

    `pratinjau=True` links the stylesheet and logo by URL for the browser; otherwise they are
    local file paths for WeasyPrint. `svg=False` replaces each chart by a key of its inputs
    (used for the content hash, so computing it never draws a chart). `reviu` is the reviewer's
    statement of an approval: the Pernyataan Telah Direviu is printed only with it."""
    tahun = data.tahun
    bagian = susun(data)
    tabel = Penomoran("Tabel")
    gambar = Penomoran("Gambar")
    pita = data.pita or None

    # Tables and figures in print order.
    tabel.tambah("ikhtisar", f"Ringkasan capaian kinerja tahun {tahun}", depan=True)
    r = data.renstra
    tabel.tambah("renstra", f"Target indikator kinerja Renstra {r.tahun_mulai}–{r.tahun_selesai}")
    pk_blok = _blok_pk(data, tabel)
    if data.pita:
        tabel.tambah("skala", "Skala kategori capaian kinerja")
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_pengukuran = tabel.tambah(
            f"pengukuran-{b.pk.jenis}", f"Pengukuran capaian kinerja{dari} tahun {tahun}"
        )
    for b in pk_blok:
        b.svg_sasaran = data_uri_svg(
            _grafik(grafik.capaian_per_sasaran, b.pk.sasaran, pita, svg=svg)
        )
        if b.svg_sasaran:
            dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
            b.gambar_sasaran = gambar.tambah(
                f"capaian_sasaran-{b.pk.jenis}", f"Capaian kinerja per sasaran{dari} tahun {tahun}"
            )
    seri_tren = _seri_tren(data)
    grafik_svg = {
        "tren": _grafik(grafik.tren_capaian, seri_tren, svg=svg) if seri_tren else None,
        "anggaran": _grafik(grafik.penyerapan_anggaran, data.anggaran, svg=svg),
    }
    grafik_svg = {k: data_uri_svg(v) for k, v in grafik_svg.items()}
    if grafik_svg["tren"]:
        awal = min(t for _, titik in seri_tren for t, _ in titik)
        if [label for label, _ in seri_tren] == ["Capaian keseluruhan"]:
            judul_tren = f"Tren capaian kinerja keseluruhan {awal}–{tahun}"
        else:
            judul_tren = f"Tren capaian kinerja {awal}–{tahun}"
        gambar.tambah("tren", judul_tren)

    sasaran_list = []
    for b in pk_blok:
        for s in b.pk.sasaran:
            t = tabel.tambah(f"sasaran-{s.kunci}", f"Capaian {s.sebutan}")
            svg_s = data_uri_svg(_grafik(grafik.capaian_indikator, s, pita, svg=svg))
            g = (
                gambar.tambah(f"sasaran-{s.kunci}", f"Capaian indikator {s.sebutan}")
                if svg_s
                else None
            )
            dicetak = [
                (judul, bagian[kunci_analisis(s, kode)])
                for kode, judul, _fungsi in ANALISIS
                if bagian[kunci_analisis(s, kode)].dicetak
            ]
            analisis = [Analisis(i, judul, isi) for i, (judul, isi) in enumerate(dicetak, 1)]
            sasaran_list.append(
                BlokSasaran(
                    s,
                    f"sasaran-{s.kunci}",
                    t,
                    g,
                    svg_s,
                    analisis,
                    pembuka=not sasaran_list,
                    halaman_baru=awal_segmen(len(sasaran_list)),
                    pk_awal=b if data.gabungan and s is b.pk.sasaran[0] else None,
                )
            )

    # BAB III.B is printed when there is a budget (or staff text about it).
    ada_anggaran = bool(data.anggaran) or bagian["bab3.anggaran"].dicetak
    if data.anggaran:
        tabel.tambah("realisasi_anggaran", f"Realisasi anggaran per program tahun {tahun}")
    ada_efisiensi = any(s.pagu is not None for s in data.sasaran)
    if ada_efisiensi:
        tabel.tambah("efisiensi", f"Efisiensi penggunaan anggaran per sasaran tahun {tahun}")
    if grafik_svg["anggaran"]:
        gambar.tambah("anggaran", f"Pagu dan realisasi anggaran per program tahun {tahun}")
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_lampiran_pk = tabel.tambah(
            f"lampiran_pk-{b.pk.jenis}", f"Target Perjanjian Kinerja{dari} tahun {tahun}"
        )
        if b.pk.anggaran:
            b.tabel_lampiran_anggaran = tabel.tambah(
                f"lampiran_anggaran_pk-{b.pk.jenis}",
                f"Anggaran program Perjanjian Kinerja{dari} tahun {tahun}",
            )
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_rencana_aksi = tabel.tambah(
            f"rencana_aksi-{b.pk.jenis}",
            f"Rencana aksi dan realisasi per triwulan{dari} tahun {tahun}",
        )

    bab1 = _bagian_bab(bagian, "bab1", "bab1")
    bab2 = [
        BagianBab("A", "Rencana Strategis", "bab2-a", bagian["bab2.pengantar"]),
        BagianBab("B", "Target Kinerja Jangka Menengah", "bab2-b"),
        BagianBab("C", f"Perjanjian Kinerja Tahun {tahun}", "bab2-c"),
    ]
    if data.anggaran or data.anggaran_pk:
        bab2.append(BagianBab("D", "Rencana Anggaran", "bab2-d"))
    bab3 = [BagianBab("A", "Capaian Kinerja Organisasi", "bab3-a", bagian["bab3.pengantar"])]
    if ada_anggaran:
        bab3.append(
            BagianBab("B", bagian["bab3.anggaran"].judul, "bab3-b", bagian["bab3.anggaran"])
        )
    bab4 = _bagian_bab(bagian, "bab4", "bab4")
    lampiran = [
        BagianBab("1", f"Perjanjian Kinerja Tahun {tahun}", "lampiran-1"),
        BagianBab("2", f"Rencana Aksi Tahun {tahun}", "lampiran-2"),
    ]
    if data.lampiran:
        lampiran.append(BagianBab("3", "Berkas Lampiran", "lampiran-3"))

    isi = daftar_isi(
        reviu=bool(reviu),
        ada_gambar=bool(gambar.daftar),
        bab={1: bab1, 2: bab2, 3: bab3, 4: bab4},
        sasaran_list=sasaran_list,
        gabungan=data.gabungan,
        lampiran=lampiran,
    )

    aturan, aturan_huruf = aturan_pengukuran(data)
    return {
        "data": data,
        "laporan": data.laporan,
        "satker": data.satker,
        "pk": data.pk,
        "pk_blok": pk_blok,
        "gabungan": data.gabungan,
        "anggaran_pk_sama": _anggaran_sama(data.pk_list),
        "label_tabel_anggaran_pk": " dan ".join(
            b.tabel_anggaran.label for b in pk_blok if b.tabel_anggaran
        ),
        "sekretariat": data.laporan.jenis == JenisPK.SEKRETARIAT,
        "bagian": bagian,
        "pratinjau": pratinjau,
        "kode_isi": kode_isi,
        "css_href": static(CSS) if pratinjau else CSS,
        "kepala": f"{data.nama_pemilik} · Laporan Kinerja Tahun {data.tahun}",
        "logo_src": _logo(data, pratinjau),
        "ttd": _penandatangan(data),
        "pereviu": _pereviu(data),
        # The reviewer's statement (laporan/final.py), only in the frozen PDF of an approval.
        "reviu": reviu,
        "tabel": tabel.per_kunci,
        "gambar": gambar.per_kunci,
        "daftar_tabel": tabel.daftar,
        "daftar_gambar": gambar.daftar,
        "grafik": grafik_svg,
        "sasaran_list": sasaran_list,
        # BAB III prints its opening (A.1, the start of A.2), these sasaran and its end (B); a
        # PDF segment prints a part of it.
        "bab3_awal": True,
        "bab3_blok": sasaran_list,
        "bab3_akhir": ada_anggaran,
        "ada_anggaran": ada_anggaran,
        "bab1": bab1,
        "bab2": bab2,
        "bab3": bab3,
        "bab4": bab4,
        "lampiran": lampiran,
        "daftar_isi": isi,
        "aturan": aturan,
        "aturan_huruf": aturan_huruf,
        "skala": skala(data),
        "lampiran_berkas": data.lampiran,
        "tahun_renstra": data.tahun_renstra,
        # Up to six years the Renstra table fits a portrait page; longer plans go landscape.
        "renstra_lebar": len(data.tahun_renstra) > 6,
        "provinsi": _provinsi(data),
        "ada_efisiensi": ada_efisiensi,
        "terbilang_pagu": terbilang(data.total_pagu),
        "terbilang_realisasi": terbilang(data.total_realisasi_anggaran),
        "sisa_anggaran": data.sisa_anggaran,
    }


def data_uri_svg(svg: str | None) -> str | None:
    """An SVG string as a data: URI for an <img>. The chart stays inside the HTML (no file, no
    request), but WeasyPrint draws it as one image instead of styling thousands of inline SVG
    nodes through the HTML cascade (several times faster for a report with 20 charts)."""
    if not svg:
        return None
    if svg.startswith("<!--"):
        return svg  # a chart key (hash mode)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
