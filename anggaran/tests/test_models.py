"""The budget tables refuse what the database can refuse on its own."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.test import TestCase

from anggaran.models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RoAnggaran
from kinerja.tests.helpers import buat_satker


class RoAnggaranTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        satker = buat_satker()["rejang"]
        program = ProgramAnggaran.objects.create(
            satker=satker, tahun=2024, kode="076.01.CQ", nama="Penyelenggaraan Pemilu"
        )
        cls.kegiatan = KegiatanAnggaran.objects.create(program=program, kode="6709", nama="Renc.")
        cls.kro = KroAnggaran.objects.create(kegiatan=cls.kegiatan, kode="QGE")

    def ro(self, **kolom):
        nilai = {"kro": self.kro, "kode": "001", "nama": "Perencanaan", "pagu": Decimal(100)}
        nilai.update(kolom)
        with transaction.atomic():
            return RoAnggaran.objects.create(**nilai)

    def test_negative_amounts_refused(self):
        for kolom in [{"pagu": Decimal(-1)}, {"realisasi": Decimal(-5)}]:
            with self.subTest(**kolom), self.assertRaises(IntegrityError):
                self.ro(**kolom)

    def test_one_ro_per_code_and_source_under_a_kro(self):
        """The same RO twice from APBN is refused; from hibah it is a second row."""
        self.ro()
        with self.assertRaises(IntegrityError):
            self.ro()
        self.ro(sumber_dana="hibah")
        self.assertEqual(RoAnggaran.objects.count(), 2)

    def test_same_ro_code_under_another_kegiatan(self):
        self.ro()
        lain = KegiatanAnggaran.objects.create(
            program=self.kegiatan.program, kode="6867", nama="Badan Adhoc"
        )
        self.ro(kro=KroAnggaran.objects.create(kegiatan=lain, kode="QGE"))
        self.assertEqual(RoAnggaran.objects.filter(kode="001").count(), 2)
