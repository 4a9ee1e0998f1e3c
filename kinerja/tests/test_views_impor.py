"""The PK workbook pages (kinerja/views_impor.py): upload, preview, apply, permissions."""

import io
import re
import tempfile

import openpyxl
from django.test import TestCase, override_settings
from django.urls import reverse

from kinerja.models import PerjanjianKinerja, Realisasi
from kinerja.tests.helpers import buat_pk, buat_satker, buat_skala_kategori, buat_user
from kinerja.tests.test_impor_pk import baris_baru, buku
from satker.models import Peran

_TMP = tempfile.mkdtemp(prefix="impor-pk-")


def unggah(data: bytes, nama="pk.xlsx"):
    berkas = io.BytesIO(data)
    berkas.name = nama
    return {"berkas": berkas}


@override_settings(IMPOR_DIR=_TMP)
class ImporPKViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.lampura, cls.metro = s["lampura"], s["metro"]
        buat_skala_kategori()
        buat_pk(cls.lampura)
        cls.operator = buat_user("op.metro", cls.metro, Peran.OPERATOR)
        cls.pimpinan = buat_user("pim.metro", cls.metro, Peran.PIMPINAN)
        cls.lain = buat_user("op.lampura", cls.lampura, Peran.OPERATOR)
        cls.url = reverse("pk_impor", args=["18.72"])

    def pratinjau(self, data):
        self.client.force_login(self.operator)
        return self.client.post(self.url, unggah(data))

    def test_preview_then_apply_creates_the_pk(self):
        """The preview lists the new row and writes nothing; applying writes it."""
        respon = self.pratinjau(buku([baris_baru(**{"Realisasi TW I": 20})]))
        self.assertContains(respon, "1 baru")
        self.assertContains(respon, "Realisasi TW I")
        self.assertFalse(PerjanjianKinerja.objects.filter(satker=self.metro).exists())
        html = respon.content.decode()
        token = re.search(r'name="token" value="(\w+)"', html).group(1)
        sidik = re.search(r'name="sidik" value="(\w+)"', html).group(1)
        respon = self.client.post(
            reverse("pk_impor_terapkan", args=["18.72"]), {"token": token, "sidik": sidik}
        )
        self.assertRedirects(respon, reverse("satker_tahun", args=["18.72", 2024]))
        pk = PerjanjianKinerja.objects.get(satker=self.metro)
        self.assertEqual(Realisasi.objects.get(item__pk_induk=pk).triwulan, 1)
        self.assertEqual(Realisasi.objects.get(item__pk_induk=pk).diisi_oleh, self.operator)

    def test_errors_listed_with_row_and_column(self):
        respon = self.pratinjau(buku([baris_baru(Target="banyak")]))
        self.assertEqual(respon.status_code, 400)
        self.assertContains(respon, "<td>2</td><td>Target</td>", status_code=400, html=False)
        self.assertNotContains(respon, 'name="token"', status_code=400)

    def test_rows_of_another_satker_refused(self):
        respon = self.pratinjau(buku([baris_baru(**{"Kode Satker": "18.03"})]))
        self.assertContains(respon, "tidak berwenang", status_code=400)

    def test_not_an_xlsx_named_upload(self):
        self.client.force_login(self.operator)
        respon = self.client.post(self.url, unggah(b"a,b\n", "pk.csv"))
        self.assertContains(respon, "Unggah berkas Excel .xlsx", status_code=400)

    def test_token_of_another_user_or_unknown_is_refused(self):
        """A token only opens its uploader's file."""
        html = self.pratinjau(buku([baris_baru()])).content.decode()
        token = re.search(r'name="token" value="(\w+)"', html).group(1)
        self.client.force_login(buat_user("op2.metro", self.metro, Peran.OPERATOR))
        for t in (token, "../../etc/passwd", "x" * 32):
            respon = self.client.post(
                reverse("pk_impor_terapkan", args=["18.72"]), {"token": t}, follow=True
            )
            self.assertContains(respon, "sudah tidak tersedia")
        self.assertFalse(PerjanjianKinerja.objects.filter(satker=self.metro).exists())

    def test_read_only_and_outsiders(self):
        """Pimpinan may download but not import (403); another satker's operator gets 404."""
        self.client.force_login(self.pimpinan)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        templat = self.client.get(reverse("pk_templat_kosong", args=["18.72"]))
        self.assertEqual(templat.status_code, 200)
        self.client.force_login(self.lain)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_template_is_prefilled_with_the_pk(self):
        self.client.force_login(self.lain)
        respon = self.client.get(reverse("pk_templat", args=["18.03", 2023]))
        self.assertIn("PK-18.03-2023.xlsx", respon["Content-Disposition"])
        ws = openpyxl.load_workbook(io.BytesIO(respon.content))["PK"]
        self.assertEqual(ws.max_row, 4)
        self.assertEqual(ws["A2"].value, "18.03")
        self.assertEqual(ws.freeze_panes, "A2")
