"""The budget in the report: BAB III.B from the DIPA budget when it is entered, the efficiency
of each sasaran from the ROs linked to its indicators, totals in words."""

from decimal import Decimal

from django.test import TestCase

from anggaran import services
from anggaran.pohon import BarisRO
from kinerja.models import AnggaranPK
from kinerja.tests.helpers import buat_pk, buat_satker
from laporan import dokumen
from laporan.pengumpul import kumpulkan
from laporan.services import laporan_buat


def ro(kegiatan, kode, pagu, realisasi, kro="QGE"):
    return BarisRO(
        program="076.01.WA", kegiatan=kegiatan, kro=kro, ro=kode, nama=f"RO {kode}",
        pagu=Decimal(pagu), realisasi=None if realisasi is None else Decimal(realisasi),
        nama_program="Program Dukungan Manajemen", nama_kegiatan=f"Kegiatan {kegiatan}",
    )  # fmt: skip


class AnggaranLaporanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        cls.pk, _item = buat_pk(cls.satker)
        AnggaranPK.objects.create(
            pk_induk=cls.pk, kode="076.01.WA", program="Program Dukungan Manajemen", pagu=500
        )
        cls.laporan = laporan_buat(satker=cls.satker, tahun=2023, jenis="lembaga")

    def simpan(self, *baris):
        return [services.ro_simpan(satker=self.satker, tahun=2023, baris=b) for b in baris]

    def test_without_dipa_the_pk_programme_pagu_is_printed(self):
        data = kumpulkan(self.laporan)
        self.assertFalse(data.anggaran_dipa)
        self.assertEqual([(a.kode, a.pagu, a.realisasi) for a in data.anggaran],
                         [("076.01.WA", Decimal(500), None)])  # fmt: skip

    def test_dipa_budget_gives_programme_and_kegiatan_sums(self):
        """Two kegiatan under one programme: the programme is their sum, with absorption."""
        self.simpan(
            ro("3355", "001", 2891003000, 2882999625), ro("3360", "994", 154664000, 154102697)
        )
        data = kumpulkan(self.laporan)
        self.assertTrue(data.anggaran_dipa)
        (program,) = data.anggaran
        self.assertEqual(program.pagu, Decimal("3045667000"))
        self.assertEqual(program.realisasi, Decimal("3037102322"))
        self.assertEqual([k.kode for k in program.kegiatan], ["3355", "3360"])
        html = dokumen.html_laporan(data, pratinjau=True)
        self.assertIn("Rp 3.045.667.000", html)
        self.assertIn("tiga miliar empat puluh lima juta enam ratus enam puluh tujuh ribu rupiah",
                      html)  # fmt: skip
        self.assertIn("Kegiatan 3360", html)

    def test_efficiency_from_linked_ros(self):
        """Sasaran 1's indicators are served by two ROs (one linked twice): pagu 300,
        realisasi 240, penyerapan 80 %; the efficiency table is printed."""
        a, b = self.simpan(ro("3355", "001", 100, 90), ro("3355", "002", 200, 150))
        items = list(self.pk.item.all())
        a.item_pk.add(items[0], items[1])
        b.item_pk.add(items[2])
        data = kumpulkan(self.laporan)
        s = data.sasaran[0]
        self.assertEqual((s.pagu, s.realisasi_anggaran), (Decimal(300), Decimal(240)))
        self.assertEqual(s.penyerapan, Decimal(80))
        self.assertEqual(s.indeks_efisiensi, s.capaian / Decimal(80))
        html = dokumen.html_laporan(data, pratinjau=True)
        self.assertIn("Efisiensi penggunaan anggaran per sasaran tahun 2023", html)

    def test_linked_ro_without_realisasi_leaves_absorption_unknown(self):
        (a,) = self.simpan(ro("3355", "001", 100, None))
        a.item_pk.add(self.pk.item.first())
        s = kumpulkan(self.laporan).sasaran[0]
        self.assertEqual(s.pagu, Decimal(100))
        self.assertIsNone(s.penyerapan)
        self.assertIsNone(s.indeks_efisiensi)
