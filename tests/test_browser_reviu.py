"""In Chromium, the review round trip on the demo data: the penyusun of Lampung Utara submits;
the reviewer of KPU Provinsi Lampung writes a note on an indicator row and returns the report;
the operator answers and the penyusun resubmits; the reviewer resolves the note and approves,
naming who signs the review statement (the frozen PDF is rendered); the pimpinan publishes; the
public page serves that PDF. Then the approval on a 390 px phone with JavaScript off."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from laporan import alur
from laporan.models import BerkasFinal, CatatanReviu, Laporan, RiwayatStatus
from laporan.tests.helpers import TTD
from satker.demo import DEMO_PASSWORD
from satker.models import Keanggotaan

from .browser import SCREENSHOTS, BrowserTestCase


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

    def nilai(self, id_: str) -> str:
        return self.browser.find_element(By.ID, id_).get_attribute("value")

    def isi(self, id_: str, teks: str):
        kolom = self.browser.find_element(By.ID, id_)
        kolom.clear()
        kolom.send_keys(teks)

    def test_round_trip_to_publication(self):
        """Refused while unsigned, sign, submit, note and return, answer and resubmit, approve,
        publish, public download."""
        self.sebagai("penyusun.lampura")
        # Seed 000 prints no signature: the completeness list shows it and submission refuses.
        kelengkapan = self.browser.find_element(By.ID, "kelengkapan").text
        self.assertIn("Penandatanganan Kata Pengantar dan Penutup belum lengkap", kelengkapan)
        self.klik(self.tombol("Ajukan untuk reviu"))
        self.tunggu(lambda b: "Laporan belum dapat diajukan untuk reviu:" in self.teks())
        self.assertEqual(self.status(), "draf")
        self.klik(self.browser.find_element(By.LINK_TEXT, "Isi penandatanganan →"))
        self.isi("id_tempat_ttd", "Kotabumi")
        self.browser.execute_script(
            "arguments[0].value = '2024-01-15'", self.browser.find_element(By.ID, "id_tanggal_ttd")
        )
        self.isi("id_penandatangan_nama", "Ketua KPU Lampung Utara")
        self.isi("id_penandatangan_jabatan", "Ketua KPU Kabupaten Lampung Utara")
        self.klik(self.tombol("Simpan"))
        self.tunggu(lambda b: "Data penandatanganan laporan tersimpan." in self.teks())
        self.assertFalse(self.browser.find_elements(By.CSS_SELECTOR, "[data-kode=TTD_KURANG]"))
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
        # The approval form starts from the reviewer's profile; the NIP it lacks is required.
        self.assertEqual(self.nilai("setujui-nama"), "Reviewer Lampung")
        self.assertEqual(self.nilai("setujui-jabatan"), "Kasubbag Perencanaan")
        self.assertEqual(self.nilai("setujui-tempat"), "Bandar Lampung")
        self.assertEqual(self.nilai("setujui-nip"), "")
        self.klik(self.tombol("Setujui"))
        self.tunggu(lambda b: "Persetujuan belum disimpan" in self.teks())
        self.assertIn("Isi NIP;", self.teks())
        self.assertEqual(self.status(), "diajukan")
        self.isi("setujui-nama", TTD.nama)
        self.isi("setujui-jabatan", TTD.jabatan)
        self.isi("setujui-nip", "197501012000121001")
        self.potret("reviu-persetujuan")
        self.klik(self.tombol("Setujui"))
        # Approval renders the frozen PDF (inline task backend in tests).
        self.tunggu(lambda b: "PDF final" in self.teks(), detik=180)
        self.assertEqual(self.status(), "disetujui")
        final = BerkasFinal.objects.get(laporan=self.laporan)
        self.assertEqual(final.revisi, 1)
        riwayat = RiwayatStatus.objects.get(laporan=self.laporan, ke="disetujui")
        self.assertEqual((riwayat.ttd_nama, riwayat.ttd_nip, riwayat.ttd_tempat),
                         (TTD.nama, TTD.nip, "Bandar Lampung"))  # fmt: skip
        profil = Keanggotaan.objects.get(user__username="reviewer.lampung")
        self.assertEqual((profil.jabatan, profil.nip), ("Kasubbag Perencanaan", TTD.nip))

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


@pytest.mark.browser
class PersetujuanPonselBrowserTests(BrowserTestCase):
    """The approval form on a 390 px phone screen, with JavaScript switched off: a plain POST
    form that fits the screen."""

    lebar, tinggi = 390, 844

    def layar(self, tinggi: int):
        # Headless Chromium keeps windows at least 500 px wide: the phone's viewport is emulated.
        metrik = {"width": self.lebar, "height": tinggi, "deviceScaleFactor": 1, "mobile": True}
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrik)

    def potret(self, nama: str):
        """A full-page screenshot at the phone's width."""
        self.layar(self.browser.execute_script("return document.documentElement.scrollHeight"))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.browser.save_screenshot(str(SCREENSHOTS / f"{nama}.png"))
        self.layar(self.tinggi)

    def setUp(self):
        call_command("muat_demo", stdout=StringIO())
        self.laporan = Laporan.objects.get(satker__kode="17.02", tahun=2024, jenis="gabungan")
        penyusun = Keanggotaan.objects.get(user__username="penyusun.rejanglebong").user
        alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=penyusun)

    def test_phone_approval_without_javascript(self):
        """Reviewer Bengkulu approves Rejang Lebong on a phone without JavaScript: the form
        fits the width, a wrong NIP comes back with its message, a right one approves."""
        self.browser.delete_all_cookies()
        self.masuk("reviewer.bengkulu", DEMO_PASSWORD)
        self.browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        self.layar(self.tinggi)
        try:
            self.buka(reverse("laporan_detail", args=[self.laporan.id]))
            lebar = self.browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            self.assertEqual(lebar, [390, 390])
            form = self.browser.find_element(By.ID, "form-setujui")
            self.assertLessEqual(form.rect["x"] + form.rect["width"], 390)
            nip = self.browser.find_element(By.ID, "setujui-nip")
            nip.send_keys("12345")
            self.klik(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            self.tunggu(lambda b: "NIP '12345' tidak valid" in b.page_source.replace("&#x27;", "'"))
            self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).status, "diajukan")
            self.potret("reviu-persetujuan-ponsel")
            nip = self.browser.find_element(By.ID, "setujui-nip")
            nip.clear()
            nip.send_keys(TTD.nip)
            form = self.browser.find_element(By.ID, "form-setujui")
            self.klik(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            self.tunggu(lambda b: "PDF final" in b.find_element(By.TAG_NAME, "main").text, 180)
            self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).status, "disetujui")
        finally:
            self.browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
            self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
