"""In Chromium: an operator sets up a PK from the Renstra catalogue and enters all four quarters,
without the admin."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi
from satker.demo import DEMO_PASSWORD

from .browser import BrowserTestCase

# kode → (yearly target, realisasi TW I..IV)
RENCANA = {
    "1.1": ("90", ["20", "45", "70", "92,5"]),
    "2.1": ("2", ["0", "1", "0", "1"]),
    "9.1": ("10", ["2", "3", "2", "4"]),
}


@pytest.mark.browser
class PKBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())

    def isi(self, nama, teks):
        kolom = self.browser.find_element(By.NAME, nama)
        kolom.clear()
        kolom.send_keys(teks)

    def kirim(self):
        self.klik(self.browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    def test_set_up_pk_and_enter_four_quarters(self):
        """Create the 2024 PK, add three catalogue indicators with targets, fill TW I–IV."""
        self.masuk("operator.lampura", DEMO_PASSWORD)
        self.klik(self.browser.find_element(By.LINK_TEXT, "+ Perjanjian Kinerja baru"))
        self.isi("tahun", "2024")
        Select(self.browser.find_element(By.NAME, "jenis")).select_by_value("lembaga")
        self.browser.execute_script(
            "document.getElementsByName('tanggal_ttd')[0].value = '2024-01-02'"
        )
        self.isi("pihak_pertama_nama", "Ketua KPU Lampung Utara")
        self.isi("pihak_pertama_jabatan", "Ketua")
        self.isi("pihak_pertama_nip", "")
        self.potret("pk-buat")
        self.kirim()
        self.tunggu(lambda b: "/susun/" in b.current_url)
        pk = PerjanjianKinerja.objects.get(satker__kode="18.03", tahun=2024)

        self.buka(reverse("pk_item_katalog", args=[pk.id]))
        kode_id = dict(
            Indikator.objects.filter(sasaran__renstra=pk.renstra).values_list("kode", "id")
        )
        for kode, (target, _) in RENCANA.items():
            self.klik(self.browser.find_element(By.NAME, f"pilih_{kode_id[kode]}"))
            self.isi(f"target_{kode_id[kode]}", target)
        self.potret("pk-katalog")
        self.kirim()
        self.tunggu(lambda b: "/susun/" in b.current_url)
        self.assertEqual(pk.item.count(), 3)

        items = {i.indikator.kode: i for i in pk.item.select_related("indikator")}
        for tw in range(1, 5):
            self.buka(reverse("realisasi_triwulan", args=[pk.id, tw]))
            for kode, (_, nilai) in RENCANA.items():
                self.isi(f"r-{items[kode].id}-nilai", nilai[tw - 1])
            self.kirim()
            self.tunggu(lambda b: "disimpan: 3 baru" in b.find_element(By.TAG_NAME, "body").text)
        self.assertEqual(Realisasi.objects.filter(item__pk_induk=pk).count(), 12)

        self.buka(reverse("pk_detail", args=[pk.id]))
        teks = self.browser.find_element(By.TAG_NAME, "main").text
        # 1.1 last value 92,5 of 90 → 102,78 %; 2.1 cumulative 2 of 2 → 100 %;
        # 9.1 cumulative 11 revisions against 10, lower is better (selisih) → 90,00 %.
        self.assertIn("102,78 %", teks)
        self.assertIn("90,00 %", teks)
        item = pk.item.get(indikator__kode="9.1")
        self.assertEqual(item.realisasi_agregat(), Decimal("11"))
        self.potret("pk-baru-empat-triwulan")
