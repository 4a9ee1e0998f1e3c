"""Views of the budget (anggaran/views.py): permissions per persona, the tree with its sums, the
htmx inline edit, adding and deleting a RO, DIPA revisions, the locked year, and the workbook
template and import."""

import io
from decimal import Decimal

import openpyxl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from anggaran import impor, services
from anggaran.forms import IMPOR_UKURAN_MAKS, baca_rupiah
from anggaran.models import ProgramAnggaran, RevisiDipa, RoAnggaran
from anggaran.pohon import BarisRO
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran
from satker.tests.helpers import kunci_uji

TAHUN = 2023
HTMX = {"HTTP_HX_REQUEST": "true"}


def baris(**kolom) -> BarisRO:
    nilai = {
        "program": "076.01.CQ", "kegiatan": "6709", "kro": "QGE", "ro": "001",
        "nama": "Perencanaan dan Penganggaran Pemilu", "pagu": Decimal("794992000"),
        "realisasi": Decimal("787329286"), "nama_program": "Penyelenggaraan Pemilu",
        "nama_kegiatan": "Perencanaan Program dan Anggaran", "nama_kro": "Layanan Pemilu",
    }  # fmt: skip
    nilai.update(kolom)
    return BarisRO(**nilai)


class AnggaranViewTestCase(TestCase):
    """Operator, pimpinan of Lampung Utara (18.03), the operator of Rejang Lebong and the
    reviewer of Lampung; a budget of three RO in two kegiatan (one without realisasi)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        buat_pk(cls.satker, tahun=TAHUN)
        cls.operator = buat_user("operator", cls.satker, Peran.OPERATOR)
        cls.pimpinan = buat_user("pimpinan", cls.satker, Peran.PIMPINAN)
        cls.operator_lain = buat_user("operator.lain", s["rejang"], Peran.OPERATOR)
        cls.reviewer = buat_user("reviewer", s["lampung"], Peran.REVIEWER)
        simpan = services.ro_simpan
        cls.ro1 = simpan(satker=cls.satker, tahun=TAHUN, baris=baris())
        cls.ro3 = simpan(
            satker=cls.satker,
            tahun=TAHUN,
            baris=baris(ro="003", nama="Pelatihan Teknis", pagu=Decimal(36235000),
                        realisasi=Decimal(34722000)),
        )  # fmt: skip
        cls.ro_adhoc = simpan(
            satker=cls.satker,
            tahun=TAHUN,
            baris=baris(kegiatan="6867", nama_kegiatan="Pembentukan Badan Adhoc",
                        nama="Seleksi Badan Adhoc", pagu=Decimal(53000000), realisasi=None),
        )  # fmt: skip

    def setUp(self):
        self.client.force_login(self.operator)

    def url(self, nama, *args):
        return reverse(nama, args=[self.satker.kode, TAHUN, *args])

    def ubah(self, ro, data, **extra):
        return self.client.post(self.url("anggaran_ro_ubah", ro.id), data, **extra)

    def kunci(self):
        return kunci_uji(self.satker, TAHUN)

    def data_tambah(self, **kolom):
        data = {
            "program": "076.01.CQ", "nama_program": "", "kegiatan": "6870",
            "nama_kegiatan": "Masa Kampanye Pemilu", "kro": "QGE", "nama_kro": "",
            "ro": "001", "nama": "Persiapan Kampanye Pemilu", "sumber_dana": "apbn",
            "pagu": "Rp 405.176.000", "realisasi": "402.258.400",
        }  # fmt: skip
        data.update(kolom)
        return data


class AksesTests(AnggaranViewTestCase):
    def posts(self):
        return [
            (self.url("anggaran_ro_tambah"), self.data_tambah()),
            (self.url("anggaran_ro_ubah", self.ro1.id), {"pagu": "1", "realisasi": ""}),
            (self.url("anggaran_ro_hapus", self.ro1.id), {}),
            (self.url("anggaran_revisi_tambah"), {"tanggal": "2023-05-02"}),
            (self.url("anggaran_impor"), {}),
        ]

    def assert_tidak_berubah(self):
        self.assertEqual(RoAnggaran.objects.count(), 3)
        self.ro1.refresh_from_db()
        self.assertEqual(self.ro1.pagu, Decimal("794992000"))
        self.assertFalse(RevisiDipa.objects.exists())

    def test_readers_see_the_page_others_get_404(self):
        for user, status in [
            (self.operator, 200),
            (self.pimpinan, 200),
            (self.reviewer, 200),
            (self.operator_lain, 404),
        ]:
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(self.url("anggaran_satker")).status_code, status)
                templat = self.client.get(self.url("anggaran_templat"))
                self.assertEqual(templat.status_code, status)

    def test_read_only_roles_get_403_on_every_post(self):
        for user in (self.pimpinan, self.reviewer):
            self.client.force_login(user)
            for url, data in self.posts():
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.post(url, data, **HTMX).status_code, 403)
        self.assert_tidak_berubah()

    def test_other_satker_operator_gets_404_on_every_post(self):
        self.client.force_login(self.operator_lain)
        for url, data in self.posts():
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data).status_code, 404)
        self.assert_tidak_berubah()

    def test_read_only_page_has_no_edit_controls(self):
        self.client.force_login(self.pimpinan)
        response = self.client.get(self.url("anggaran_satker"))
        self.assertContains(response, "tidak dapat mengubahnya")
        self.assertNotContains(response, self.url("anggaran_ro_ubah", self.ro1.id))
        self.assertNotContains(response, self.url("anggaran_ro_tambah"))
        self.assertNotContains(response, self.url("anggaran_impor"))
        self.assertContains(response, self.url("anggaran_templat"))

    def test_edit_row_of_another_satker_year_is_404(self):
        url = reverse("anggaran_ro_ubah", args=[self.satker.kode, 2024, self.ro1.id])
        self.assertEqual(self.client.get(url, **HTMX).status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        self.client.logout()
        response = self.client.get(self.url("anggaran_satker"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/akun/login/", response["Location"])


class HalamanTests(AnggaranViewTestCase):
    def test_tree_shows_parents_sums_and_total(self):
        response = self.client.get(self.url("anggaran_satker"))
        self.assertContains(response, 'id="sum-076-01-CQ-6709-QGE"')
        konten = response.content.decode()
        # KRO QGE of kegiatan 6709: 794.992.000 + 36.235.000; its realisasi likewise.
        self.assertIn("Rp 831.227.000", konten)
        self.assertIn("Rp 822.051.286", konten)
        # The programme and the Jumlah row: pagu of all three RO; realisasi unknown (one is).
        self.assertEqual(konten.count("Rp 884.227.000"), 3)  # programme, Jumlah, summary
        self.assertIn("Jumlah", konten)
        self.assertIn("QGE.003", konten)
        self.assertIn("APBN", konten)
        self.assertIn("98,90 %", konten)  # 822.051.286 ÷ 831.227.000
        self.assertIn("—", konten)

    def test_empty_year_explains_how_to_start(self):
        url = reverse("anggaran_satker", args=[self.satker.kode, 2024])
        response = self.client.get(url)
        self.assertContains(response, "Belum ada anggaran untuk tahun 2024")
        self.assertContains(response, reverse("anggaran_impor", args=[self.satker.kode, 2024]))
        self.assertContains(response, "Tambah RO")

    def test_satker_year_page_links_to_budget(self):
        response = self.client.get(reverse("satker_tahun", args=[self.satker.kode, TAHUN]))
        self.assertContains(response, self.url("anggaran_satker"))


class UbahInlineTests(AnggaranViewTestCase):
    def test_get_returns_the_edit_row_fragment(self):
        response = self.client.get(self.url("anggaran_ro_ubah", self.ro1.id), **HTMX)
        self.assertEqual(response.status_code, 200)
        konten = response.content.decode()
        self.assertTrue(konten.lstrip().startswith("<tr"), konten[:200])
        self.assertNotIn("<html", konten)
        self.assertIn('name="pagu"', konten)
        self.assertIn('value="794.992.000"', konten)

    def test_cancel_returns_the_display_row(self):
        url = self.url("anggaran_ro_ubah", self.ro1.id) + "?batal=1"
        response = self.client.get(url, **HTMX)
        self.assertContains(response, f'id="ro-{self.ro1.id}"')
        self.assertNotContains(response, 'name="pagu"')
        self.assertNotContains(response, "hx-swap-oob")

    def test_plain_get_opens_the_row_on_the_full_page(self):
        response = self.client.get(self.url("anggaran_ro_ubah", self.ro1.id))
        self.assertContains(response, "<html")
        self.assertContains(response, 'value="794.992.000"')

    def test_htmx_save_returns_row_and_new_totals_out_of_band(self):
        response = self.ubah(self.ro1, {"pagu": "Rp 800.000.000", "realisasi": "1.250.000"}, **HTMX)
        self.assertEqual(response.status_code, 200)
        self.ro1.refresh_from_db()
        self.assertEqual((self.ro1.pagu, self.ro1.realisasi), (800000000, 1250000))
        konten = response.content.decode()
        self.assertNotIn("<html", konten)
        self.assertIn(f'id="ro-{self.ro1.id}"', konten)
        self.assertIn("Rp 800.000.000", konten)
        # KRO, kegiatan and programme rows, the Jumlah row and the summary, out of band.
        self.assertIn('id="sum-076-01-CQ-6709-QGE" class="anggaran-kro fw-semibold"', konten)
        self.assertEqual(konten.count('hx-swap-oob="true"'), 5)
        self.assertIn("Rp 836.235.000", konten)  # 800.000.000 + 36.235.000
        self.assertIn("Rp 889.235.000", konten)  # + 53.000.000
        self.assertNotIn("sum-076-01-CQ-6867", konten)  # the other kegiatan did not change

    def test_bad_amount_is_400_with_message_and_changes_nothing(self):
        for data, pesan in [
            ({"pagu": "banyak", "realisasi": ""}, "Pagu harus berupa angka"),
            ({"pagu": "", "realisasi": ""}, "Pagu wajib diisi"),
            ({"pagu": "1.000", "realisasi": "1,2,3"}, "Realisasi harus berupa angka"),
            ({"pagu": "-5", "realisasi": ""}, "Pagu tidak boleh negatif"),
        ]:
            with self.subTest(**data):
                response = self.ubah(self.ro1, data, **HTMX)
                self.assertContains(response, pesan, status_code=400)
                self.assertContains(response, 'name="pagu"', status_code=400)
                self.assertNotContains(response, "<html", status_code=400)
        self.ro1.refresh_from_db()
        self.assertEqual(self.ro1.pagu, Decimal("794992000"))

    def test_plain_post_redirects_with_message(self):
        response = self.ubah(self.ro3, {"pagu": "36.235.000", "realisasi": ""}, follow=True)
        self.assertRedirects(response, self.url("anggaran_satker"))
        self.assertContains(response, "disimpan")
        self.ro3.refresh_from_db()
        self.assertIsNone(self.ro3.realisasi)


class TambahHapusTests(AnggaranViewTestCase):
    def test_add_ro_creates_parents(self):
        response = self.client.post(self.url("anggaran_ro_tambah"), self.data_tambah())
        self.assertRedirects(response, self.url("anggaran_satker"))
        ro = RoAnggaran.objects.get(kro__kegiatan__kode="6870")
        self.assertEqual((ro.pagu, ro.realisasi), (405176000, 402258400))
        self.assertEqual(ro.kro.kegiatan.nama, "Masa Kampanye Pemilu")
        halaman = self.client.get(self.url("anggaran_satker"))
        self.assertContains(halaman, "Persiapan Kampanye Pemilu")

    def test_add_errors_keep_the_form(self):
        for kolom, pesan in [
            ({"kro": "QG"}, "contoh: QGE"),
            ({"pagu": "empat ratus"}, "Pagu harus berupa angka"),
            ({"kegiatan": "6709", "nama_kegiatan": ""}, "sudah ada di kegiatan 6709"),
            ({"nama_kegiatan": ""}, "Kegiatan 6870 baru: nama kegiatan wajib diisi"),
            ({"program": "076.01.WA"}, "Program 076.01.WA baru: nama program wajib diisi"),
        ]:
            with self.subTest(**kolom):
                data = self.data_tambah(**kolom)
                if kolom.get("kegiatan") == "6709":
                    data["nama"] = "lagi"
                response = self.client.post(self.url("anggaran_ro_tambah"), data)
                self.assertContains(response, pesan, status_code=400)
                self.assertContains(response, f'value="{data["nama"]}"', status_code=400)
        self.assertEqual(RoAnggaran.objects.count(), 3)

    def test_delete_ro_prunes_empty_parents(self):
        response = self.client.post(self.url("anggaran_ro_hapus", self.ro_adhoc.id), follow=True)
        self.assertRedirects(response, self.url("anggaran_satker"))
        self.assertContains(response, "dihapus")
        self.assertFalse(RoAnggaran.objects.filter(pk=self.ro_adhoc.pk).exists())
        self.assertFalse(ProgramAnggaran.objects.filter(kegiatan__kode="6867").exists())

    def test_delete_needs_post(self):
        response = self.client.get(self.url("anggaran_ro_hapus", self.ro1.id))
        self.assertEqual(response.status_code, 405)
        self.assertTrue(RoAnggaran.objects.filter(pk=self.ro1.pk).exists())

    def test_dipa_revision_recorded_and_listed(self):
        data = {"tanggal": "2023-05-02", "keterangan": "Revisi pagu honor badan adhoc"}
        response = self.client.post(self.url("anggaran_revisi_tambah"), data, follow=True)
        self.assertRedirects(response, self.url("anggaran_satker"))
        self.assertContains(response, "Revisi DIPA ke-1 dicatat")
        self.assertContains(response, "1 kali")
        self.assertContains(response, "Revisi pagu honor badan adhoc")
        bad = self.client.post(self.url("anggaran_revisi_tambah"), {"tanggal": "kemarin"})
        self.assertContains(bad, "Tanggal tidak sah", status_code=400)
        self.assertEqual(RevisiDipa.objects.count(), 1)


class TerkunciTests(AnggaranViewTestCase):
    def setUp(self):
        super().setUp()
        self.kunci()

    def test_locked_year_refuses_every_change_with_message(self):
        response = self.ubah(self.ro1, {"pagu": "1", "realisasi": ""}, **HTMX)
        self.assertContains(response, "tidak dapat diubah", status_code=400)
        response = self.client.post(self.url("anggaran_ro_tambah"), self.data_tambah())
        self.assertContains(response, "tidak dapat diubah", status_code=400)
        response = self.client.post(self.url("anggaran_ro_hapus", self.ro1.id), follow=True)
        self.assertContains(response, "tidak dapat diubah")
        data = {"tanggal": "2023-05-02"}
        response = self.client.post(self.url("anggaran_revisi_tambah"), data)
        self.assertContains(response, "tidak dapat diubah", status_code=400)
        self.assertEqual(RoAnggaran.objects.count(), 3)
        self.ro1.refresh_from_db()
        self.assertEqual(self.ro1.pagu, Decimal("794992000"))
        self.assertFalse(RevisiDipa.objects.exists())

    def test_locked_page_shows_banner_without_edit_controls(self):
        response = self.client.get(self.url("anggaran_satker"))
        self.assertContains(response, "Data terkunci")
        self.assertNotContains(response, self.url("anggaran_ro_ubah", self.ro1.id))
        self.assertNotContains(response, self.url("anggaran_ro_tambah"))


def buku(*baris_data) -> bytes:
    """A workbook in the template's form with the given data rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = impor.NAMA_LEMBAR
    ws.append(list(impor.KOLOM))
    for b in baris_data:
        ws.append(list(b))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


BARIS_BAIK = [
    ("076.01.CQ", "Penyelenggaraan Pemilu", "6709", "Perencanaan", "QGE", "", "001",
     "Perencanaan dan Penganggaran", "APBN", 794992000, 787329286),
    ("076.01.CQ", "Penyelenggaraan Pemilu", "6709", "Perencanaan", "RAN", "", "001",
     "Sarana IT", "APBN", "9.411.000", "8.131.000"),
]  # fmt: skip


class TemplatImporTests(AnggaranViewTestCase):
    def unggah(self, data: bytes, nama="anggaran.xlsx", **extra):
        berkas = SimpleUploadedFile(nama, data, content_type=impor_jenis())
        return self.client.post(self.url("anggaran_impor"), {"berkas": berkas}, **extra)

    def test_template_download_is_an_xlsx_with_the_budget(self):
        response = self.client.get(self.url("anggaran_templat"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], impor_jenis())
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="Anggaran-18.03-2023.xlsx"'
        )
        wb = openpyxl.load_workbook(io.BytesIO(response.content))
        ws = wb[impor.NAMA_LEMBAR]
        self.assertEqual(ws.max_row, 4)  # header + three RO
        self.assertIn("Seleksi Badan Adhoc", [c.value for c in ws[4]])

    def test_import_page_shows_form(self):
        response = self.client.get(self.url("anggaran_impor"))
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, self.url("anggaran_templat"))

    def test_import_with_error_row_shows_it_and_writes_nothing(self):
        salah = list(BARIS_BAIK[1])
        salah[9] = "sembilan juta"
        response = self.unggah(buku(BARIS_BAIK[0], salah))
        self.assertContains(response, "Tidak ada yang diimpor", status_code=400)
        self.assertContains(response, "<td>3</td><td>Pagu</td>", status_code=400)
        self.assertContains(response, "Pagu harus berupa angka", status_code=400)
        self.assertEqual(RoAnggaran.objects.count(), 3)
        self.assertFalse(RoAnggaran.objects.filter(kro__kode="RAN").exists())

    def test_good_import_replaces_budget_and_redirects(self):
        response = self.unggah(buku(*BARIS_BAIK), follow=True)
        self.assertRedirects(response, self.url("anggaran_satker"))
        self.assertContains(response, "2 baris RO diimpor")
        self.assertEqual(RoAnggaran.objects.count(), 2)
        self.assertContains(response, "Rp 804.403.000")  # kegiatan 6709: 794.992.000 + 9.411.000

    def test_import_into_locked_year_shows_message(self):
        self.kunci()
        response = self.unggah(buku(*BARIS_BAIK))
        self.assertContains(response, "tidak dapat diubah", status_code=400)
        self.assertEqual(RoAnggaran.objects.count(), 3)

    def test_too_large_or_wrong_file_refused_before_reading(self):
        besar = b"0" * (IMPOR_UKURAN_MAKS + 1)
        response = self.unggah(besar)
        self.assertContains(response, "Berkas terlalu besar (5,0 MB)", status_code=400)
        response = self.unggah(b"a;b", nama="anggaran.csv")
        self.assertContains(response, "Unggah berkas Excel .xlsx", status_code=400)
        response = self.client.post(self.url("anggaran_impor"), {})
        self.assertContains(response, "Pilih berkas .xlsx", status_code=400)
        self.assertEqual(RoAnggaran.objects.count(), 3)


def impor_jenis() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BacaRupiahTests(SimpleTestCase):
    def test_indonesian_amounts(self):
        for teks, nilai in [
            ("1.250.000", 1250000),
            ("Rp 2.647.529.000", 2647529000),
            ("rp2.647.529.000", 2647529000),
            ("Rp. 1 250 000", 1250000),
            ("1.250,50", Decimal("1250.50")),
            ("0", 0),
        ]:
            with self.subTest(teks=teks):
                self.assertEqual(baca_rupiah(teks, "Pagu"), nilai)

    def test_bad_text(self):
        for teks in ("banyak", "Rp", "1,2,3", "12 juta", "1,234"):
            with self.subTest(teks=teks), self.assertRaises(ValidationError):
                baca_rupiah(teks, "Pagu")
