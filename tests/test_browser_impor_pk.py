"""In Chromium: a satker imports a whole PK with four quarters of realisasi from the template,
after looking at the preview."""

import tempfile
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.test import override_settings
from selenium.webdriver.common.by import By

from kinerja.impor_pk import KOLOM
from kinerja.models import PerjanjianKinerja
from satker.demo import DEMO_PASSWORD

from .browser import BrowserTestCase

SASARAN = "Meningkatnya kualitas penyelenggaraan Pemilu"
BARIS = [
    # indikator, satuan, target, agregasi, realisasi TW I..IV
    ("Persentase badan adhoc terbentuk tepat waktu", "%", 100, None, [25, 50, 75, 100]),
    ("Jumlah sosialisasi tatap muka", "kegiatan", 24, "kumulatif", [6, 6, 7, 5]),
    ("Persentase partisipasi pemilih", "%", "77,5", None, ["", "", "", "81,2"]),
]


@pytest.mark.browser
@override_settings(IMPOR_DIR=tempfile.mkdtemp(prefix="impor-pk-browser-"))
class ImporPKBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())

    def buku(self) -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "PK"
        ws.append(list(KOLOM))
        for indikator, satuan, target, agregasi, realisasi in BARIS:
            baris = dict.fromkeys(KOLOM)
            baris.update({"Kode Satker": "18.03", "Tahun": 2025, "Jenis PK": "lembaga",
                          "No Sasaran": 1, "Sasaran": SASARAN, "Indikator": indikator,
                          "Satuan": satuan, "Target": target, "Agregasi": agregasi})  # fmt: skip
            for tw, nilai in zip(("I", "II", "III", "IV"), realisasi, strict=True):
                baris[f"Realisasi TW {tw}"] = nilai or None
            ws.append([baris[k] for k in KOLOM])
        path = Path(tempfile.mkdtemp()) / "pk-2025.xlsx"
        wb.save(path)
        return path

    def test_whole_pk_imported_after_preview(self):
        """Upload, read the preview (three new indicators, nothing saved yet), save, and the
        satker-year page scores the imported PK."""
        self.masuk("operator.lampura", DEMO_PASSWORD)
        self.buka("/satker/18.03/pk/impor/")
        self.browser.find_element(By.NAME, "berkas").send_keys(str(self.buku()))
        self.klik(self.browser.find_element(By.CSS_SELECTOR, "form[enctype] button"))
        pratinjau = self.tunggu(lambda b: b.find_element(By.ID, "pratinjau-impor"))
        self.assertIn("3 baru", pratinjau.text)
        self.assertIn("Realisasi TW IV: 81,2", pratinjau.text)
        self.assertFalse(PerjanjianKinerja.objects.filter(satker__kode="18.03", tahun=2025))
        self.potret("impor-pk-pratinjau")
        self.klik(pratinjau.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.tunggu(lambda b: b.current_url.endswith("/satker/18.03/2025/"))
        self.assertIn("3 indikator baru", self.browser.find_element(By.TAG_NAME, "main").text)
        pk = PerjanjianKinerja.objects.dengan_item().get(satker__kode="18.03", tahun=2025)
        self.assertEqual([i.realisasi.count() for i in pk.item.all()], [4, 4, 1])
        self.assertEqual(pk.item.all()[1].realisasi_agregat(), 24)
        self.assertIn("104,77 %", self.browser.find_element(By.TAG_NAME, "main").text)
        self.potret("impor-pk-hasil")
