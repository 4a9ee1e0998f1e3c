"""Budget writes (anggaran/services.py): codes checked, parents made and pruned, the lock."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase

from anggaran import services
from anggaran.models import KegiatanAnggaran, ProgramAnggaran, RevisiDipa, RoAnggaran
from anggaran.pohon import BarisRO
from kinerja.tests.helpers import buat_pk, buat_satker
from satker.kunci import DataTerkunci
from satker.tests.helpers import kunci_uji


def baris(**kolom) -> BarisRO:
    nilai = {
        "program": "076.01.CQ", "kegiatan": "6709", "kro": "QGE", "ro": "001",
        "nama": "Perencanaan dan Penganggaran Pemilu", "pagu": Decimal("794992000"),
        "realisasi": Decimal("787329286"), "nama_program": "Penyelenggaraan Pemilu",
        "nama_kegiatan": "Perencanaan Program dan Anggaran",
    }  # fmt: skip
    nilai.update(kolom)
    return BarisRO(**nilai)


class RoSimpanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        buat_pk(cls.satker)

    def simpan(self, **kolom):
        return services.ro_simpan(satker=self.satker, tahun=2023, baris=baris(**kolom))

    def test_creates_parents_once(self):
        self.simpan()
        self.simpan(ro="003", nama="Pelatihan Teknis", pagu=Decimal(36235000), realisasi=None)
        self.assertEqual(ProgramAnggaran.objects.count(), 1)
        self.assertEqual(KegiatanAnggaran.objects.get().nama, "Perencanaan Program dan Anggaran")
        pohon = services.pohon_satker(self.satker, 2023)
        self.assertEqual(pohon.cari("076.01.CQ", "6709").pagu, Decimal("831227000"))

    def test_bad_codes_refused_with_the_expected_form(self):
        for kolom, pesan in [({"ro": ""}, "contoh: 001"), ({"kro": "QG"}, "contoh: QGE"),
                             ({"kegiatan": "CQ.6709"}, "contoh: 6639"),
                             ({"program": "CQ"}, "contoh: 076.01.CQ")]:  # fmt: skip
            with self.subTest(**kolom), self.assertRaisesMessage(ValidationError, pesan):
                self.simpan(**kolom)
        self.assertFalse(ProgramAnggaran.objects.exists())

    def test_negative_amounts_and_duplicates_refused(self):
        with self.assertRaisesMessage(ValidationError, "tidak boleh negatif"):
            self.simpan(pagu=Decimal(-1))
        self.simpan()
        with self.assertRaisesMessage(ValidationError, "sudah ada di kegiatan 6709"):
            self.simpan(nama="lagi")

    def test_codes_normalised(self):
        ro = self.simpan(kro="qge ", ro=" 001")
        self.assertEqual((ro.kro.kode, ro.kode), ("QGE", "001"))

    def test_deleting_the_last_ro_prunes_its_parents(self):
        ro = self.simpan()
        services.ro_hapus(ro=ro)
        self.assertFalse(ProgramAnggaran.objects.exists())
        self.assertFalse(RoAnggaran.objects.exists())

    def test_locked_report_blocks_budget_changes(self):
        pesan = kunci_uji(self.satker, 2023)
        with self.assertRaisesMessage(DataTerkunci, pesan):
            self.simpan()
        self.assertFalse(RoAnggaran.objects.exists())

    def test_dipa_revisions_numbered(self):
        for tanggal in [date(2023, 3, 1), date(2023, 7, 10)]:
            services.revisi_dipa_tambah(satker=self.satker, tahun=2023, tanggal=tanggal)
        self.assertEqual(
            list(RevisiDipa.objects.values_list("nomor", flat=True).order_by("nomor")), [1, 2]
        )

    def test_new_parent_needs_a_name(self):
        with self.assertRaisesMessage(
            ValidationError, "Nama kegiatan 6710 wajib diisi (kode baru)"
        ):
            self.simpan(kegiatan="6710", nama_kegiatan="")
