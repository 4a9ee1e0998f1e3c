"""Which quarters of a PK still miss realisasi, and the PK in force among revisions."""

from datetime import date

from django.test import TestCase

from kinerja.kelengkapan import kelengkapan_pk
from kinerja.models import PerjanjianKinerja

from .helpers import buat_pk, buat_satker


class KelengkapanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()
        cls.pk, cls.items = buat_pk(cls.satker["lampura"])

    def kelengkapan(self, hari_ini):
        pk = PerjanjianKinerja.objects.dengan_item().get(id=self.pk.id)
        return kelengkapan_pk(pk, hari_ini)

    def test_counts_items_with_realisasi_per_quarter(self):
        """TW II has one of three items filled, TW IV all three."""
        k = self.kelengkapan(date(2024, 1, 15))
        self.assertEqual([t.terisi for t in k.triwulan], [0, 1, 0, 3])
        self.assertEqual(k.triwulan_terakhir_terisi, 4)

    def test_ended_quarters_with_gaps_are_listed(self):
        """After the year, TW I–III are reported as missing with their items."""
        k = self.kelengkapan(date(2024, 1, 15))
        self.assertEqual([t.triwulan for t in k.kekurangan], [1, 2, 3])
        self.assertEqual([i.indikator.kode for i in k.kekurangan[1].belum_diisi], ["1.1", "1.3"])

    def test_quarters_not_yet_ended_are_not_missing(self):
        """In May only TW I has ended, so only TW I counts as missing."""
        k = self.kelengkapan(date(2023, 5, 1))
        self.assertEqual([t.triwulan for t in k.kekurangan], [1])

    def test_last_day_of_quarter_has_not_ended(self):
        """On 31 March TW I is still running."""
        k = self.kelengkapan(date(2023, 3, 31))
        self.assertEqual(k.kekurangan, [])

    def test_terkini_keeps_only_latest_revision(self):
        """A revised PK replaces revision 0 in the list of PKs in force."""
        revisi = PerjanjianKinerja.objects.get(id=self.pk.id)
        revisi.pk, revisi.id, revisi.revisi = None, None, 1
        revisi.alasan_revisi = "Perubahan DIPA"
        revisi.save()
        terkini = PerjanjianKinerja.objects.filter(satker=self.satker["lampura"]).terkini()
        self.assertEqual([p.revisi for p in terkini], [1])
