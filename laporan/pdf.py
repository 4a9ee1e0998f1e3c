"""The finished LKj: the whole report as one HTML document (the browser preview) and as a PDF.

`konteks(data)` prepares everything the templates print (sections, charts, numbered tables and
figures, the table of contents); `html_laporan(data)` renders templates/laporan/dokumen.html;
`render_pdf(data)` lays that HTML out with WeasyPrint (static/laporan/lkj.css: A4, running
header and footer, roman page numbers for the front matter, arabic from BAB I, landscape pages
for wide tables) and appends the uploaded Lampiran PDFs with pypdf. `hash_isi(data)` identifies
everything that goes into the PDF, so an unchanged report is served from the cache.

Nothing is fetched over the network: the stylesheet, fonts and logo are read from local files
by `PengambilLokal`, which refuses every URL outside the static and media folders; charts are
inline SVG strings. Imports stay at module level so a warm worker renders without start-up cost.
"""

import base64
import hashlib
import inspect
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from kinerja import capaian
from kinerja.capaian import format_persen, sisa
from kinerja.models import JenisPK
from satker.models import Tingkat

from . import grafik
from .bagian import ANALISIS, BAGIAN_UMUM, BagianTampil, kunci_analisis, susun
from .data import DataLaporan, SasaranLaporan
from .templatetags.laporan_tags import romawi

TEMPLATE = "laporan/dokumen.html"
CSS = "laporan/lkj.css"
TW = (1, 2, 3, 4)

JUDUL_BAB = {
    1: "Pendahuluan",
    2: "Perencanaan Kinerja",
    3: "Akuntabilitas Kinerja",
    4: "Penutup",
}


# --- Local resources only ---------------------------------------------------------------------


class AksesDitolak(ValueError):
    """A resource the PDF may not load (anything but local static/media files and data: URIs)."""


def _akar_diizinkan() -> list[Path]:
    akar = [Path(d) for d in settings.STATICFILES_DIRS]
    akar += [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    return [a.resolve() for a in akar if a]


class PengambilLokal(URLFetcher):
    """WeasyPrint's URL fetcher restricted to `data:` URIs and `file://` paths inside the static
    folders and MEDIA_ROOT. Any other URL (http, https, ftp, a file elsewhere) raises
    `AksesDitolak`, so a report can never make the renderer call the app or the network."""

    def __init__(self, akar: list[Path] | None = None):
        super().__init__(timeout=5, allowed_protocols=("file", "data"), allow_redirects=False)
        self.akar = akar if akar is not None else _akar_diizinkan()

    def jalur(self, url: str) -> Path:
        """The local path a file:// URL points to, if it lies inside an allowed folder."""
        bagian = urlsplit(url)
        if bagian.scheme.lower() != "file" or bagian.netloc not in ("", "localhost"):
            raise AksesDitolak(f"Sumber di luar berkas lokal ditolak: {url[:80]}")
        jalur = Path(url2pathname(bagian.path)).resolve()
        if not any(jalur.is_relative_to(a) for a in self.akar):
            raise AksesDitolak(f"Berkas di luar folder static/media ditolak: {jalur}")
        if not jalur.is_file():
            raise AksesDitolak(f"Berkas tidak ada: {jalur}")
        return jalur

    def fetch(self, url, headers=None):
        skema = url.split(":", 1)[0].lower()
        if skema == "data":
            return super().fetch(url, headers)
        return super().fetch(self.jalur(url).as_uri(), headers)


def _jalur_css() -> Path:
    ditemukan = finders.find(CSS)
    if not ditemukan:
        raise FileNotFoundError(f"{CSS} tidak ditemukan di folder static.")
    return Path(ditemukan).resolve()


def _base_url() -> str:
    """The static folder that holds laporan/lkj.css, as a file:// URL ending in "/"."""
    return _jalur_css().parent.parent.as_uri() + "/"


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


# --- Numbering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nomor:
    """A numbered table or figure: "Tabel 3", its caption and the anchor the lists link to."""

    jenis: str  # "Tabel" or "Gambar"
    nomor: int
    judul: str
    id: str
    depan: bool = False  # printed in the front matter (its page number is lower-roman)

    @property
    def label(self) -> str:
        return f"{self.jenis} {self.nomor}"


class _Penomoran:
    """Tables or figures numbered 1..n in print order (the order `konteks` registers them)."""

    def __init__(self, jenis: str):
        self.jenis = jenis
        self.daftar: list[Nomor] = []
        self.per_kunci: dict[str, Nomor] = {}

    def tambah(self, kunci: str, judul: str, *, depan: bool = False) -> Nomor:
        n = Nomor(self.jenis, len(self.daftar) + 1, judul, f"{self.jenis.lower()}-{kunci}", depan)
        self.daftar.append(n)
        self.per_kunci[kunci] = n
        return n


@dataclass(frozen=True)
class EntriIsi:
    """A line of the Daftar Isi: the heading text, its anchor and level; `depan` entries are in
    the front matter and print their page number in lower-roman."""

    judul: str
    id: str
    tingkat: int = 0
    depan: bool = False


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


@dataclass
class BarisRencanaAksi:
    nomor_sasaran: int | None  # set on the first row of a sasaran
    rowspan: int
    sasaran: str
    kode: str
    nama: str
    satuan: str
    target: str
    triwulan: list[tuple[str, str]] = field(default_factory=list)  # (target, realisasi) TW I–IV


@dataclass
class BagianBab:
    """A section of a chapter: its letter, title, anchor and (when drafted) its text."""

    huruf: str
    judul: str
    id: str
    isi: BagianTampil | None = None


@dataclass(frozen=True)
class HasilPDF:
    pdf: bytes
    jumlah_halaman: int


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


def _aturan(data: DataLaporan) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The capaian rules (or reasons for no capaian) used in the measurement table, lettered
    a, b, c … in order of first use, and the letter of each indicator (by kode)."""
    daftar: list[tuple[str, str]] = []
    huruf_per_teks: dict[str, str] = {}
    per_kode: dict[str, str] = {}
    for s in data.sasaran:
        for ind in s.indikator:
            teks = ind.hasil.aturan if ind.hasil.nilai is not None else ind.hasil.alasan
            teks = teks or ind.hasil.aturan
            if not teks:
                continue
            if teks not in huruf_per_teks:
                huruf_per_teks[teks] = chr(ord("a") + len(daftar)) if len(daftar) < 26 else "*"
                daftar.append((huruf_per_teks[teks], teks))
            per_kode[ind.kode] = huruf_per_teks[teks]
    return daftar, per_kode


def _skala(data: DataLaporan) -> list[tuple[str, str]]:
    """The category bands as printed, highest first: ("Sangat Baik", "91,00 % ke atas")."""
    urut = sorted(data.pita, key=lambda p: p.batas_bawah)
    baris = []
    for i, p in enumerate(urut):
        if i + 1 < len(urut):
            rentang = (
                f"{format_persen(p.batas_bawah)} s.d. < {format_persen(urut[i + 1].batas_bawah)}"
            )
        else:
            rentang = f"{format_persen(p.batas_bawah)} ke atas"
        baris.append((p.label, rentang))
    return list(reversed(baris))


def _baris_pk(data: DataLaporan) -> list[dict]:
    """The PK table rows (sasaran cells spanning their indicators), from the same sasaran list
    as the measurement table so both number the sasaran alike."""
    baris = []
    for s in data.sasaran:
        for i, ind in enumerate(s.indikator):
            baris.append(
                {
                    "sasaran": s if i == 0 else None,
                    "rowspan": len(s.indikator),
                    "indikator": ind,
                }
            )
    return baris


def _rencana_aksi(data: DataLaporan) -> list[BarisRencanaAksi]:
    """Quarterly targets (the Rencana Aksi) and realisasi of every PK indicator."""
    item_per_kode = {item.indikator.kode: item for item in data.pk_item}
    baris = []
    for s in data.sasaran:
        for i, ind in enumerate(s.indikator):
            item = item_per_kode.get(ind.kode)
            target_tw, realisasi_tw = {}, {}
            if item is not None:
                for t in item.target_triwulan.all():
                    v = t.nilai_dari("target")
                    if v is not None and v != "":
                        target_tw[t.triwulan] = capaian.format_nilai(v, ind.satuan)
                for r in item.realisasi.all():
                    v = r.nilai_dari("nilai")
                    if v is not None and v != "":
                        realisasi_tw[r.triwulan] = capaian.format_nilai(v, ind.satuan)
            baris.append(
                BarisRencanaAksi(
                    nomor_sasaran=s.nomor if i == 0 else None,
                    rowspan=len(s.indikator),
                    sasaran=s.teks,
                    kode=ind.kode,
                    nama=ind.nama,
                    satuan=ind.satuan,
                    target=ind.target,
                    triwulan=[(target_tw.get(tw, "—"), realisasi_tw.get(tw, "—")) for tw in TW],
                )
            )
    return baris


def _ada_target_triwulan(data: DataLaporan) -> bool:
    return any(
        t.target is not None or t.target_predikat
        for item in data.pk_item
        for t in item.target_triwulan.all()
    )


def _bagian_bab(bagian: dict[str, BagianTampil], bab: str, awalan: str) -> list[BagianBab]:
    hasil = []
    for jenis in BAGIAN_UMUM:
        if jenis.bab != bab:
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


def konteks(
    data: DataLaporan, *, pratinjau: bool = False, svg: bool = True, kode_isi: str = ""
) -> dict:
    """Everything the report templates print, with tables and figures numbered in print order.

    `pratinjau=True` links the stylesheet and logo by URL for the browser; otherwise they are
    local file paths for WeasyPrint. `svg=False` replaces each chart by a key of its inputs
    (used for the content hash, so computing it never draws a chart)."""
    tahun = data.tahun
    bagian = susun(data)
    tabel = _Penomoran("Tabel")
    gambar = _Penomoran("Gambar")
    pita = data.pita or None

    # Tables and figures in print order.
    tabel.tambah("ikhtisar", f"Ringkasan capaian kinerja tahun {tahun}", depan=True)
    r = data.renstra
    tabel.tambah("renstra", f"Target indikator kinerja Renstra {r.tahun_mulai}–{r.tahun_selesai}")
    tabel.tambah("pk", f"Perjanjian Kinerja tahun {tahun}")
    tabel.tambah("anggaran_pk", f"Anggaran program tahun {tahun}")
    tabel.tambah("skala", "Skala kategori capaian kinerja")
    tabel.tambah("pengukuran", f"Pengukuran capaian kinerja tahun {tahun}")
    grafik_svg = {
        "capaian_sasaran": _grafik(grafik.capaian_per_sasaran, data.sasaran, pita, svg=svg),
        "tren": _grafik(grafik.tren_capaian, _titik_tren(data), svg=svg),
        "anggaran": _grafik(grafik.penyerapan_anggaran, data.anggaran, svg=svg),
    }
    grafik_svg = {k: data_uri_svg(v) for k, v in grafik_svg.items()}
    if grafik_svg["capaian_sasaran"]:
        gambar.tambah("capaian_sasaran", f"Capaian kinerja per sasaran tahun {tahun}")
    if grafik_svg["tren"]:
        if data.riwayat_keseluruhan:
            judul_tren = f"Capaian kinerja keseluruhan {data.riwayat_keseluruhan[0][0]}–{tahun}"
        else:
            judul_tren = f"Capaian kinerja keseluruhan tahun {tahun}"
        gambar.tambah("tren", judul_tren)

    sasaran_list = []
    for s in data.sasaran:
        t = tabel.tambah(f"sasaran-{s.nomor}", f"Capaian Sasaran {s.nomor}")
        svg_s = data_uri_svg(_grafik(grafik.capaian_indikator, s, pita, svg=svg))
        g = (
            gambar.tambah(f"sasaran-{s.nomor}", f"Capaian indikator Sasaran {s.nomor}")
            if svg_s
            else None
        )
        analisis = [
            Analisis(i, judul, bagian[kunci_analisis(s, kode)])
            for i, (kode, judul, _fungsi) in enumerate(ANALISIS, start=1)
        ]
        sasaran_list.append(BlokSasaran(s, f"sasaran-{s.nomor}", t, g, svg_s, analisis))

    tabel.tambah("realisasi_anggaran", f"Realisasi anggaran per program tahun {tahun}")
    if grafik_svg["anggaran"]:
        gambar.tambah("anggaran", f"Pagu dan realisasi anggaran per program tahun {tahun}")
    tabel.tambah("lampiran_pk", f"Target Perjanjian Kinerja tahun {tahun}")
    tabel.tambah("lampiran_anggaran_pk", f"Anggaran program Perjanjian Kinerja tahun {tahun}")
    tabel.tambah("rencana_aksi", f"Rencana aksi dan realisasi per triwulan tahun {tahun}")

    bab1 = _bagian_bab(bagian, "bab1", "bab1")
    bab2 = [
        BagianBab("A", "Rencana Strategis", "bab2-a", bagian["bab2.pengantar"]),
        BagianBab("B", "Target Kinerja Jangka Menengah", "bab2-b"),
        BagianBab("C", f"Perjanjian Kinerja Tahun {tahun}", "bab2-c"),
        BagianBab("D", "Rencana Anggaran", "bab2-d"),
    ]
    bab3 = [
        BagianBab("A", "Capaian Kinerja Organisasi", "bab3-a", bagian["bab3.pengantar"]),
        BagianBab("B", bagian["bab3.anggaran"].judul, "bab3-b", bagian["bab3.anggaran"]),
    ]
    bab4 = _bagian_bab(bagian, "bab4", "bab4")
    lampiran = [
        BagianBab("1", f"Perjanjian Kinerja Tahun {tahun}", "lampiran-1"),
        BagianBab("2", f"Rencana Aksi Tahun {tahun}", "lampiran-2"),
        BagianBab("3", "Berkas Lampiran", "lampiran-3"),
    ]

    isi = [
        EntriIsi("Kata Pengantar", "kata-pengantar", depan=True),
        EntriIsi("Pernyataan Telah Direviu", "pernyataan-reviu", depan=True),
        EntriIsi("Ikhtisar Eksekutif", "ikhtisar", depan=True),
        EntriIsi("Daftar Isi", "daftar-isi", depan=True),
        EntriIsi("Daftar Tabel", "daftar-tabel", depan=True),
        EntriIsi("Daftar Gambar", "daftar-gambar", depan=True),
    ]
    for nomor, daftar in ((1, bab1), (2, bab2), (3, bab3), (4, bab4)):
        isi.append(EntriIsi(f"BAB {romawi(nomor)} {JUDUL_BAB[nomor].upper()}", f"bab{nomor}"))
        for b in daftar:
            isi.append(EntriIsi(f"{b.huruf}. {b.judul}", b.id, 1))
            if b.id == "bab3-a":
                isi.append(EntriIsi("1. Pengukuran Capaian Kinerja", "bab3-a1", 2))
                isi.append(EntriIsi("2. Analisis Capaian Kinerja per Sasaran", "bab3-a2", 2))
                for blok in sasaran_list:
                    isi.append(
                        EntriIsi(f"Sasaran {blok.sasaran.nomor}: {blok.sasaran.teks}", blok.id, 3)
                    )
    isi.append(EntriIsi("LAMPIRAN", "lampiran"))
    for b in lampiran:
        isi.append(EntriIsi(f"Lampiran {b.huruf}. {b.judul}", b.id, 1))

    aturan, aturan_huruf = _aturan(data)
    pk = data.pk
    return {
        "data": data,
        "laporan": data.laporan,
        "satker": data.satker,
        "pk": pk,
        "sekretariat": data.laporan.jenis == JenisPK.SEKRETARIAT,
        "bagian": bagian,
        "pratinjau": pratinjau,
        "kode_isi": kode_isi,
        "css_href": static(CSS) if pratinjau else CSS,
        "logo_src": _logo(data, pratinjau),
        "ttd": _penandatangan(data),
        "pereviu": _pereviu(data),
        "reviu": None,  # filled from the review once the KPU Provinsi has reviewed the report
        "tabel": tabel.per_kunci,
        "gambar": gambar.per_kunci,
        "daftar_tabel": tabel.daftar,
        "daftar_gambar": gambar.daftar,
        "grafik": grafik_svg,
        "sasaran_list": sasaran_list,
        "bab1": bab1,
        "bab2": bab2,
        "bab3": bab3,
        "bab4": bab4,
        "lampiran": lampiran,
        "daftar_isi": isi,
        "aturan": aturan,
        "aturan_huruf": aturan_huruf,
        "skala": _skala(data),
        "baris_pk": _baris_pk(data),
        "ada_target_kegiatan": any(i.target_kegiatan for s in data.sasaran for i in s.indikator),
        "rencana_aksi": _rencana_aksi(data),
        "ada_target_triwulan": _ada_target_triwulan(data),
        "lampiran_berkas": data.lampiran,
        "tahun_renstra": data.tahun_renstra,
        # Up to six years the Renstra table fits a portrait page; longer plans go landscape.
        "renstra_lebar": len(data.tahun_renstra) > 6,
        "provinsi": _provinsi(data),
        "sisa_anggaran": (
            None
            if data.total_realisasi_anggaran is None
            else sisa(data.total_pagu, data.total_realisasi_anggaran)
        ),
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


def _titik_tren(data: DataLaporan) -> list:
    return [*data.riwayat_keseluruhan, (data.tahun, data.capaian)]


def _html(data: DataLaporan, **kwargs) -> str:
    with translation.override("id"):
        return render_to_string(TEMPLATE, konteks(data, **kwargs))


def html_laporan(data: DataLaporan, *, pratinjau: bool = False) -> str:
    """The whole report as one HTML document (the PDF's source; with `pratinjau=True` the
    browser preview, identical in content). The PDF's source carries its content hash in the
    document metadata (PDF Keywords "sha256:…"), so a downloaded file can be matched to its
    data."""
    if pratinjau:
        return _html(data, pratinjau=True)
    return _html(data, kode_isi=hash_isi(data))


# --- PDF --------------------------------------------------------------------------------------


def _hash_berkas(jalur) -> str:
    h = hashlib.sha256()
    with open(jalur, "rb") as f:
        for potongan in iter(lambda: f.read(1 << 20), b""):
            h.update(potongan)
    return h.hexdigest()


def hash_isi(data: DataLaporan) -> str:
    """A sha256 of everything that goes into the PDF: the HTML (charts stand in it as keys of
    their inputs and of the chart code, so no chart is drawn here), the stylesheet, and the bytes
    of every attached file. Any change of data, text, signature, template or attachment gives a
    new hash."""
    h = hashlib.sha256()
    h.update(_html(data, svg=False).encode())
    h.update(_jalur_css().read_bytes())
    for lampiran in data.lampiran:
        h.update(f"|lampiran {lampiran.judul}|".encode())
        h.update(_hash_berkas(lampiran.berkas.path).encode())
    return h.hexdigest()


def pdf_dari_html(html: str, lampiran: list[tuple[str, str]] = ()) -> HasilPDF:
    """Lay out the report's HTML with WeasyPrint (local files only) and append the attached
    PDFs, given as (title, path) pairs, each with a bookmark; compressed. No database access, so
    it can run in another process."""
    dokumen = HTML(string=html, base_url=_base_url(), url_fetcher=PengambilLokal()).render()
    pdf = dokumen.write_pdf()
    if not lampiran:
        return HasilPDF(pdf, len(dokumen.pages))
    penulis = PdfWriter(clone_from=io.BytesIO(pdf))
    for judul, jalur in lampiran:
        isi = Path(jalur).read_bytes()
        penulis.append(PdfReader(io.BytesIO(isi)), outline_item=f"Lampiran: {judul}")
    for halaman in penulis.pages:
        halaman.compress_content_streams()
    penulis.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return HasilPDF(keluaran.getvalue(), len(penulis.pages))


def render_pdf(data: DataLaporan) -> HasilPDF:
    """The finished PDF: the report laid out by WeasyPrint, then every Lampiran PDF appended in
    order after the generated Lampiran pages. Returns the bytes and the page count."""
    lampiran = [(lamp.judul, lamp.berkas.path) for lamp in data.lampiran]
    return pdf_dari_html(html_laporan(data), lampiran)
