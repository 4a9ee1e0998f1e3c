"""What a report is made of (laporan/pengumpul.py gathers laporan/data.py): one PK or, in a
combined report, all of them, each numbering its own sasaran; and the one budget total."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase

from anggaran.models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RoAnggaran
from kinerja.models import AnggaranPK, Indikator, ItemPK, PerjanjianKinerja, Realisasi, Sasaran
from kinerja.tests.helpers import buat_pk, buat_satker
from laporan.models import Laporan, StatusLaporan
from laporan.pengumpul import kumpulkan
from laporan.services import laporan_buat
from laporan.tests.helpers import tetapkan_status
from satker.kunci import DataTerkunci, periksa_data_terbuka

D = Decimal


def buat_pk_sekretariat(satker, renstra, tahun=2023):
    """A secretariat PK on Renstra sasaran 4 and 5 (numbered 1 and 2 in the PK)."""
    pk = PerjanjianKinerja.objects.create(
        satker=satker, tahun=tahun, jenis="sekretariat", renstra=renstra
    )
    for urutan, nomor in enumerate((4, 5), start=1):
        sasaran = Sasaran.objects.create(
            renstra=renstra, nomor=nomor, teks=f"Sasaran sekre {nomor}"
        )
        ind = Indikator.objects.create(
            sasaran=sasaran, kode=f"{nomor}.1", nama=f"Persentase layanan {nomor}", satuan="%"
        )
        item = ItemPK.objects.create(pk_induk=pk, urutan=urutan, indikator=ind, target=100)
        Realisasi.objects.create(item=item, triwulan=4, nilai=D(80 + 10 * urutan))
    return pk


class LaporanGabunganTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        cls.pk, _ = buat_pk(cls.s["lampura"])
        buat_pk_sekretariat(cls.s["lampura"], cls.pk.renstra)
        cls.gabungan = laporan_buat(satker=cls.s["lampura"], tahun=2023, jenis="gabungan")
        cls.sekretariat = laporan_buat(satker=cls.s["lampura"], tahun=2023, jenis="sekretariat")

    def test_combined_report_holds_both_pks_commission_first(self):
        """A combined report gathers the satker-year's PKs, the commission's first."""
        data = kumpulkan(self.gabungan)
        self.assertTrue(data.gabungan)
        self.assertEqual([p.jenis for p in data.pk_list], ["lembaga", "sekretariat"])
        self.assertEqual(data.jumlah_indikator, 5)
        self.assertEqual(data.nama_pemilik, "KPU Kabupaten Lampung Utara")

    def test_each_pk_numbers_its_sasaran_from_one(self):
        """The secretariat's sasaran are 1 and 2 in its PK, keyed by their Renstra numbers."""
        data = kumpulkan(self.gabungan)
        sekretariat = data.pk_list[1].sasaran
        self.assertEqual([s.nomor for s in sekretariat], [1, 2])
        self.assertEqual([s.kunci for s in sekretariat], ["4", "5"])
        self.assertEqual(sekretariat[0].sebutan, "Sasaran 1 PK Sekretariat")
        self.assertEqual(data.pk_list[0].sasaran[0].sebutan, "Sasaran 1 PK KPU")

    def test_separate_secretariat_report_numbers_from_one_too(self):
        """A secretariat's own report also numbers its sasaran as its PK does (1, 2), not as
        the Renstra does (4, 5)."""
        data = kumpulkan(self.sekretariat)
        self.assertFalse(data.gabungan)
        self.assertEqual(
            [(s.nomor, s.sebutan) for s in data.sasaran], [(1, "Sasaran 1"), (2, "Sasaran 2")]
        )

    def test_overall_capaian_is_the_mean_of_every_indicator(self):
        """The overall capaian of a combined report is the mean over both PKs' indicators."""
        data = kumpulkan(self.gabungan)
        semua = [i.capaian for s in data.sasaran for i in s.indikator]
        self.assertEqual(data.capaian, sum(semua) / len(semua))
        self.assertEqual(data.pk_list[1].capaian, D(95))

    def test_combined_report_locks_both_kinds(self):
        """While a combined report is submitted, the data of either PK is locked."""
        tetapkan_status(Laporan.objects.filter(pk=self.gabungan.pk), status=StatusLaporan.DIAJUKAN)
        for jenis in ("lembaga", "sekretariat"):
            with self.subTest(jenis=jenis), self.assertRaises(DataTerkunci):
                periksa_data_terbuka(self.s["lampura"], 2023, jenis)

    def test_combined_report_needs_two_kinds_of_pk(self):
        """A satker-year with one kind of PK cannot have a combined report."""
        buat_pk(self.s["metro"])
        with self.assertRaisesMessage(ValidationError, "memerlukan Perjanjian Kinerja KPU dan"):
            laporan_buat(satker=self.s["metro"], tahun=2023, jenis="gabungan")


class SatuAnggaranTests(TestCase):
    """Every budget total of a report comes from one source, and the PK's stated pagu is kept
    apart with its difference."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        cls.pk, _ = buat_pk(cls.satker)
        AnggaranPK.objects.create(
            pk_induk=cls.pk, urutan=1, kode="076.01.WA", program="Dukungan", pagu=D(1000)
        )
        cls.laporan = laporan_buat(satker=cls.satker, tahun=2023, jenis="lembaga")

    def _dipa(self, pagu, realisasi, asumsi=False):
        program = ProgramAnggaran.objects.create(
            satker=self.satker, tahun=2023, kode="076.01.WA", nama="Dukungan"
        )
        kegiatan = KegiatanAnggaran.objects.create(
            program=program, kode="3355", nama="Layanan", kode_asumsi=asumsi
        )
        kro = KroAnggaran.objects.create(kegiatan=kegiatan, kode="EBA")
        RoAnggaran.objects.create(
            kro=kro, kode="994", nama="Layanan", pagu=pagu, realisasi=realisasi
        )

    def test_without_dipa_the_pk_pagu_is_the_total(self):
        """Without a DIPA budget the report's total is the PK's programme pagu, no difference."""
        data = kumpulkan(self.laporan)
        self.assertFalse(data.anggaran_dipa)
        self.assertEqual(data.total_pagu, D(1000))
        self.assertIsNone(data.selisih_pagu_pk)

    def test_dipa_is_the_total_and_the_difference_is_kept(self):
        """With a DIPA budget every total is the DIPA's; the PK's differing pagu is kept with
        the difference, and the sisa is pagu − realisasi of the DIPA."""
        self._dipa(D(1500), D(1200))
        data = kumpulkan(self.laporan)
        self.assertEqual((data.total_pagu, data.total_pagu_pk), (D(1500), D(1000)))
        self.assertEqual(data.selisih_pagu_pk, D(500))
        self.assertEqual(data.sisa_anggaran, D(300))

    def test_assumed_codes_not_carried_into_the_report(self):
        """A budget code marked as an assumption reaches the report without its code."""
        self._dipa(D(1000), D(900), asumsi=True)
        data = kumpulkan(self.laporan)
        self.assertEqual(data.anggaran[0].kode, "076.01.WA")
        self.assertEqual(data.anggaran[0].kegiatan[0].kode, "")
        self.assertIsNone(data.selisih_pagu_pk)
