"""Laying out the LKj with WeasyPrint, one segment at a time, in warm worker processes.

No Django here: this module runs in the worker processes of the pool, which are forked from a
server process that imported only this module (and WeasyPrint), so they start warm and never
touch the database.

Why segments: every chapter of the report starts on a new page, so each can be laid out as a
document of its own: two processes lay out two segments at once, and a segment whose HTML has
not changed comes from the cache instead of being laid out again. What a segment cannot know is
the number of the pages before it, so segments print no page numbers and keep their internal
links and anchors aside (`HasilSegmen`); laporan/rakit.py stamps the numbers on afterwards, adds
the links of the Daftar Isi, the bookmarks and the page labels, and appends the uploaded
attachments.
"""

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher

# CSS pixels to PDF points.
PT = 0.75


# --- Local resources only ---------------------------------------------------------------------


class AksesDitolak(ValueError):
    """A resource the PDF may not load (anything but local static/media files and data: URIs)."""


class PengambilLokal(URLFetcher):
    """WeasyPrint's URL fetcher restricted to `data:` URIs and `file://` paths inside the given
    folders (the static folders and MEDIA_ROOT). Any other URL (http, https, ftp, a file
    elsewhere) raises `AksesDitolak`, so a report can never make the renderer call the app or
    the network."""

    def __init__(self, akar: list[Path]):
        super().__init__(timeout=5, allowed_protocols=("file", "data"), allow_redirects=False)
        self.akar = [Path(a).resolve() for a in akar]

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


# --- One segment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tautan:
    """An internal link: the rectangle (PDF points, origin bottom-left) on a page of the
    segment, and the anchor it points to (which may lie in another segment)."""

    halaman: int
    kotak: tuple[float, float, float, float]
    sasaran: str


@dataclass(frozen=True)
class HasilSegmen:
    """A laid-out segment: its PDF (no internal links, no named destinations, no bookmarks:
    `rakit` adds them for the whole report), the size of each page in points, where each
    anchor is (page index, distance from the page's top in points) and its internal links."""

    pdf: bytes
    ukuran: tuple[tuple[float, float], ...]
    jangkar: dict[str, tuple[int, float]] = field(default_factory=dict)
    tautan: tuple[Tautan, ...] = ()

    @property
    def jumlah_halaman(self) -> int:
        return len(self.ukuran)


def _di_dalam(a: tuple[float, ...], b: tuple[float, ...], toleransi: float = 2) -> bool:
    """Whether rectangle a (x1, y1, x2, y2) lies within rectangle b, give or take a point or
    two (a bold word inside a link stands a little taller than the link)."""
    return (
        a[0] >= b[0] - toleransi
        and a[1] >= b[1] - toleransi
        and a[2] <= b[2] + toleransi
        and a[3] <= b[3] + toleransi
    )


def tata_segmen(html: str, base_url: str, akar: list[str]) -> HasilSegmen:
    """Lay out one segment's HTML with WeasyPrint (files only from `akar`) and write it."""
    dokumen = HTML(string=html, base_url=base_url, url_fetcher=PengambilLokal(akar)).render()
    jangkar: dict[str, tuple[int, float]] = {}
    tautan: list[Tautan] = []
    for i, halaman in enumerate(dokumen.pages):
        tinggi = halaman.height * PT
        for nama, (_x, y, *_sisa) in halaman.anchors.items():
            jangkar.setdefault(nama, (i, y * PT))
        for jenis, sasaran, (x1, y1, x2, y2), _kotak in halaman.links:
            if jenis != "internal":
                continue
            kotak = (x1 * PT, tinggi - y2 * PT, x2 * PT, tinggi - y1 * PT)
            # A link's inline boxes (its ::after, the leader) are listed too: one link each.
            if not any(t.halaman == i and t.sasaran == sasaran and _di_dalam(kotak, t.kotak)
                       for t in tautan[-3:]):  # fmt: skip
                tautan.append(Tautan(i, kotak, sasaran))
        # The whole report's links, destinations and bookmarks are added when it is assembled.
        halaman.links = [t for t in halaman.links if t[0] != "internal"]
        halaman.anchors = {}
        halaman.bookmarks = []
    ukuran = tuple((h.width * PT, h.height * PT) for h in dokumen.pages)
    return HasilSegmen(dokumen.write_pdf(), ukuran, jangkar, tuple(tautan))


# --- Several segments, side by side -----------------------------------------------------------

_POOL: ProcessPoolExecutor | None = None
_POOL_PROSES = 0
_POOL_KUNCI = threading.Lock()


def _awasi_induk(pid_induk: int) -> None:
    """Runs in each layout process: exit as soon as the process that started the pool is gone.
    A pool worker never notices on its own (it holds its queue's write end, so it never reads
    EOF), and a worker process killed by its supervisor would leave its pool behind."""

    def awasi():
        while True:
            time.sleep(1)
            try:
                os.kill(pid_induk, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid now belongs to another user's process
                os._exit(0)

    threading.Thread(target=awasi, name="awasi-induk", daemon=True).start()


def _kumpulan_proses(proses: int) -> ProcessPoolExecutor:
    """The warm pool of layout processes, started once per process and kept: forked from a
    server process that has imported WeasyPrint, so a render never pays for the imports."""
    global _POOL, _POOL_PROSES
    with _POOL_KUNCI:
        if _POOL is None or proses != _POOL_PROSES:
            if _POOL is not None:
                _POOL.shutdown(wait=False, cancel_futures=True)
            konteks = multiprocessing.get_context("forkserver")
            konteks.set_forkserver_preload([__name__])
            _POOL = ProcessPoolExecutor(
                proses, mp_context=konteks, initializer=_awasi_induk, initargs=(os.getpid(),)
            )
            _POOL_PROSES = proses
        return _POOL


def _buang_pool() -> None:
    global _POOL
    with _POOL_KUNCI:
        if _POOL is not None:
            _POOL.shutdown(wait=False, cancel_futures=True)
        _POOL = None


class Antrean:
    """Segments ({key: HTML}) sent to `proses` worker processes, the longest first; `hasil()`
    waits for them. With one process (or one segment) they are laid out here, in `hasil()`.
    If the pool breaks (a worker killed, e.g. out of memory) the rest are laid out here too."""

    def __init__(self, tugas: dict[str, str], *, base_url: str, akar: list[str], proses: int):
        self.tugas = tugas
        self.argumen = (base_url, akar)
        self.urutan = sorted(tugas, key=lambda k: len(tugas[k]), reverse=True)
        self.janji = {}
        if proses > 1 and len(tugas) > 1:
            try:
                pool = _kumpulan_proses(proses)
                self.janji = {k: pool.submit(tata_segmen, tugas[k], *self.argumen)
                              for k in self.urutan}  # fmt: skip
            except BrokenProcessPool:
                _buang_pool()
                self.janji = {}

    def hasil(self) -> dict[str, HasilSegmen]:
        hasil = {}
        for k in self.urutan:
            if k in self.janji:
                try:
                    hasil[k] = self.janji[k].result()
                    continue
                except BrokenProcessPool:
                    _buang_pool()
                    self.janji = {}
            hasil[k] = tata_segmen(self.tugas[k], *self.argumen)
        return hasil
