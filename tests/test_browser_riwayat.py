"""In Chromium: a satker enters an earlier year of an indicator on the history page (htmx, no
page reload), sees the capaian the application computes, and the page works on a phone."""

from io import StringIO

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By

from kinerja.models import RiwayatCapaian
from laporan.models import Laporan
from laporan.tests.helpers import tetapkan_status
from satker.demo import DEMO_PASSWORD

from .browser import SCREENSHOTS, BrowserTestCase


@pytest.mark.browser
class RiwayatBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())

    def kartu(self, kode: str):
        for k in self.browser.find_elements(By.CSS_SELECTOR, "section.kartu-riwayat"):
            if k.find_element(By.CSS_SELECTOR, ".card-header .text-muted").text == kode:
                return k
        raise AssertionError(f"kartu {kode} tidak ada")

    def test_enter_a_year_and_see_its_capaian(self):
        """Fill 2021 of 1.1 from the card's year button, save, and the card shows 106,11 %
        with its rule, without reloading the page; a bad value is refused in the row."""
        self.masuk("operator.rejanglebong", DEMO_PASSWORD)
        self.buka("/satker/17.02/2024/")
        self.klik(self.browser.find_element(By.LINK_TEXT, "Riwayat capaian"))
        self.tunggu(lambda b: "/riwayat/" in b.current_url)
        self.assertIn("125,00 %", self.kartu("1.4").text)
        self.browser.execute_script("window.tanda = 'halaman-sama';")
        kartu = self.kartu("1.1")
        kid = kartu.get_attribute("id")
        self.klik(kartu.find_element(By.XPATH, ".//a[normalize-space()='2021']"))
        baris = self.tunggu(lambda b: b.find_element(By.CSS_SELECTOR, f"#{kid} .baris-ubah"))
        baris.find_element(By.NAME, "target").send_keys("90")
        baris.find_element(By.NAME, "realisasi").send_keys("2 laporan")
        self.klik(baris.find_element(By.XPATH, ".//button[normalize-space()='Simpan']"))
        galat = self.tunggu(lambda b: b.find_element(By.CSS_SELECTOR, f"#{kid} .baris-galat"))
        self.assertIn("tidak sesuai dengan satuan indikator", galat.text)
        realisasi = self.browser.find_element(By.CSS_SELECTOR, f"#{kid} [name=realisasi]")
        realisasi.clear()
        realisasi.send_keys("95,5")
        sumber = self.browser.find_element(By.CSS_SELECTOR, f"#{kid} [name=sumber]")
        sumber.send_keys("LKj 2021, Tabel 3.1")
        self.klik(self.browser.find_element(By.CSS_SELECTOR, f"#{kid} button[type=submit]"))
        pesan = self.tunggu(lambda b: b.find_element(By.CSS_SELECTOR, f"#{kid} .alert-success"))
        self.assertIn("Riwayat 1.1 tahun 2021 disimpan", pesan.text)
        teks = self.browser.find_element(By.ID, kid).text
        self.assertIn("106,11 %", teks)
        self.assertIn("Realisasi ÷ target × 100", teks)
        self.assertEqual(self.browser.execute_script("return window.tanda;"), "halaman-sama")
        r = RiwayatCapaian.objects.get(indikator__kode="1.1", tahun=2021)
        self.assertEqual(r.sumber, "LKj 2021, Tabel 3.1")
        self.potret("riwayat-capaian")

    def test_phone_width_and_lock(self):
        """At 390 px the years are stacked blocks without sideways scrolling; while the 2024
        report is submitted, earlier years show the lock instead of edit buttons."""
        tetapkan_status(Laporan.objects.filter(satker__kode="17.02", tahun=2024), status="diajukan")
        self.masuk("operator.rejanglebong", DEMO_PASSWORD)
        # Headless Chromium windows are at least 500 px wide: emulate the phone's viewport.
        self.browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        )
        try:
            self.buka("/satker/17.02/2024/riwayat/")
            self.tunggu(lambda b: b.find_element(By.ID, "kunci-laporan"))
            lebar = self.browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            self.assertEqual(lebar[0], lebar[1])
            kartu = self.kartu("1.4")
            self.assertIn("terkunci", kartu.text)
            self.assertFalse(kartu.find_elements(By.XPATH, ".//*[normalize-space()='Ubah']"))
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.browser.save_screenshot(str(SCREENSHOTS / "riwayat-capaian-390.png"))
        finally:
            self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
