"""The province recap for reviewers (laporan/rekap.py) and its views (laporan/views_rekap.py).
Workbooks are reopened with openpyxl and compared cell by cell."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import ekspor
from kinerja.models import PerjanjianKinerja
from kinerja.tests.helpers import buat_data_ekspor, buat_user, buka, nilai_baris
from kinerja.xlsx import FORMAT_PERSEN
from laporan import rekap
from laporan.models import StatusLaporan
from laporan.tests.helpers import buat_laporan
from satker.models import Peran

JUDUL_REKAP = [
    "Kode Satker",
    "Satker",
    "Tahun",
    "Jenis PK",
    "Status Laporan",
    "No Sasaran",
    "Sasaran",
    "Kode Indikator",
    "Indikator",
    "Satuan",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Kategori",
]
JUDUL_RINGKASAN_REKAP = [
    "Kode Satker",
    "Satker",
    "Jenis PK",
    "Status Laporan",
    "Jumlah Indikator",
    "Indikator Terisi",
    "Capaian Keseluruhan (%)",
    "Kategori",
]


class RekapTestCase(TestCase):
    """The export data (kinerja.tests.helpers.buat_data_ekspor): Lampung Utara's PK lembaga
    has a submitted report, its PK sekretariat none."""

    @classmethod
    def setUpTestData(cls):
        cls.s, cls.pk_lembaga, cls.pk_sekretariat = buat_data_ekspor()
        buat_laporan(
            satker=cls.s["lampura"], tahun=2023, jenis="lembaga", status=StatusLaporan.DIAJUKAN
        )


class RekapProvinsiXlsxTests(RekapTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.isi = rekap.rekap_provinsi_xlsx(cls.s["lampung"], 2023)

    def setUp(self):
        self.buku = buka(self.isi)

    def test_header_bold_frozen_with_widths(self):
        """Both sheets have their exact header, bold and frozen, and column widths."""
        self.assertEqual(self.buku.sheetnames, ["Rekap", "Ringkasan"])
        for judul, kolom in (("Rekap", JUDUL_REKAP), ("Ringkasan", JUDUL_RINGKASAN_REKAP)):
            lembar = self.buku[judul]
            self.assertEqual(nilai_baris(lembar, 1), kolom)
            self.assertTrue(all(sel.font.b for sel in lembar[1]))
            self.assertEqual(lembar.freeze_panes, "A2")
            self.assertGreater(lembar.column_dimensions["B"].width, 20)

    def test_indicator_row_with_report_status(self):
        """A row per satker × indicator carries the report's status label and real numbers."""
        lembar = self.buku["Rekap"]
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "18.03",
                "KPU Kabupaten Lampung Utara",
                2023,
                "KPU (lembaga)",
                "Diajukan untuk reviu",
                1,
                "Meningkatnya akuntabilitas",
                "1.1",
                "Persentase laporan tepat waktu",
                "%",
                95,
                100,
                105.26,
                "Sangat Baik",
            ],
        )
        self.assertEqual(lembar["A2"].data_type, "s")
        self.assertEqual(lembar["C2"].number_format, ekspor.FORMAT_TAHUN)
        self.assertEqual(lembar["M2"].number_format, FORMAT_PERSEN)

    def test_pk_without_report_is_belum_dibuat(self):
        """A PK whose report does not exist yet shows "belum dibuat"."""
        lembar = self.buku["Rekap"]
        self.assertEqual(lembar["D5"].value, "Sekretariat")
        self.assertEqual(lembar["E5"].value, rekap.STATUS_BELUM_DIBUAT)
        self.assertEqual(lembar["G5"].data_type, "s")

    def test_only_the_province_kabkota(self):
        """Rows come from the Kab/Kota of the province only, by code."""
        lembar = self.buku["Rekap"]
        kode = [lembar.cell(r, 1).value for r in range(2, lembar.max_row + 1)]
        self.assertEqual(sorted(set(kode)), ["18.03", "18.71", "18.72"])
        self.assertEqual(kode, sorted(kode))

    def test_summary_per_satker_pk(self):
        """Ringkasan: one row per satker and PK with counts, overall capaian and kategori."""
        lembar = self.buku["Ringkasan"]
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "18.03",
                "KPU Kabupaten Lampung Utara",
                "KPU (lembaga)",
                "Diajukan untuk reviu",
                3,
                3,
                101.75,
                "Sangat Baik",
            ],
        )
        self.assertEqual(nilai_baris(lembar, 3)[2:7], ["Sekretariat", "belum dibuat", 2, 2, 100])
        self.assertEqual(lembar.max_row, 5)

    def test_satker_without_pk_listed(self):
        """A Kab/Kota without PK still gets a summary row saying so."""
        buku = buka(rekap.rekap_provinsi_xlsx(self.s["bengkulu"], 2023))
        lembar = buku["Ringkasan"]
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "17.01",
                "KPU Kabupaten Bengkulu Selatan",
                rekap.BELUM_ADA_PK,
                "belum dibuat",
                0,
                0,
                None,
                None,
            ],
        )

    def test_queries_do_not_grow_with_satker(self):
        """Three Kab/Kota with PK cost the same queries as one (prefetched per province)."""
        with CaptureQueriesContext(connection) as satu:
            rekap.rekap_provinsi_xlsx(self.s["bengkulu"], 2023)
        with self.assertNumQueries(len(satu.captured_queries)):
            rekap.rekap_provinsi_xlsx(self.s["lampung"], 2023)


class RekapProvinsiViewTests(RekapTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reviewer = buat_user("reviewer.lampung", cls.s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("reviewer.bengkulu", cls.s["bengkulu"], Peran.REVIEWER)
        cls.operator = buat_user("operator.lampura", cls.s["lampura"], Peran.OPERATOR)
        cls.admin = buat_user("admin", cls.s["ri"], Peran.ADMIN)
        cls.url = reverse("rekap_provinsi", args=[2023])

    def unduh(self, user, url=None, **params):
        self.client.force_login(user)
        return self.client.get(url or self.url, params)

    def kode_satker(self, r) -> set[str]:
        lembar = buka(r.content)["Ringkasan"]
        return {lembar.cell(n, 1).value for n in range(2, lembar.max_row + 1)}

    def test_url(self):
        """The recap sits under the review inbox."""
        self.assertEqual(self.url, "/reviu/rekap/2023.xlsx")

    def test_reviewer_gets_own_province(self):
        """A reviewer downloads their province's recap as an attachment."""
        r = self.unduh(self.reviewer)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Disposition"], 'attachment; filename="rekap-18-2023.xlsx"')
        self.assertEqual(self.kode_satker(r), {"18.03", "18.71", "18.72"})

    def test_reviewer_of_other_province_gets_only_theirs(self):
        """Another province's reviewer gets their own recap, and 404 when naming this one."""
        self.assertEqual(self.kode_satker(self.unduh(self.reviewer_lain)), {"17.01", "17.02"})
        self.assertEqual(self.unduh(self.reviewer_lain, provinsi="18").status_code, 404)

    def test_operator_forbidden(self):
        """Roles other than reviewer and admin get 403."""
        self.assertEqual(self.unduh(self.operator).status_code, 403)

    def test_admin_with_province(self):
        """An admin names the province with ?provinsi=."""
        r = self.unduh(self.admin, provinsi="18")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(self.kode_satker(r), {"18.03", "18.71", "18.72"})

    def test_admin_without_or_unknown_province_is_400(self):
        """An admin without a known province gets 400 with an Indonesian message."""
        r = self.unduh(self.admin)
        self.assertContains(r, "Pilih provinsi", status_code=400)
        self.assertEqual(self.unduh(self.admin, provinsi="18.03").status_code, 400)

    def test_form_redirects_to_year_url(self):
        """The inbox form's year (and admin's province) becomes the recap's URL."""
        pilih = reverse("rekap_provinsi_pilih")
        r = self.unduh(self.reviewer, pilih, tahun="2023")
        self.assertRedirects(r, self.url, fetch_redirect_response=False)
        r = self.unduh(self.admin, pilih, tahun="2023", provinsi="18")
        self.assertRedirects(r, f"{self.url}?provinsi=18", fetch_redirect_response=False)

    def test_form_with_bad_year_is_400(self):
        """A year that is not four digits is refused with an Indonesian message."""
        r = self.unduh(self.reviewer, reverse("rekap_provinsi_pilih"), tahun="23")
        self.assertContains(r, "Tahun rekap harus empat angka", status_code=400)

    def test_inbox_offers_recap_for_latest_year(self):
        """The reviewer's inbox has the recap form, its years those with a PK in the province,
        latest first."""
        pk = PerjanjianKinerja.objects.filter(satker__induk=self.s["lampung"]).first()
        PerjanjianKinerja.objects.create(satker=pk.satker, tahun=2022, renstra=pk.renstra)
        r = self.unduh(self.reviewer, reverse("reviu_daftar"))
        self.assertContains(r, f'action="{reverse("rekap_provinsi_pilih")}"')
        self.assertContains(r, "Unduh rekap provinsi (Excel)")
        html = r.content.decode()
        self.assertLess(html.index('<option value="2023">'), html.index('<option value="2022">'))
        self.assertNotContains(r, 'name="provinsi"')

    def test_inbox_offers_province_select_to_admin(self):
        """An admin's recap form has a province select."""
        r = self.unduh(self.admin, reverse("reviu_daftar"))
        self.assertContains(r, '<option value="18">KPU Provinsi Lampung</option>', html=True)
