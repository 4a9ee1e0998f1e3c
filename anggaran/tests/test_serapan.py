"""Rule 11, the absorption of a budget (anggaran/serapan.py), without the database."""

from decimal import Decimal as D

from django.test import SimpleTestCase

from anggaran import serapan
from nilai import AngkaTidakValid, bulatkan


class AnggaranTests(SimpleTestCase):
    def test_penyerapan(self):
        """Rule 11: 22.119.333.071 of 26.030.287.000 is 84,98 %."""
        hasil = serapan.penyerapan(D(22119333071), D(26030287000))
        self.assertEqual(bulatkan(hasil), D("84.98"))

    def test_penyerapan_and_sisa_unknown_without_realisasi(self):
        """No realisasi yet: neither absorption nor remainder is known (not 0 %, not the pagu)."""
        self.assertIsNone(serapan.penyerapan(None, D(100)))
        self.assertIsNone(serapan.sisa(D(100), None))

    def test_penyerapan_pagu_zero(self):
        """Rule 11: with pagu 0 there is no penyerapan."""
        self.assertIsNone(serapan.penyerapan(D(0), D(0)))

    def test_penyerapan_overspent(self):
        """Rule 11: spending above pagu is shown above 100 (2.536.537.942 of 2.526.500.000)."""
        hasil = serapan.penyerapan(D(2536537942), D(2526500000))
        self.assertEqual(bulatkan(hasil), D("100.40"))

    def test_penyerapan_negative_refused(self):
        """Rule 11: a negative pagu is refused."""
        with self.assertRaises(AngkaTidakValid):
            serapan.penyerapan(D(1), D(-1))

    def test_sisa(self):
        """Rule 11: sisa = pagu − realisasi (20.415.736.000 − 20.326.861.888 = 88.874.112)."""
        self.assertEqual(serapan.sisa(D(20415736000), D(20326861888)), D(88874112))

    def test_sisa_negative_when_overspent(self):
        """Rule 11: sisa is negative when spending exceeds pagu."""
        self.assertEqual(serapan.sisa(D(2526500000), D(2536537942)), D(-10037942))

    def test_jumlah(self):
        """Rule 11: a parent is the sum of its children (seed 003 CQ.6872 ROs: 2.417.843.500)."""
        hasil = serapan.jumlah([D(28921500), D(2383037000), D(5885000)])
        self.assertEqual(hasil, D(2417843500))

    def test_jumlah_empty(self):
        """Rule 11: a parent without children sums to 0."""
        self.assertEqual(serapan.jumlah([]), D(0))

    def test_jumlah_negative_refused(self):
        """Rule 11: a negative child amount is refused."""
        with self.assertRaises(AngkaTidakValid):
            serapan.jumlah([D(1), D(-1)])

    def test_indeks_efisiensi(self):
        """Rule 11: capaian 100 against penyerapan 84,98 gives an index above 1 (1,1767)."""
        hasil = serapan.indeks_efisiensi(D(100), D("84.98"))
        self.assertEqual(bulatkan(hasil, 4), D("1.1767"))

    def test_indeks_efisiensi_missing(self):
        """Rule 11: no index when either side is missing or nothing was spent."""
        for c, p in ((None, D(50)), (D(50), None), (D(50), D(0))):
            with self.subTest(capaian=c, penyerapan=p):
                self.assertIsNone(serapan.indeks_efisiensi(c, p))
