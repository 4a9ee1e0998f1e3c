"""`manage.py lkj_pdf`: a satker-year's PDF rendered synchronously, for admins and batch jobs."""

import io
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from pypdf import PdfReader

from laporan.models import Laporan


class LkjPdfCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("muat_demo", stdout=StringIO())

    def _jalankan(self, *argumen: str) -> str:
        keluaran = StringIO()
        call_command("lkj_pdf", *argumen, stdout=keluaran)
        return keluaran.getvalue()

    def test_renders_the_report_and_says_how_long(self):
        """The PDF is written, and the page count, time and segments are printed."""
        with tempfile.TemporaryDirectory() as tmp:
            tujuan = Path(tmp) / "lkj.pdf"
            pesan = self._jalankan(
                "--satker", "17.02", "--tahun", "2024", "--jenis", "sekretariat",
                "--output", str(tujuan),
            )  # fmt: skip
            reader = PdfReader(io.BytesIO(tujuan.read_bytes()))
        self.assertRegex(pesan, rf"{len(reader.pages)} halaman, \d+,\d\d detik \(\d+ segmen")
        self.assertIn("Sekretariat", reader.metadata["/Title"])
        self.assertTrue(Laporan.objects.filter(satker__kode="17.02", jenis="sekretariat").exists())

    def test_two_kinds_of_pk_need_jenis(self):
        """A satker with a lembaga and a sekretariat PK must say which report it wants."""
        with self.assertRaisesMessage(CommandError, "pilih --jenis"):
            self._jalankan("--satker", "17.02", "--tahun", "2024", "--output", "/tmp/x.pdf")

    def test_unknown_satker_or_year_without_pk(self):
        with self.assertRaisesMessage(CommandError, "Satker dengan kode 99.99 tidak ada."):
            self._jalankan("--satker", "99.99", "--tahun", "2024", "--output", "/tmp/x.pdf")
        with self.assertRaisesMessage(CommandError, "belum memiliki Perjanjian Kinerja tahun 2030"):
            self._jalankan("--satker", "18.03", "--tahun", "2030", "--output", "/tmp/x.pdf")
