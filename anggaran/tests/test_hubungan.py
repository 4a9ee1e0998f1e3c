"""Linking ROs to the PK indicators they serve (anggaran/services.hubungan_simpan)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from anggaran import services
from anggaran.pohon import BarisRO
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran


def ro(kode):
    return BarisRO(
        "076.01.WA", "3355", "EBA", kode, f"RO {kode}", Decimal(100), Decimal(50),
        nama_program="Program Dukungan Manajemen", nama_kegiatan="Pengelolaan Keuangan",
    )  # fmt: skip


class HubunganTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker, cls.lain = s["lampura"], s["metro"]
        buat_pk(cls.satker)
        cls.ro = [services.ro_simpan(satker=cls.satker, tahun=2023, baris=ro(k))
                  for k in ("994", "995")]  # fmt: skip
        cls.items = list(services.item_pk_tahun(cls.satker, 2023))
        cls.operator = buat_user("op.a", cls.satker, Peran.OPERATOR)
        cls.pimpinan = buat_user("pim.a", cls.satker, Peran.PIMPINAN)

    def test_links_replace_the_previous_ones(self):
        a, b = self.ro
        item = self.items[0]
        services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [a.id, b.id]})
        services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [b.id]})
        self.assertEqual(list(item.ro_anggaran.all()), [b])

    def test_foreign_ids_refused_and_nothing_changes(self):
        a, _ = self.ro
        item = self.items[0]
        services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [a.id]})
        with self.assertRaisesMessage(ValidationError, "tidak dikenal"):
            services.hubungan_simpan(satker=self.lain, tahun=2023, pilihan={item.id: [a.id]})
        with self.assertRaisesMessage(ValidationError, "tidak dikenal"):
            services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [999999]})
        self.assertEqual(list(item.ro_anggaran.all()), [a])

    def test_sasaran_budget_counts_each_ro_once_and_marks_shared_ros(self):
        """A RO serving two indicators of one sasaran counts once; a RO also serving another
        sasaran counts in full for both, which are marked as sharing it."""
        a, b = self.ro
        x, y, z = self.items
        a.item_pk.set([x, y])
        b.item_pk.set([y, z])
        satu = services.anggaran_per_sasaran({1: [x.id, y.id]})[1]
        self.assertEqual((satu.pagu, satu.realisasi, satu.bersama), (200, 100, False))
        dua = services.anggaran_per_sasaran({1: [x.id], 2: [z.id]})
        self.assertEqual((dua[1].pagu, dua[1].bersama), (100, False))
        dua = services.anggaran_per_sasaran({1: [x.id], 2: [y.id]})
        self.assertEqual((dua[1].pagu, dua[2].pagu), (100, 200))
        self.assertTrue(dua[1].bersama and dua[2].bersama)

    def test_page_saves_for_editors_and_refuses_read_only(self):
        url = reverse("anggaran_hubungan", args=[self.satker.kode, 2023])
        a, _ = self.ro
        self.client.force_login(self.pimpinan)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.post(url, {f"ro-{self.items[1].id}": a.id}).status_code, 403)
        self.client.force_login(self.operator)
        respon = self.client.post(url, {f"ro-{self.items[1].id}": a.id}, follow=True)
        self.assertContains(respon, "1 hubungan RO dan indikator tersimpan.")
        self.assertEqual(list(self.items[1].ro_anggaran.all()), [a])

    def test_page_lists_chosen_ros_and_the_sasaran_budget(self):
        """Each indicator lists its ROs with the boxes ticked; the sasaran row shows the budget
        its indicators' ROs give it."""
        a, b = self.ro
        item = self.items[0]
        services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [b.id]})
        self.client.force_login(self.operator)
        respon = self.client.get(reverse("anggaran_hubungan", args=[self.satker.kode, 2023]))
        self.assertContains(respon, "3355 · EBA.995</span> RO 995", count=1)
        self.assertContains(respon, f'value="{b.id}" id="ro-{item.id}-{b.id}" checked', html=False)
        self.assertNotContains(respon, f'id="ro-{item.id}-{a.id}" checked')
        self.assertContains(respon, "Anggaran RO penunjang: pagu Rp 100 · realisasi Rp 50")

    def test_realisasi_page_shows_the_sasaran_budget(self):
        """The quarter page shows, under the sasaran, its linked ROs' absorption and the
        efficiency index."""
        a, b = self.ro
        item = self.items[0]
        services.hubungan_simpan(satker=self.satker, tahun=2023, pilihan={item.id: [a.id, b.id]})
        self.client.force_login(self.operator)
        respon = self.client.get(reverse("realisasi_triwulan", args=[item.pk_induk_id, 4]))
        self.assertContains(respon, "Anggaran RO penunjang: realisasi Rp 100 dari pagu Rp 200")
        self.assertContains(respon, "penyerapan 50,00 %")
        self.assertContains(respon, "indeks efisiensi")
