"""Excel exports: the capaian table of a satker-year, the province recap, their views and the
command. Workbooks are reopened with openpyxl and compared cell by cell."""

import io
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import ekspor
from kinerja.capaian import Aturan
from kinerja.models import Indikator, ItemPK, PerjanjianKinerja, Realisasi, Sasaran
from kinerja.xlsx import FORMAT_PERSEN
from laporan.models import StatusLaporan
from laporan.tests.helpers import buat_laporan
from satker.models import Peran, Satker, Tingkat

from .helpers import buat_pk, buat_satker, buat_user

JUDUL_CAPAIAN = [
    "Jenis PK",
    "No Sasaran",
    "Sasaran",
    "Kode Indikator",
    "Indikator",
    "Satuan",
    "Target",
    "Realisasi TW I",
    "Realisasi TW II",
    "Realisasi TW III",
    "Realisasi TW IV",
    "Realisasi",
    "Capaian (%)",
    "Kategori",
    "Aturan",
]
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
SASARAN_RUMUS = "=SUM(A1:A9) sasaran berawalan sama dengan"
INDIKATOR_RUMUS = "=1+1 indikator berawalan sama dengan"


def buat_pk_sekretariat(pk_lembaga):
    """A second PK in force for the same satker-year: a fractional target and a yes/no
    indicator, under a sasaran and an indicator whose texts start like formulas."""
    pk = PerjanjianKinerja.objects.create(
        satker=pk_lembaga.satker,
        tahun=pk_lembaga.tahun,
        jenis="sekretariat",
        renstra=pk_lembaga.renstra,
    )
    sasaran = Sasaran.objects.create(renstra=pk_lembaga.renstra, nomor=2, teks=SASARAN_RUMUS)
    pecahan = Indikator.objects.create(
        sasaran=sasaran, kode="2.1", nama=INDIKATOR_RUMUS, satuan="%"
    )
    ya_tidak = Indikator.objects.create(
        sasaran=sasaran,
        kode="2.2",
        nama="Tersedianya dokumen evaluasi internal",
        satuan="dokumen",
        jenis_nilai="ya_tidak",
    )
    item = ItemPK.objects.create(pk_induk=pk, urutan=1, indikator=pecahan, target=Decimal("87.5"))
    Realisasi.objects.create(item=item, triwulan=1, nilai=Decimal("40"))
    Realisasi.objects.create(item=item, triwulan=2, nilai=Decimal("87.5"))
    item = ItemPK.objects.create(pk_induk=pk, urutan=2, indikator=ya_tidak, target=1)
    Realisasi.objects.create(item=item, triwulan=4, nilai=1)
    return pk


def buka(isi: bytes):
    return openpyxl.load_workbook(io.BytesIO(isi))


def nilai_baris(lembar, nomor: int) -> list:
    return [sel.value for sel in lembar[nomor]]


class EksporTestCase(TestCase):
    """Lampung: Lampung Utara (PK lembaga, report submitted; PK sekretariat, no report), Kota
    Metro and Bandar Lampung (one PK each). Bengkulu: Rejang Lebong (one PK) and Bengkulu
    Selatan (no PK)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.s = s
        s["bandar"] = Satker.objects.create(
            kode="18.71",
            nama="KPU Kota Bandar Lampung",
            tingkat=Tingkat.KABKOTA,
            induk=s["lampung"],
        )
        s["bengsel"] = Satker.objects.create(
            kode="17.01",
            nama="KPU Kabupaten Bengkulu Selatan",
            tingkat=Tingkat.KABKOTA,
            induk=s["bengkulu"],
        )
        cls.pk_lembaga, _ = buat_pk(s["lampura"])
        cls.pk_sekretariat = buat_pk_sekretariat(cls.pk_lembaga)
        for kode in ("metro", "bandar", "rejang"):
            buat_pk(s[kode])
        buat_laporan(
            satker=s["lampura"], tahun=2023, jenis="lembaga", status=StatusLaporan.DIAJUKAN
        )


class CapaianXlsxTests(EksporTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Bytes, not the workbook: Django deep-copies class data per test, which openpyxl's
        # shared styles do not survive.
        cls.isi = ekspor.capaian_xlsx(cls.s["lampura"], 2023)

    def setUp(self):
        self.buku = buka(self.isi)

    def test_sheets(self):
        """The workbook has the indicator table, the sasaran summary and the notes."""
        self.assertEqual(self.buku.sheetnames, ["Capaian", "Ringkasan", "Keterangan"])

    def test_header_bold_frozen_with_widths(self):
        """Row 1 is the exact header, bold and frozen; every column has a width."""
        lembar = self.buku["Capaian"]
        self.assertEqual(nilai_baris(lembar, 1), JUDUL_CAPAIAN)
        self.assertTrue(all(sel.font.b for sel in lembar[1]))
        self.assertEqual(lembar.freeze_panes, "A2")
        for huruf in "ABCDEFGHIJKLMNO":
            self.assertGreater(lembar.column_dimensions[huruf].width, 0, huruf)

    def test_prints_landscape_one_page_wide_with_repeated_header(self):
        """Printing gives landscape A4 pages as wide as the table, each with the header row."""
        lembar = self.buku["Capaian"]
        self.assertEqual(lembar.page_setup.orientation, "landscape")
        self.assertTrue(lembar.sheet_properties.pageSetUpPr.fitToPage)
        self.assertEqual((lembar.page_setup.fitToWidth, lembar.page_setup.fitToHeight), (1, 0))
        self.assertEqual(lembar.print_title_rows, "$1:$1")

    def test_percentage_row_numbers_and_formats(self):
        """A numeric indicator's row: real numbers with Indonesian formats, text as text."""
        lembar = self.buku["Capaian"]
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "KPU (lembaga)",
                1,
                "Meningkatnya akuntabilitas",
                "1.1",
                "Persentase laporan tepat waktu",
                "%",
                95,
                None,
                None,
                None,
                100,
                100,
                105.26,
                "Sangat Baik",
                Aturan.POSITIF,
            ],
        )
        self.assertEqual([s.data_type for s in lembar[2]][:7], ["s", "n", "s", "s", "s", "s", "n"])
        self.assertEqual(lembar["B2"].number_format, ekspor.FORMAT_BULAT)
        self.assertEqual(lembar["G2"].number_format, ekspor.FORMAT_BULAT)
        self.assertEqual(lembar["M2"].number_format, FORMAT_PERSEN)

    def test_quarters_and_aggregate_of_a_cumulative_indicator(self):
        """A lower-is-better count shows its quarters, their sum and the rule used."""
        lembar = self.buku["Capaian"]
        self.assertEqual(
            nilai_baris(lembar, 3)[6:],
            [10, None, 5, None, 7, 12, 80, "Baik", Aturan.NEGATIF_SELISIH],
        )

    def test_grades_stay_text(self):
        """Predikat target and realisasi are written as text; the capaian is a number."""
        lembar = self.buku["Capaian"]
        self.assertEqual(
            nilai_baris(lembar, 4)[6:],
            ["BB", None, None, None, "A", "A", 120, "Sangat Baik", Aturan.PREDIKAT],
        )
        self.assertEqual(lembar["G4"].data_type, "s")
        self.assertEqual(lembar["M4"].data_type, "n")

    def test_fraction_shows_decimals(self):
        """A fractional target keeps its decimals in a format that shows them."""
        lembar = self.buku["Capaian"]
        self.assertEqual(lembar["G5"].value, 87.5)
        self.assertEqual(lembar["G5"].number_format, ekspor.FORMAT_PECAHAN)
        self.assertEqual(nilai_baris(lembar, 5)[7:13], [40, 87.5, None, None, 87.5, 100])

    def test_yes_no_in_words(self):
        """A ya/tidak indicator's target and realisasi are the words "Ya"/"Tidak"."""
        lembar = self.buku["Capaian"]
        self.assertEqual(nilai_baris(lembar, 6)[6:13], ["Ya", None, None, None, "Ya", "Ya", 100])

    def test_second_pk_rows_follow_the_first(self):
        """Both PK in force are in the table, lembaga first."""
        lembar = self.buku["Capaian"]
        self.assertEqual(
            [lembar.cell(r, 1).value for r in range(2, 7)],
            ["KPU (lembaga)"] * 3 + ["Sekretariat"] * 2,
        )
        self.assertEqual(lembar.max_row, 6)

    def test_text_starting_like_formula_is_text(self):
        """A sasaran or indicator starting with "=" is a string cell, never a formula."""
        lembar = self.buku["Capaian"]
        for koordinat, teks in (("C5", SASARAN_RUMUS), ("E5", INDIKATOR_RUMUS)):
            self.assertEqual(lembar[koordinat].value, teks)
            self.assertEqual(lembar[koordinat].data_type, "s")
            self.assertTrue(lembar[koordinat].quotePrefix)

    def test_summary_per_sasaran_and_overall(self):
        """Ringkasan: sasaran capaian and kategori, then each PK's overall row in bold."""
        lembar = self.buku["Ringkasan"]
        self.assertEqual(lembar.freeze_panes, "A2")
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "KPU (lembaga)",
                1,
                "Meningkatnya akuntabilitas",
                3,
                3,
                2,
                0,
                1,
                0,
                101.75,
                "Sangat Baik",
            ],
        )
        keseluruhan = nilai_baris(lembar, 3)
        self.assertEqual(
            keseluruhan,
            [
                "KPU (lembaga)",
                None,
                "Capaian keseluruhan (rata-rata 3 indikator)",
                3,
                3,
                2,
                0,
                1,
                0,
                101.75,
                "Sangat Baik",
            ],
        )
        self.assertTrue(lembar["C3"].font.b)
        self.assertEqual(lembar["J3"].number_format, FORMAT_PERSEN)
        self.assertEqual(
            nilai_baris(lembar, 5)[:3],
            ["Sekretariat", None, "Capaian keseluruhan (rata-rata 2 indikator)"],
        )

    def test_no_pk_raises(self):
        """A satker-year without PK raises TidakAdaPK with an Indonesian message."""
        with self.assertRaisesMessage(
            ekspor.TidakAdaPK, "belum memiliki Perjanjian Kinerja tahun 2024"
        ):
            ekspor.capaian_xlsx(self.s["lampura"], 2024)


class RekapProvinsiXlsxTests(EksporTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.isi = ekspor.rekap_provinsi_xlsx(cls.s["lampung"], 2023)

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
        self.assertEqual(lembar["E5"].value, ekspor.STATUS_BELUM_DIBUAT)
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
        buku = buka(ekspor.rekap_provinsi_xlsx(self.s["bengkulu"], 2023))
        lembar = buku["Ringkasan"]
        self.assertEqual(
            nilai_baris(lembar, 2),
            [
                "17.01",
                "KPU Kabupaten Bengkulu Selatan",
                ekspor.BELUM_ADA_PK,
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
            ekspor.rekap_provinsi_xlsx(self.s["bengkulu"], 2023)
        with self.assertNumQueries(len(satu.captured_queries)):
            ekspor.rekap_provinsi_xlsx(self.s["lampung"], 2023)


class EksporCapaianViewTests(EksporTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = buat_user("operator.lampura", cls.s["lampura"], Peran.OPERATOR)
        cls.pimpinan = buat_user("pimpinan.lampura", cls.s["lampura"], Peran.PIMPINAN)
        cls.orang_luar = buat_user("operator.rejang", cls.s["rejang"], Peran.OPERATOR)
        cls.url = reverse("ekspor_capaian", args=["18.03", 2023])

    def unduh(self, user, url=None):
        self.client.force_login(user)
        return self.client.get(url or self.url)

    def test_url(self):
        """The download sits under the satker-year."""
        self.assertEqual(self.url, "/satker/18.03/2023/capaian.xlsx")

    def test_operator_downloads_workbook(self):
        """The operator gets an xlsx attachment named after satker and year."""
        r = self.unduh(self.operator)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], ekspor.XLSX_MIME)
        self.assertEqual(r["Content-Disposition"], 'attachment; filename="capaian-18.03-2023.xlsx"')
        self.assertEqual(buka(r.content)["Capaian"]["E2"].value, "Persentase laporan tepat waktu")

    def test_read_only_role_downloads(self):
        """A pimpinan (read-only) may download."""
        self.assertEqual(self.unduh(self.pimpinan).status_code, 200)

    def test_outsider_gets_404(self):
        """Another satker's user gets 404, as for every object of a satker they may not see."""
        self.assertEqual(self.unduh(self.orang_luar).status_code, 404)

    def test_year_without_pk_is_404(self):
        """A year without PK is a 404."""
        url = reverse("ekspor_capaian", args=["18.03", 2024])
        self.assertEqual(self.unduh(self.operator, url).status_code, 404)

    def test_anonymous_sent_to_login(self):
        """Anonymous visitors are sent to the login page."""
        r = self.client.get(self.url)
        self.assertRedirects(r, f"{reverse('login')}?next={self.url}")

    def test_pk_page_offers_download(self):
        """The PK page links to the satker-year workbook."""
        r = self.unduh(self.operator, reverse("pk_detail", args=[self.pk_sekretariat.id]))
        self.assertContains(r, f'href="{self.url}"')
        self.assertContains(r, "Unduh tabel capaian (Excel)")


class RekapProvinsiViewTests(EksporTestCase):
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


class EksporCapaianCommandTests(EksporTestCase):
    def test_writes_workbook(self):
        """The command writes the same workbook to --output."""
        with tempfile.TemporaryDirectory() as folder:
            keluaran = Path(folder) / "capaian.xlsx"
            call_command(
                "ekspor_capaian", satker="18.03", tahun=2023, output=keluaran, stdout=io.StringIO()
            )
            buku = openpyxl.load_workbook(keluaran)
        self.assertEqual(nilai_baris(buku["Capaian"], 1), JUDUL_CAPAIAN)
        self.assertEqual(buku["Capaian"]["M2"].value, 105.26)

    def test_unknown_satker(self):
        """An unknown satker code is a CommandError in Indonesian."""
        with self.assertRaisesMessage(CommandError, "Satker dengan kode 99.99 tidak ada"):
            call_command("ekspor_capaian", satker="99.99", tahun=2023, output=Path("x.xlsx"))

    def test_no_pk(self):
        """A satker-year without PK is a CommandError in Indonesian."""
        with self.assertRaisesMessage(CommandError, "belum memiliki Perjanjian Kinerja"):
            call_command("ekspor_capaian", satker="18.03", tahun=2024, output=Path("x.xlsx"))
