"""The satker-year capaian policy: carried over, picked, or the satker's own scale."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from kinerja import services
from kinerja.models import KebijakanCapaian, SkalaKategori
from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user


class KebijakanServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        cls.pk, _ = buat_pk(cls.s["lampura"])  # creates the 2023 policy with the test scale

    def test_missing_policy_carries_over_previous_year(self):
        """A 2024 policy starts as a copy of 2023's."""
        lama = KebijakanCapaian.objects.get(satker=self.s["lampura"], tahun=2023)
        lama.batas_rerata = "120"
        lama.save()
        baru = services.kebijakan_pastikan(satker=self.s["lampura"], tahun=2024)
        self.assertEqual((baru.skala_kategori, baru.batas_rerata), (lama.skala_kategori, "120"))

    def test_first_policy_uses_a_preset(self):
        """A satker with no policy at all gets the first preset scale, uncapped."""
        baru = services.kebijakan_pastikan(satker=self.s["metro"], tahun=2024)
        self.assertTrue(baru.skala_kategori.preset)
        self.assertEqual(baru.batas_rerata, "tanpa")

    def test_own_scale_with_gap_at_zero_refused(self):
        """An own scale whose lowest band is not 0 is refused, nothing saved."""
        with self.assertRaisesMessage(ValidationError, "mulai dari 0"):
            services.skala_sendiri_simpan(
                satker=self.s["lampura"],
                tahun=2023,
                pita=[("Baik", Decimal("80")), ("Kurang", Decimal("50"))],
                batas_rerata="tanpa",
            )
        self.assertFalse(SkalaKategori.objects.filter(pemilik=self.s["lampura"]).exists())

    def test_own_scale_becomes_the_years_scale(self):
        """Saving an own scale selects it for that year only."""
        kebijakan = services.skala_sendiri_simpan(
            satker=self.s["lampura"],
            tahun=2023,
            pita=[("Berhasil", Decimal("80")), ("Belum berhasil", Decimal("0"))],
            batas_rerata="100",
        )
        self.assertEqual(kebijakan.skala_kategori.pemilik, self.s["lampura"])
        self.assertEqual(kebijakan.skala_kategori.kategori(Decimal("79.995")), "Berhasil")

    def test_another_satkers_scale_cannot_be_picked(self):
        """A scale owned by another satker is refused."""
        milik_metro = SkalaKategori.objects.create(nama="Skala Metro", pemilik=self.s["metro"])
        with self.assertRaises(ValidationError):
            services.kebijakan_ubah(
                satker=self.s["lampura"],
                tahun=2023,
                skala_kategori=milik_metro,
                batas_rerata="tanpa",
            )


class KebijakanViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        buat_pk(cls.s["lampura"])
        cls.operator = buat_user("op", cls.s["lampura"], Peran.OPERATOR)
        cls.pimpinan = buat_user("pim", cls.s["lampura"], Peran.PIMPINAN)
        cls.reviewer_lain = buat_user("rev", cls.s["bengkulu"], Peran.REVIEWER)
        cls.url = reverse("kebijakan_capaian", args=["18.03", 2023])
        cls.url_pita = reverse("kebijakan_pita", args=["18.03", 2023])

    def test_page_shows_bands_with_ranges(self):
        """The current scale is shown with each band's range."""
        self.client.force_login(self.pimpinan)
        r = self.client.get(self.url)
        self.assertContains(r, "≥ 91,00 %")
        self.assertContains(r, "76,00 % s.d. &lt; 91,00 %")
        self.assertNotContains(r, "Simpan pilihan")

    def test_pimpinan_cannot_change_policy(self):
        """Read-only roles get 403 on the policy actions."""
        self.client.force_login(self.pimpinan)
        r = self.client.post(
            self.url_pita, {"label_0": "A", "batas_0": "0", "batas_rerata": "tanpa"}
        )
        self.assertEqual(r.status_code, 403)

    def test_outsider_gets_404(self):
        """A reviewer of another province cannot see the policy."""
        self.client.force_login(self.reviewer_lain)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_band_in_text_refused_with_message(self):
        """A band bound typed as text is refused with its row, nothing changes."""
        self.client.force_login(self.operator)
        r = self.client.post(
            self.url_pita,
            {"label_0": "Baik", "batas_0": "delapan puluh", "label_1": "Kurang", "batas_1": "0",
             "batas_rerata": "tanpa"},
        )  # fmt: skip
        self.assertContains(r, "Pita 1", status_code=400)
        self.assertFalse(SkalaKategori.objects.filter(pemilik=self.s["lampura"]).exists())

    def test_operator_saves_own_scale(self):
        """Bands typed with decimal commas become the year's scale."""
        self.client.force_login(self.operator)
        r = self.client.post(
            self.url_pita,
            {"label_0": "Baik", "batas_0": "80,5", "label_1": "Kurang", "batas_1": "0",
             "batas_rerata": "100"},
        )  # fmt: skip
        self.assertRedirects(r, self.url)
        kebijakan = KebijakanCapaian.objects.get(satker=self.s["lampura"], tahun=2023)
        self.assertEqual(kebijakan.batas_rerata, "100")
        self.assertEqual(
            [p.batas_bawah for p in kebijakan.skala_kategori.pita.order_by("-batas_bawah")],
            [Decimal("80.5"), Decimal("0")],
        )
