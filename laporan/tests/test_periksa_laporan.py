"""`manage.py periksa_laporan`: the findings of a report, or a province's summary, on the command
line; exit status 1 when a galat exists."""

import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from kinerja.tests.helpers import buat_pk, buat_satker
from laporan.services import laporan_buat
from laporan.tests.helpers import laporan_siap


class PeriksaLaporanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        buat_pk(cls.s["lampura"])
        buat_pk(cls.s["metro"])
        cls.siap = laporan_siap(cls.s["lampura"])  # signed: no galat
        cls.belum = laporan_buat(satker=cls.s["metro"], tahun=2023, jenis="lembaga")  # unsigned

    def jalankan(self, *args):
        keluar = StringIO()
        try:
            call_command("periksa_laporan", *args, stdout=keluar)
        except SystemExit as exc:
            return exc.code, keluar.getvalue()
        return 0, keluar.getvalue()

    def test_report_without_galat_exits_zero(self):
        """A signed report has warnings at most: exit 0, each finding on its own line."""
        kode, keluaran = self.jalankan("--satker", "18.03", "--tahun", "2023")
        self.assertEqual(kode, 0)
        self.assertIn("0 galat", keluaran)

    def test_galat_exits_one_and_json_lists_findings(self):
        """An unsigned report exits 1; the JSON lists kode, tingkat, pesan and lokasi."""
        kode, keluaran = self.jalankan("--satker", "18.72", "--tahun", "2023", "--json")
        self.assertEqual(kode, 1)
        temuan = json.loads(keluaran)
        ttd = next(t for t in temuan if t["kode"] == "TTD_KURANG")
        self.assertEqual(ttd["tingkat"], "galat")
        self.assertEqual(ttd["lokasi"], f"/laporan/{self.belum.id}/ubah/")
        self.assertEqual(set(ttd), {"laporan", "kode", "tingkat", "pesan", "lokasi"})

    def test_province_summary_per_satker(self):
        """--provinsi lists every satker of the province, with counts or "belum ada laporan"."""
        kode, keluaran = self.jalankan("--provinsi", "18", "--tahun", "2023")
        self.assertEqual(kode, 1)
        self.assertIn("18     KPU Provinsi Lampung: belum ada laporan", keluaran)
        self.assertIn("18.03  LKj KPU Kabupaten Lampung Utara 2023: 0 galat", keluaran)
        self.assertIn("18.72  LKj KPU Kota Metro 2023: 1 galat", keluaran)

    def test_unknown_satker_or_no_report_is_a_clear_error(self):
        """A wrong code or a year without a report says so in Indonesian."""
        with self.assertRaisesMessage(CommandError, "Satker dengan kode 99.99 tidak ada."):
            call_command("periksa_laporan", "--satker", "99.99", "--tahun", "2023")
        with self.assertRaisesMessage(CommandError, "belum memiliki Laporan Kinerja tahun 2030"):
            call_command("periksa_laporan", "--satker", "18.03", "--tahun", "2030")
