"""In Chromium: the penyusun opens the report, rewrites one drafted section, previews the
report and has the PDF rendered (inline task backend in tests), then downloads it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from selenium.webdriver.common.by import By

from laporan.models import Bagian, BerkasPDF, Laporan
from satker.demo import DEMO_PASSWORD

from .browser import BrowserTestCase


@pytest.mark.browser
class LaporanBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())
        self.laporan = Laporan.objects.get(satker__kode="17.02", jenis="gabungan")

    def test_edit_section_preview_and_pdf(self):
        """A section edited in the browser appears in the preview and the PDF is offered."""
        self.masuk("penyusun.rejanglebong", DEMO_PASSWORD)
        self.buka(reverse("laporan_daftar", args=["17.02", 2024]))
        self.klik(self.browser.find_element(By.PARTIAL_LINK_TEXT, "gabungan"))
        self.tunggu(lambda b: "Bagian naratif" in b.find_element(By.TAG_NAME, "main").text)
        self.potret("laporan-detail")

        self.buka(reverse("bagian_ubah", args=[self.laporan.id, "bab4.saran"]))
        teks = self.browser.find_element(By.NAME, "teks")
        teks.clear()
        teks.send_keys("Realisasi setiap triwulan diisi paling lambat sepuluh hari kerja.")
        self.potret("laporan-bagian")
        self.klik(self.browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        self.tunggu(lambda b: "tersimpan" in b.find_element(By.TAG_NAME, "main").text)
        self.assertEqual(
            Bagian.objects.get(laporan=self.laporan, kunci="bab4.saran").sumber, "staf"
        )

        self.buka(reverse("laporan_pratinjau", args=[self.laporan.id]))
        self.assertIn("sepuluh hari kerja", self.browser.find_element(By.TAG_NAME, "body").text)
        self.potret("laporan-pratinjau")

        self.buka(reverse("laporan_detail", args=[self.laporan.id]))
        self.klik(self.browser.find_element(By.XPATH, "//button[normalize-space()='Susun PDF']"))
        self.tunggu(lambda b: "Unduh PDF" in b.find_element(By.TAG_NAME, "main").text, detik=60)
        self.assertGreater(BerkasPDF.objects.get(laporan=self.laporan).jumlah_halaman, 20)
        self.potret("laporan-pdf-siap")
