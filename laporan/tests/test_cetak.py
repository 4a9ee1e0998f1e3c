"""Segment layout (laporan/tata_letak.py) and PDF assembly (laporan/rakit.py), on small
documents without the database."""

import io
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from unittest import mock

import pikepdf
from django.test import SimpleTestCase
from pypdf import PdfReader
from weasyprint import HTML

from laporan import penomoran, rakit, tata_letak

GAYA = "@page { size: A5; margin: 1.5cm; } .baru { break-before: page; }"


def _html(badan: str) -> str:
    return f"<!DOCTYPE html><html><head><style>{GAYA}</style></head><body>{badan}</body></html>"


def _render(badan: str) -> tata_letak.HasilSegmen:
    return tata_letak.tata_segmen(_html(badan), "file:///", [tempfile.gettempdir()])


def _overlay(*label: str) -> tata_letak.HasilSegmen:
    halaman = "".join(
        f'<p{" class=baru" if i else ""} style="margin-top: 16cm">{t}</p>'
        for i, t in enumerate(label)
    )
    return _render(halaman)


def _susunan(segmen, **kwargs) -> rakit.Susunan:
    nilai = {
        "overlay": None,
        "cap": [],
        "bookmark": [],
        "label": [],
        "metadata": {"/Title": "Uji"},
    }
    nilai.update(kwargs)
    return rakit.Susunan(segmen=segmen, **nilai)


def _baca(isi: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(isi))


class RenderSegmenTests(SimpleTestCase):
    def test_anchors_recorded_with_page_and_offset(self):
        """Each anchor is recorded once, with its page and its distance from the page top."""
        hasil = _render('<h1 id="a">A</h1><h1 id="b" class="baru">B</h1>')
        self.assertEqual(hasil.jumlah_halaman, 2)
        self.assertEqual(hasil.jangkar["a"][0], 0)
        self.assertEqual(hasil.jangkar["b"][0], 1)
        self.assertGreater(hasil.jangkar["b"][1], 30)  # below the 1,5 cm top margin (42,5 pt)

    def test_one_link_per_anchor_element(self):
        """An <a> whose inline parts are listed separately by WeasyPrint is one link."""
        hasil = _render('<p><a href="#x">ke <b>x</b> <i>sana</i></a></p><p id="x">x</p>')
        self.assertEqual([t.sasaran for t in hasil.tautan], ["x"])

    def test_written_pdf_has_no_named_destinations_or_internal_links(self):
        """Links and destinations are left to the assembly, which knows every segment."""
        hasil = _render('<p><a href="#x">ke x</a></p><p id="x">x</p>')
        with pikepdf.open(io.BytesIO(hasil.pdf)) as pdf:
            self.assertNotIn("/Names", pdf.Root)
            self.assertNotIn("/Annots", pdf.pages[0].obj)

    def test_remote_resources_refused(self):
        """A segment that references the network does not load it."""
        fetcher = tata_letak.PengambilLokal([tempfile.gettempdir()])
        with self.assertRaises(tata_letak.AksesDitolak):
            fetcher.fetch("http://127.0.0.1:8000/")


class RakitTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.depan = _render('<h1 id="awal">Awal</h1><p><a href="#tujuan">ke tujuan</a></p>')
        cls.isi = _render(
            '<h1 id="bab">Bab</h1><p class="baru">dua</p><h2 id="tujuan" class="baru">Tujuan</h2>'
        )

    def test_each_page_stamped_with_its_own_number(self):
        """Pages of one segment share their resources; each still shows its own number."""
        overlay = _overlay("i", "1", "2", "3")
        isi, jumlah = rakit.rakit(
            _susunan([self.depan, self.isi], overlay=overlay, cap=[0, 1, 2, 3])
        )
        reader = _baca(isi)
        self.assertEqual(jumlah, 4)
        akhir = [p.extract_text().split()[-1] for p in reader.pages]
        self.assertEqual(akhir, ["i", "1", "2", "3"])

    def test_pages_without_overlay_left_as_they_are(self):
        """A cap of None (the cover, the self-numbered Daftar pages) stamps nothing."""
        overlay = _overlay("i", "1", "2", "3")
        isi, _ = rakit.rakit(
            _susunan([self.depan, self.isi], overlay=overlay, cap=[None, 1, None, 3])
        )
        teks = [p.extract_text().split() for p in _baca(isi).pages]
        self.assertEqual(teks[0][-1], "tujuan")
        self.assertEqual(teks[1][-1], "1")
        self.assertEqual(teks[2][-1], "dua")
        self.assertEqual(teks[3][-1], "3")

    def test_link_to_another_segment_points_to_its_page(self):
        """A link in one segment to an anchor in another opens the anchor's page."""
        isi, _ = rakit.rakit(_susunan([self.depan, self.isi]))
        with pikepdf.open(io.BytesIO(isi)) as pdf:
            (link,) = pdf.pages[0].obj.Annots
            self.assertEqual(link.Subtype, "/Link")
            self.assertEqual(pdf.pages.index(pikepdf.Page(link.Dest[0])), 3)

    def test_bookmarks_nested_by_level(self):
        """Bookmarks follow the Daftar Isi: level 1 under the level 0 before it."""
        bookmark = [
            penomoran.Penanda("Awal", 0, "awal"),
            penomoran.Penanda("Bab", 0, "bab"),
            penomoran.Penanda("Tujuan", 1, "tujuan"),
            penomoran.Penanda("Tidak ada", 1, "tidak-ada"),
        ]
        isi, _ = rakit.rakit(_susunan([self.depan, self.isi], bookmark=bookmark))
        reader = _baca(isi)
        awal, bab, anak = reader.outline
        self.assertEqual((awal.title, bab.title), ("Awal", "Bab"))
        self.assertEqual([a.title for a in anak], ["Tujuan"])
        self.assertEqual(reader.get_destination_page_number(anak[0]), 3)

    def test_page_labels_as_printed(self):
        """Viewers show the printed numbers: the cover, then i, ii …, then 1, 2 …"""
        label = [
            penomoran.RentangLabel(0, 0, awalan="Sampul"),
            penomoran.RentangLabel(1, 1, gaya="/r"),
            penomoran.RentangLabel(2, 3, gaya="/D"),
        ]
        dua = _render('<p>a</p><p class="baru">b</p>')
        isi, _ = rakit.rakit(_susunan([dua, dua], label=label))
        self.assertEqual(_baca(isi).page_labels, ["Sampul", "i", "1", "2"])

    def test_attachments_appended_with_bookmark_and_label(self):
        """Uploaded PDFs come last, each with a bookmark, labelled L-1, L-2 …"""
        with tempfile.TemporaryDirectory() as tmp:
            jalur = Path(tmp) / "pindaian.pdf"
            pindaian = HTML(string=_html("<p>PINDAIAN</p><p class=baru>DUA</p>"))
            jalur.write_bytes(pindaian.write_pdf())
            bookmark = [penomoran.Penanda("Awal", 0, "awal")]
            isi, jumlah = rakit.rakit(
                _susunan([self.depan], bookmark=bookmark, lampiran=[("Pindaian", str(jalur))])
            )
        reader = _baca(isi)
        self.assertEqual(jumlah, 3)
        self.assertIn("PINDAIAN", reader.pages[1].extract_text())
        self.assertEqual(reader.page_labels[1:], ["L-1", "L-2"])
        awal, anak = reader.outline
        self.assertEqual(anak[0].title, "Lampiran: Pindaian")
        self.assertEqual(reader.get_destination_page_number(anak[0]), 1)

    def test_metadata(self):
        isi, _ = rakit.rakit(
            _susunan([self.depan], metadata={"/Title": "LKj", "/Keywords": "sha256:abc"})
        )
        meta = _baca(isi).metadata
        self.assertEqual(meta["/Title"], "LKj")
        self.assertEqual(meta["/Keywords"], "sha256:abc")


class AntreanTests(SimpleTestCase):
    TUGAS = {"satu": _html("<p>satu</p>"), "dua": _html('<p>dua</p><p class="baru">dua</p>')}

    def _antrean(self, proses: int) -> tata_letak.Antrean:
        return tata_letak.Antrean(
            self.TUGAS, base_url="file:///", akar=[tempfile.gettempdir()], proses=proses
        )

    def test_one_process_lays_out_here(self):
        """With one process nothing is sent to a pool."""
        with mock.patch.object(tata_letak, "_kumpulan_proses") as pool:
            hasil = self._antrean(1).hasil()
        pool.assert_not_called()
        self.assertEqual({k: v.jumlah_halaman for k, v in hasil.items()}, {"satu": 1, "dua": 2})

    def test_broken_pool_falls_back_to_this_process(self):
        """A pool whose worker died still gives every segment, laid out here."""
        rusak = mock.Mock()
        rusak.submit.return_value.result.side_effect = BrokenProcessPool("mati")
        with mock.patch.object(tata_letak, "_kumpulan_proses", return_value=rusak):
            hasil = self._antrean(2).hasil()
        self.assertEqual({k: v.jumlah_halaman for k, v in hasil.items()}, {"satu": 1, "dua": 2})

    def test_longest_segment_sent_first(self):
        """The largest segments start first, so the processes finish together."""
        self.assertEqual(self._antrean(1).urutan, ["dua", "satu"])


POOL_LALU_TUNGGU = """
import sys, time
from laporan import penomoran, rakit, tata_letak
html = "<p>x</p>"
if __name__ == "__main__":
    pool = tata_letak._kumpulan_proses(2)
    list(pool.map(tata_letak.tata_segmen, [html, html], ["file:///"] * 2, [[]] * 2))
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    time.sleep(60)
"""


class PoolTests(SimpleTestCase):
    def test_layout_processes_exit_when_their_starter_is_killed(self):
        """A worker killed by its supervisor leaves no layout processes behind."""
        akar = Path(__file__).resolve().parents[2]
        with tempfile.TemporaryDirectory() as tmp:
            skrip = Path(tmp) / "pool.py"
            skrip.write_text(POOL_LALU_TUNGGU)
            proses = subprocess.Popen(
                [sys.executable, str(skrip)], cwd=akar, stdout=subprocess.PIPE, text=True,
                env={**os.environ, "PYTHONPATH": str(akar)},
            )  # fmt: skip
            try:
                pid = [int(p) for p in proses.stdout.readline().split()]
                self.assertEqual(len(pid), 2)
                proses.kill()
                proses.wait(5)
                batas = time.monotonic() + 15
                while any(_hidup(p) for p in pid) and time.monotonic() < batas:
                    time.sleep(0.2)
                self.assertFalse([p for p in pid if _hidup(p)])
            finally:
                proses.kill()
                proses.stdout.close()


def _hidup(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status
