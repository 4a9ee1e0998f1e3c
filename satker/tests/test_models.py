"""Satker hierarchy rules, memberships and who sees which satker."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms import modelform_factory
from django.test import TestCase

from satker.akses import satker_terlihat
from satker.models import Keanggotaan, Peran, Satker, Tingkat


class SatkerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ri = Satker.objects.create(kode="00", nama="KPU RI", tingkat=Tingkat.RI)
        cls.lampung = Satker.objects.create(
            kode="18", nama="KPU Provinsi Lampung", tingkat=Tingkat.PROVINSI, induk=cls.ri
        )
        cls.bengkulu = Satker.objects.create(
            kode="17", nama="KPU Provinsi Bengkulu", tingkat=Tingkat.PROVINSI, induk=cls.ri
        )
        cls.lampura = Satker.objects.create(
            kode="18.03", nama="KPU Kabupaten Lampung Utara", tingkat=Tingkat.KABKOTA,
            induk=cls.lampung,
        )  # fmt: skip
        cls.rejang = Satker.objects.create(
            kode="17.02", nama="KPU Kabupaten Rejang Lebong", tingkat=Tingkat.KABKOTA,
            induk=cls.bengkulu,
        )  # fmt: skip

    def user(self, username, satker, peran, **extra):
        user = get_user_model().objects.create_user(username, password="x", **extra)
        if satker:
            Keanggotaan.objects.create(user=user, satker=satker, peran=peran)
        return user

    def test_only_ri_has_no_parent_in_database(self):
        """The database refuses a province without a parent."""
        with self.assertRaises(IntegrityError):
            Satker.objects.create(kode="19", nama="KPU Provinsi X", tingkat=Tingkat.PROVINSI)

    def test_kabkota_code_must_start_with_province_code(self):
        """A Kab/Kota coded 17.05 cannot sit under Lampung (18)."""
        satker = Satker(kode="17.05", nama="X", tingkat=Tingkat.KABKOTA, induk=self.lampung)
        with self.assertRaisesMessage(ValidationError, "diawali kode provinsinya"):
            satker.full_clean()

    def test_kabkota_parent_must_be_a_province(self):
        """A Kab/Kota directly under KPU RI is refused."""
        satker = Satker(kode="18.99", nama="X", tingkat=Tingkat.KABKOTA, induk=self.ri)
        with self.assertRaisesMessage(ValidationError, "KPU Provinsi"):
            satker.full_clean()

    def test_malformed_code_refused(self):
        """Codes follow the Kemendagri pattern (18, 18.03, 00)."""
        satker = Satker(kode="18-03", nama="X", tingkat=Tingkat.KABKOTA, induk=self.lampung)
        with self.assertRaisesMessage(ValidationError, "Kode wilayah"):
            satker.full_clean()

    def test_valid_kabkota_passes(self):
        """A well-formed Kab/Kota under its province validates."""
        Satker(kode="18.99", nama="X", tingkat=Tingkat.KABKOTA, induk=self.lampung).full_clean()

    def test_province_of_kabkota(self):
        """A Kab/Kota's province is its parent; a province is its own."""
        self.assertEqual(self.lampura.provinsi, self.lampung)
        self.assertEqual(self.lampung.provinsi, self.lampung)
        self.assertIsNone(self.ri.provinsi)

    def test_reviewer_must_belong_to_a_province(self):
        """A reviewer membership at a Kab/Kota is refused."""
        user = get_user_model().objects.create_user("r", password="x")
        anggota = Keanggotaan(user=user, satker=self.lampura, peran=Peran.REVIEWER)
        with self.assertRaisesMessage(ValidationError, "KPU Provinsi"):
            anggota.full_clean()

    def test_admin_must_belong_to_ri(self):
        """An admin membership outside KPU RI is refused."""
        user = get_user_model().objects.create_user("a", password="x")
        anggota = Keanggotaan(user=user, satker=self.lampung, peran=Peran.ADMIN)
        with self.assertRaisesMessage(ValidationError, "KPU RI"):
            anggota.full_clean()

    def test_member_nip_validated_by_full_clean(self):
        """A member's NIP "12345" fails full_clean with the NIP message on the nip field."""
        user = get_user_model().objects.create_user("n", password="x")
        anggota = Keanggotaan(user=user, satker=self.lampura, peran=Peran.OPERATOR, nip="12345")
        with self.assertRaises(ValidationError) as ctx:
            anggota.full_clean()
        self.assertIn("NIP '12345' tidak valid", ctx.exception.message_dict["nip"][0])

    def test_member_nip_stored_as_printed(self):
        """full_clean stores a NIP typed without spaces in its printed form; empty is allowed."""
        user = get_user_model().objects.create_user("n", password="x")
        anggota = Keanggotaan(
            user=user, satker=self.lampura, peran=Peran.OPERATOR, nip="198811282007011002"
        )
        anggota.full_clean()
        self.assertEqual(anggota.nip, "19881128 200701 1 002")
        anggota.nip = "  "
        anggota.full_clean()
        self.assertEqual(anggota.nip, "")

    def test_member_form_refuses_a_wrong_nip(self):
        """A model form of memberships (as the admin builds) checks the NIP the same way."""
        user = get_user_model().objects.create_user("n", password="x")
        form_class = modelform_factory(Keanggotaan, fields=["user", "satker", "peran", "nip"])
        form = form_class(
            data={"user": user.pk, "satker": self.lampura.pk, "peran": "operator", "nip": "1988"}
        )
        self.assertFalse(form.is_valid())
        self.assertIn("NIP '1988' tidak valid", form.errors["nip"][0])

    def test_operator_sees_only_own_satker(self):
        """An operator's visible satker is their own."""
        user = self.user("op", self.lampura, Peran.OPERATOR)
        self.assertEqual(list(satker_terlihat(user)), [self.lampura])

    def test_reviewer_sees_province_and_kabkota_below(self):
        """A Lampung reviewer sees Lampung and its Kab/Kota, not Bengkulu's."""
        user = self.user("rev", self.lampung, Peran.REVIEWER)
        self.assertEqual(set(satker_terlihat(user)), {self.lampung, self.lampura})

    def test_admin_sees_all(self):
        """An admin of KPU RI sees every satker."""
        user = self.user("adm", self.ri, Peran.ADMIN)
        self.assertEqual(satker_terlihat(user).count(), 5)

    def test_user_without_membership_sees_nothing(self):
        """A logged-in user without a satker sees nothing."""
        user = self.user("lost", None, None)
        self.assertFalse(satker_terlihat(user).exists())

    def test_superuser_sees_all(self):
        """A Django superuser sees every satker even without membership."""
        user = self.user("root", None, None, is_superuser=True)
        self.assertEqual(satker_terlihat(user).count(), 5)
