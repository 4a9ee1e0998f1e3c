from decimal import Decimal

from django.test import TestCase

from kinerja.models import KebijakanCapaian, PerjanjianKinerja
from kinerja.pengukuran import tabel_pengukuran
from nilai import bulatkan

from .helpers import buat_pk, buat_satker


class TabelPengukuranTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()
        cls.pk, cls.items = buat_pk(cls.satker["lampura"])

    def tabel(self):
        pk = PerjanjianKinerja.objects.dengan_item().get(pk=self.pk.pk)
        kebijakan = KebijakanCapaian.objects.get(satker=pk.satker, tahun=pk.tahun)
        return tabel_pengukuran(pk, kebijakan)

    def test_overall_mean_without_cap(self):
        """(105,26 + 80 + 120) / 3 = 101,75 with no cap."""
        self.assertEqual(bulatkan(self.tabel().capaian), Decimal("101.75"))

    def test_overall_mean_with_cap_100(self):
        """With the 100 cap the mean is (100 + 80 + 100) / 3 = 93,33."""
        KebijakanCapaian.objects.filter(satker=self.pk.satker).update(batas_rerata="100")
        self.assertEqual(bulatkan(self.tabel().capaian), Decimal("93.33"))

    def test_category_from_policy_scale(self):
        """93,33 falls in the 'Sangat Baik' band (from 91) of the satker-year's scale."""
        KebijakanCapaian.objects.filter(satker=self.pk.satker).update(batas_rerata="100")
        self.assertEqual(self.tabel().kategori, "Sangat Baik")

    def test_counts_above_at_below(self):
        """Two indicators above target, one below."""
        status = self.tabel().status
        self.assertEqual((status.di_atas, status.sama, status.di_bawah), (2, 0, 1))

    def test_table_needs_no_query_per_row(self):
        """Scoring a prefetched PK issues no further queries."""
        pk = PerjanjianKinerja.objects.dengan_item().get(pk=self.pk.pk)
        kebijakan = (
            KebijakanCapaian.objects.select_related("skala_kategori")
            .prefetch_related("skala_kategori__pita")
            .get(satker=pk.satker, tahun=pk.tahun)
        )
        with self.assertNumQueries(0):
            tabel_pengukuran(pk, kebijakan)
