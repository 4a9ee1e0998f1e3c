from django.test import TestCase
from django.urls import reverse

from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user


class ViewAccessTests(TestCase):
    """Personas: operator of Lampung Utara (A), operator of Rejang Lebong (B), reviewer of
    Lampung (A's province), reviewer of Bengkulu (another province), admin, anonymous."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.pk_a, _ = buat_pk(s["lampura"])
        cls.pk_b, _ = buat_pk(s["rejang"], tahun=2024)
        cls.operator_a = buat_user("operator.a", s["lampura"], Peran.OPERATOR)
        cls.operator_b = buat_user("operator.b", s["rejang"], Peran.OPERATOR)
        cls.reviewer_a = buat_user("reviewer.lampung", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("reviewer.bengkulu", s["bengkulu"], Peran.REVIEWER)
        cls.admin = buat_user("admin", s["ri"], Peran.ADMIN)

    def get(self, user, url):
        if user:
            self.client.force_login(user)
        return self.client.get(url)

    def test_anonymous_redirected_to_login(self):
        """Anonymous visitors are sent to the login page."""
        r = self.get(None, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertRedirects(r, f"{reverse('login')}?next=/pk/{self.pk_a.id}/")

    def test_operator_home_goes_to_own_satker_year(self):
        """An operator lands on their satker's latest year."""
        r = self.get(self.operator_a, reverse("beranda"))
        self.assertRedirects(r, reverse("satker_tahun", args=["18.03", 2023]))

    def test_operator_sees_own_pk_with_capaian(self):
        """The PK page shows the computed capaian and the rule used."""
        r = self.get(self.operator_a, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertContains(r, "105,26 %")
        self.assertContains(r, "80,00 %")
        self.assertContains(r, "120,00 %")

    def test_year_shown_without_thousands_separator(self):
        """Years print as "2023", never in number format ("2.023")."""
        r = self.get(self.operator_a, reverse("satker_tahun", args=["18.03", 2023]))
        self.assertContains(r, "Kinerja tahun 2023")
        self.assertNotContains(r, "2.023")

    def test_satker_without_pk_offers_to_create_one(self):
        """An operator of a satker with no PK is shown the way to create one."""
        metro = self.operator_a.keanggotaan.satker.induk.anak.get(kode="18.72")
        operator = buat_user("operator.metro", metro, Peran.OPERATOR)
        r = self.get(operator, reverse("satker_detail", args=["18.72"]))
        self.assertContains(r, reverse("pk_buat", args=["18.72"]))

    def test_reviewer_not_offered_to_create_pk(self):
        """A reviewer looking at a satker without PK gets no create button."""
        r = self.get(self.reviewer_a, reverse("satker_detail", args=["18.72"]))
        self.assertContains(r, "belum memiliki Perjanjian Kinerja")
        self.assertNotContains(r, reverse("pk_buat", args=["18.72"]))

    def test_malformed_codes_and_years_are_404(self):
        """A NUL byte in a satker code or a year outside four digits is a 404 on any database."""
        for url in ["/satker/%00/", "/satker/18.03x/", "/satker/18.03/99999999999/kebijakan/"]:
            with self.subTest(url=url):
                self.assertEqual(self.get(self.admin, url).status_code, 404)

    def test_operator_gets_404_for_other_satker_pk(self):
        """Another satker's PK is a 404, not a 403, so ids do not leak."""
        r = self.get(self.operator_b, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertEqual(r.status_code, 404)

    def test_operator_gets_404_for_other_satker_page(self):
        """Another satker's year page is a 404."""
        r = self.get(self.operator_b, reverse("satker_tahun", args=["18.03", 2023]))
        self.assertEqual(r.status_code, 404)

    def test_reviewer_sees_satker_in_province(self):
        """The Lampung reviewer reads Lampung Utara's PK."""
        r = self.get(self.reviewer_a, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertEqual(r.status_code, 200)

    def test_reviewer_of_other_province_gets_404(self):
        """The Bengkulu reviewer cannot see Lampung Utara."""
        r = self.get(self.reviewer_lain, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertEqual(r.status_code, 404)

    def test_reviewer_home_lists_only_province(self):
        """The reviewer's home lists the satker of their province that have PKs."""
        r = self.get(self.reviewer_a, reverse("beranda"))
        self.assertContains(r, "KPU Kabupaten Lampung Utara")
        self.assertNotContains(r, "Rejang Lebong")

    def test_admin_sees_everything(self):
        """The admin lists satker of every province."""
        r = self.get(self.admin, reverse("beranda"))
        self.assertContains(r, "Lampung Utara")
        self.assertContains(r, "Rejang Lebong")

    def test_unknown_year_is_404(self):
        """A year without PK gives a 404 with no error page leak."""
        r = self.get(self.operator_a, reverse("satker_tahun", args=["18.03", 2019]))
        self.assertEqual(r.status_code, 404)


class AdminTahunTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.admin = buat_user("admin", s["ri"], Peran.ADMIN)

    def test_admin_lists_years_without_grouping(self):
        """The admin's PK list prints the year as 2023, not 2.023."""
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        self.client.force_login(self.admin)
        r = self.client.get("/admin/kinerja/perjanjiankinerja/")
        self.assertContains(r, "2023")
        self.assertNotContains(r, "2.023")
