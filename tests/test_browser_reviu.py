"""In Chromium, the review round trip on the demo data: the penyusun of Lampung Utara submits;
the reviewer of KPU Provinsi Lampung writes a note on an indicator row and returns the report;
the operator answers and the penyusun resubmits; the reviewer resolves the note and approves
(the frozen PDF is rendered); the pimpinan publishes; the public page serves that PDF."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from kinerja.management.commands.muat_demo import DEMO_PASSWORD
from laporan.models import BerkasFinal, CatatanReviu, Laporan

from .browser import BrowserTestCase


@pytest.mark.browser
class ReviuBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("muat_demo", stdout=StringIO())
        self.laporan = Laporan.objects.get(satker__kode="18.03", tahun=2023)
        self.detail = reverse("laporan_detail", args=[self.laporan.id])

    def sebagai(self, username: str):
        self.browser.delete_all_cookies()
        self.masuk(username, DEMO_PASSWORD)
        self.buka(self.detail)

    def teks(self) -> str:
        return self.browser.find_element(By.TAG_NAME, "main").text

    def tombol(self, label: str):
        return self.browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']")

    def status(self) -> str:
        return Laporan.objects.get(pk=self.laporan.pk).status

    def test_round_trip_to_publication(self):
        """Submit, note and return, answer and resubmit, approve, publish, public download."""
        self.sebagai("penyusun.lampura")
        self.klik(self.tombol("Ajukan untuk reviu"))
        self.tunggu(lambda b: "Menunggu reviu KPU Provinsi." in self.teks())
        self.assertEqual(self.status(), "diajukan")

        self.sebagai("reviewer.lampung")
        self.buka(reverse("reviu_daftar"))
        self.assertIn("KPU Kabupaten Lampung Utara", self.teks())
        self.potret("reviu-kotak-masuk")
        self.buka(self.detail)
        pilihan = Select(self.browser.find_element(By.ID, "catatan-pilihan"))
        baris = next(o for o in pilihan.options if o.get_attribute("value").startswith("indi"))
        pilihan.select_by_value(baris.get_attribute("value"))
        self.browser.find_element(By.ID, "catatan-teks").send_keys(
            "Realisasi indikator ini belum didukung bukti; lampirkan laporan kegiatannya."
        )
        self.klik(self.tombol("Tambah catatan"))
        self.tunggu(lambda b: "Catatan reviu ditambahkan." in self.teks())
        self.browser.find_element(By.ID, "komentar-kembalikan").send_keys(
            "Lihat catatan pada baris indikator."
        )
        self.klik(self.tombol("Kembalikan untuk perbaikan"))
        self.tunggu(lambda b: "dikembalikan untuk perbaikan" in self.teks().lower())
        self.assertEqual(self.status(), "dikembalikan")

        self.sebagai("operator.lampura")
        catatan = CatatanReviu.objects.get(laporan=self.laporan)
        self.browser.find_element(By.ID, f"jawaban-{catatan.id}").send_keys(
            "Bukti kegiatan sudah diunggah pada realisasi TW IV."
        )
        self.klik(self.tombol("Simpan jawaban"))
        self.tunggu(lambda b: "Jawaban tersimpan." in self.teks())
        self.potret("reviu-catatan")

        self.sebagai("penyusun.lampura")
        self.klik(self.tombol("Ajukan untuk reviu"))
        self.tunggu(lambda b: "Menunggu reviu KPU Provinsi." in self.teks())

        self.sebagai("reviewer.lampung")
        self.klik(self.tombol("Tandai selesai"))
        self.tunggu(lambda b: "Catatan diselesaikan." in self.teks())
        self.klik(self.tombol("Setujui"))
        # Approval renders the frozen PDF (inline task backend in tests).
        self.tunggu(lambda b: "PDF final" in self.teks(), detik=180)
        self.assertEqual(self.status(), "disetujui")
        final = BerkasFinal.objects.get(laporan=self.laporan)
        self.assertEqual(final.revisi, 1)

        self.sebagai("pimpinan.lampura")
        self.klik(self.tombol("Terbitkan"))
        self.tunggu(lambda b: "Laporan telah terbit." in self.teks())
        self.potret("reviu-terbit")

        self.browser.delete_all_cookies()
        self.buka(reverse("publik_daftar"))
        self.assertIn(
            "KPU Kabupaten Lampung Utara", self.browser.find_element(By.TAG_NAME, "main").text
        )
        self.potret("publik-daftar")
        respon = Client().get(reverse("publik_unduh", args=[self.laporan.id]))
        self.assertEqual(respon.status_code, 200)
        with final.berkas.open("rb") as berkas:
            self.assertEqual(b"".join(respon.streaming_content), berkas.read())
