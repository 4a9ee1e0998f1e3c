"""Yes and no read the same on every page and in every import: "ya", "y", "tercapai", "true" and
"1" are yes, "tidak", "t", "0", "tidak tercapai", "false" are no (nilai.baca_ya_tidak), whether
typed on the realisasi page, the PK target form, the history page, or written in a PK or
history workbook."""

from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from kinerja import impor_pk, impor_riwayat
from kinerja.models import Indikator, ItemPK, Realisasi, RiwayatCapaian
from kinerja.services_pk_item import item_ubah_target
from kinerja.services_riwayat import riwayat_simpan
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from kinerja.tests.helpers_realisasi import data_post
from kinerja.tests.test_impor_pk import buku
from kinerja.tests.test_impor_riwayat import buku as buku_riwayat
from satker.models import Peran

YA = ("ya", "Y", "tercapai", "TRUE", "1")
TIDAK = ("tidak", "T", "tidak tercapai", "false", "0")
KATA = [(k, Decimal(1)) for k in YA] + [(k, Decimal(0)) for k in TIDAK]


class YaTidakDiSemuaHalamanTests(TestCase):
    """Persona: the operator of Lampung Utara, whose 2023 PK has a yes/no indicator (1.4)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        cls.pk, items = buat_pk(cls.satker)
        cls.indikator = Indikator.objects.create(
            sasaran=items["persen"].indikator.sasaran,
            kode="1.4",
            nama="SOP ditetapkan",
            satuan="dokumen",
            jenis_nilai="ya_tidak",
        )
        cls.item = ItemPK.objects.create(
            pk_induk=cls.pk, urutan=4, indikator=cls.indikator, target=1
        )
        cls.operator = buat_user("op.lampura", cls.satker, Peran.OPERATOR)

    def test_realisasi_page(self):
        """The quarter form stores each word as 1 or 0."""
        self.client.force_login(self.operator)
        url = reverse("realisasi_simpan", args=[self.pk.id, 3])
        for kata, harapan in KATA:
            with self.subTest(kata=kata):
                data = data_post(self.pk, 3, {self.item.id: {"nilai": kata}})
                respon = self.client.post(url, data)
                self.assertEqual(respon.status_code, 302, kata)
                nilai = Realisasi.objects.get(item=self.item, triwulan=3).nilai
                self.assertEqual(nilai, harapan)

    def test_pk_target_form(self):
        """The PK item's target takes the same words."""
        for kata, harapan in KATA:
            with self.subTest(kata=kata):
                item_ubah_target(item=self.item, target=kata)
                self.item.refresh_from_db()
                self.assertEqual(self.item.target, harapan)

    def test_history_page(self):
        """A history row's target and realisasi take the same words."""
        for kata, harapan in KATA:
            with self.subTest(kata=kata):
                RiwayatCapaian.objects.all().delete()
                r = riwayat_simpan(
                    indikator=self.indikator, tahun=2021, target=kata, realisasi=kata
                )
                self.assertEqual((r.target, r.realisasi), (harapan, harapan))

    def test_pk_workbook(self):
        """A PK workbook's target and realisasi cells take the same words."""
        for kata, harapan in KATA:
            with self.subTest(kata=kata):
                baris = {
                    "Kode Satker": "18.03", "Tahun": 2023, "Jenis PK": "lembaga",
                    "No Sasaran": 1, "Sasaran": self.indikator.sasaran.teks,
                    "Kode Indikator": "1.4", "Indikator": self.indikator.nama,
                    "Satuan": "dokumen", "Jenis Nilai": "ya/tidak", "Target": kata,
                    "Realisasi TW II": kata,
                }  # fmt: skip
                hasil = impor_pk.impor_pk(buku([baris]))
                self.assertTrue(hasil.ok, hasil.galat)
                self.item.refresh_from_db()
                self.assertEqual(self.item.target, harapan)
                nilai = Realisasi.objects.get(item=self.item, triwulan=2).nilai
                self.assertEqual(nilai, harapan)

    def test_history_workbook(self):
        """A history workbook's cells take the same words."""
        for kata, harapan in KATA:
            with self.subTest(kata=kata):
                RiwayatCapaian.objects.all().delete()
                baris = {"Kode Indikator": "1.4", "Tahun": 2021, "Target": kata, "Realisasi": kata}
                hasil = impor_riwayat.impor_riwayat(
                    buku_riwayat([baris]), satker=self.satker, renstra=self.pk.renstra
                )
                self.assertTrue(hasil.diterapkan, hasil.galat)
                r = RiwayatCapaian.objects.get(indikator=self.indikator, tahun=2021)
                self.assertEqual((r.target, r.realisasi), (harapan, harapan))
