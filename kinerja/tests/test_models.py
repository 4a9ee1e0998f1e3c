from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from kinerja.models import AnggaranPK, ItemPK, PerjanjianKinerja, Realisasi, TargetTriwulan

from .helpers import buat_pk, buat_satker


class ConstraintTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()
        cls.pk, cls.items = buat_pk(cls.satker["lampura"])

    def test_one_realisasi_per_item_and_quarter(self):
        """The database refuses a second realisasi for the same item and quarter."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            Realisasi.objects.create(item=self.items["persen"], triwulan=4, nilai=Decimal("90"))

    def test_quarter_outside_one_to_four_refused(self):
        """Triwulan 5 is refused by the database, not only by forms."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            Realisasi.objects.create(item=self.items["persen"], triwulan=5, nilai=Decimal("90"))

    def test_realisasi_without_value_refused(self):
        """A realisasi row must hold a number or a grade."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            Realisasi.objects.create(item=self.items["persen"], triwulan=1)

    def test_one_pk_per_satker_year_kind_revision(self):
        """A second PK with the same satker, year, kind and revision is refused."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            PerjanjianKinerja.objects.create(
                satker=self.pk.satker, tahun=2023, jenis="lembaga", renstra=self.pk.renstra
            )

    def test_revision_needs_a_reason(self):
        """Revision 1 without alasan_revisi violates the check constraint."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            PerjanjianKinerja.objects.create(
                satker=self.pk.satker,
                tahun=2023,
                jenis="lembaga",
                revisi=1,
                renstra=self.pk.renstra,
            )

    def test_revision_with_reason_allowed(self):
        """Revision 1 with a reason sits beside revision 0."""
        PerjanjianKinerja.objects.create(
            satker=self.pk.satker,
            tahun=2023,
            jenis="lembaga",
            revisi=1,
            alasan_revisi="Perubahan DIPA",
            renstra=self.pk.renstra,
        )
        self.assertEqual(PerjanjianKinerja.objects.filter(satker=self.pk.satker).count(), 2)

    def test_negative_pagu_refused(self):
        """Budget amounts cannot be negative at the database level."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            AnggaranPK.objects.create(pk_induk=self.pk, program="Dukungan", pagu=Decimal("-1"))

    def test_item_without_target_refused(self):
        """A PK item must carry a target."""
        with self.assertRaises(IntegrityError), transaction.atomic():
            ItemPK.objects.create(pk_induk=self.pk, indikator=self.items["persen"].indikator)


class ValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()
        cls.pk, cls.items = buat_pk(cls.satker["lampura"])

    def test_grade_outside_scale_refused(self):
        """A grade that is not on the indicator's scale fails full_clean with the allowed values."""
        r = Realisasi(item=self.items["akip"], triwulan=3, nilai_predikat="X")
        with self.assertRaises(ValidationError) as ctx:
            r.full_clean()
        self.assertIn("AA", str(ctx.exception))

    def test_number_for_grade_indicator_refused(self):
        """A grade indicator does not accept a number."""
        r = Realisasi(item=self.items["akip"], triwulan=3, nilai=Decimal("80"))
        with self.assertRaises(ValidationError):
            r.full_clean()

    def test_grade_for_number_indicator_refused(self):
        """A numeric indicator does not accept a grade."""
        r = Realisasi(item=self.items["persen"], triwulan=3, nilai_predikat="B")
        with self.assertRaises(ValidationError):
            r.full_clean()

    def test_unit_mismatch_refused(self):
        """Realisasi entered as 'laporan' against a percentage indicator is refused."""
        r = Realisasi(item=self.items["persen"], triwulan=3, nilai=Decimal("2"), satuan="laporan")
        with self.assertRaises(ValidationError) as ctx:
            r.full_clean()
        self.assertIn("satuan", ctx.exception.message_dict)

    def test_negative_realisasi_refused(self):
        """Indicators measure non-negative quantities."""
        r = Realisasi(item=self.items["persen"], triwulan=3, nilai=Decimal("-5"))
        with self.assertRaises(ValidationError):
            r.full_clean()

    def test_item_from_another_renstra_refused(self):
        """A PK item must use an indicator of the Renstra the PK refers to."""
        other_pk, other_items = buat_pk(self.satker["metro"])
        item = ItemPK(pk_induk=self.pk, indikator=other_items["persen"].indikator, target=90)
        with self.assertRaises(ValidationError):
            item.full_clean()

    def test_pk_signer_nip_validated_by_full_clean(self):
        """A PK signer's NIP that is no NIP fails full_clean on its field; a valid one is
        stored as printed."""
        self.pk.pihak_kedua_nip = "19881128 200701 3 002"
        with self.assertRaises(ValidationError) as ctx:
            self.pk.full_clean()
        self.assertIn("angka ke-15 (3)", ctx.exception.message_dict["pihak_kedua_nip"][0])
        self.pk.pihak_kedua_nip = "198811282007011002"
        self.pk.full_clean()
        self.assertEqual(self.pk.pihak_kedua_nip, "19881128 200701 1 002")

    def test_pk_year_outside_renstra_refused(self):
        """A PK for 2026 cannot refer to the 2020–2024 Renstra."""
        pk = PerjanjianKinerja(
            satker=self.pk.satker, tahun=2026, jenis="sekretariat", renstra=self.pk.renstra
        )
        with self.assertRaises(ValidationError) as ctx:
            pk.full_clean()
        self.assertIn("tahun", ctx.exception.message_dict)


class CapaianItemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()
        cls.pk, cls.items = buat_pk(cls.satker["lampura"])

    def test_cumulative_lower_is_better(self):
        """12 revisions (5 + 7) against a target of 10 score 80 % under the selisih formula."""
        hasil = self.items["revisi"].hitung_capaian()
        self.assertEqual(hasil.nilai, Decimal("80"))

    def test_grade_by_rank(self):
        """A against a target of BB on the AKIP scale scores 6/5 = 120 %."""
        self.assertEqual(self.items["akip"].hitung_capaian().nilai, Decimal("120"))

    def test_year_to_date_uses_reported_quarters_only(self):
        """Up to TW II only the 5 revisions of TW II count: (2 − 0.5) × 100 = 150 %."""
        self.assertEqual(self.items["revisi"].hitung_capaian(2).nilai, Decimal("150"))

    def test_quarter_target_used_when_set(self):
        """A quarter's own target replaces the yearly target for that quarter's capaian."""
        TargetTriwulan.objects.create(item=self.items["persen"], triwulan=4, target=Decimal("80"))
        item = ItemPK.objects.get(pk=self.items["persen"].pk)
        self.assertEqual(item.hitung_capaian().nilai, Decimal("125"))
