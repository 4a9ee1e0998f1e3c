"""Excel export of the capaian table of a satker-year: the workbook, its view and the command.
Workbooks are reopened with openpyxl and compared cell by cell. The province recap is tested in
laporan/tests/test_rekap.py."""

import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from kinerja import ekspor
from kinerja.capaian import Aturan
from kinerja.xlsx import FORMAT_PERSEN
from satker.models import Peran
from satker.tests.helpers import kunci_uji

from .helpers import INDIKATOR_RUMUS, SASARAN_RUMUS, buat_data_ekspor, buat_user, buka, nilai_baris

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


class EksporTestCase(TestCase):
    """The export data (helpers.buat_data_ekspor), with Lampung Utara's lembaga data locked as
    a submitted report locks it: downloading never depends on the lock."""

    @classmethod
    def setUpTestData(cls):
        cls.s, cls.pk_lembaga, cls.pk_sekretariat = buat_data_ekspor()
        kunci_uji(cls.s["lampura"], 2023, "lembaga")


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
