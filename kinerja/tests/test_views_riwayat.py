"""The history pages (kinerja/views_riwayat.py): who sees and changes what, the htmx card, plain
form posts, bad input, and the lock by a later report."""

from django.test import TestCase
from django.urls import reverse

from kinerja.models import Indikator, RiwayatCapaian, TargetRenstra
from kinerja.services_riwayat import riwayat_simpan
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran
from satker.tests.helpers import kunci_uji

HTMX = {"HTTP_HX_REQUEST": "true"}


class RiwayatViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = cls.s = buat_satker()
        cls.pk, items = buat_pk(s["lampura"], tahun=2023)
        cls.renstra = cls.pk.renstra
        cls.akip = items["akip"].indikator
        cls.persen = items["persen"].indikator
        TargetRenstra.objects.create(indikator=cls.akip, tahun=2022, target_predikat="B")
        cls.r2021 = riwayat_simpan(
            indikator=cls.akip, tahun=2021, target="B", realisasi="BB", sumber="LKj 2021, Tabel 3"
        )
        cls.operator = buat_user("op.lampura", s["lampura"], Peran.OPERATOR)
        cls.pimpinan = buat_user("pim.lampura", s["lampura"], Peran.PIMPINAN)
        cls.reviewer = buat_user("rev.lampung", s["lampung"], Peran.REVIEWER)
        cls.lain = buat_user("op.metro", s["metro"], Peran.OPERATOR)
        cls.url = reverse("riwayat_renstra", args=["18.03", cls.renstra.id])
        cls.url_tambah = reverse("riwayat_tambah", args=["18.03", cls.renstra.id, cls.akip.id])
        cls.url_ubah = reverse("riwayat_ubah", args=[cls.r2021.id])
        cls.url_hapus = reverse("riwayat_hapus", args=[cls.r2021.id])

    def setUp(self):
        self.client.force_login(self.operator)

    def test_page_lists_pk_indicators_with_renstra_targets_and_history(self):
        """Each PK indicator, its Renstra target, the history row with its computed capaian."""
        respon = self.client.get(self.url)
        self.assertContains(respon, self.persen.nama)
        self.assertContains(respon, "125,00 %")
        self.assertContains(respon, "Peringkat realisasi ÷ peringkat target × 100")
        self.assertContains(respon, "LKj 2021, Tabel 3")
        self.assertContains(respon, 'data-label="Target Renstra"><div class="isi">B</div>')
        self.assertContains(respon, "Dihitung dari")
        self.assertContains(respon, reverse("riwayat_impor", args=["18.03", self.renstra.id]))

    def test_reached_from_the_satker_year_and_pk_pages(self):
        """The satker-year page links to the year's Renstra history; so do the PK pages."""
        halaman = self.client.get(reverse("satker_tahun", args=["18.03", 2023]))
        url_tahun = reverse("riwayat_satker_tahun", args=["18.03", 2023])
        self.assertContains(halaman, url_tahun)
        self.assertRedirects(self.client.get(url_tahun), self.url)
        for nama in ("pk_detail", "pk_susun"):
            with self.subTest(nama=nama):
                self.assertContains(self.client.get(reverse(nama, args=[self.pk.id])), self.url)

    def test_year_without_renstra_is_404(self):
        """A year no Renstra of the satker covers has no history page."""
        url = reverse("riwayat_satker_tahun", args=["18.03", 2031])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_add_year_with_a_plain_post(self):
        """A plain post saves and returns to the indicator's card with the capaian and rule."""
        respon = self.client.post(
            self.url_tambah,
            {"tahun": "2022", "target": "B", "realisasi": "A", "sumber": "LKj 2022"},
            follow=True,
        )
        self.assertRedirects(respon, f"{self.url}#ind-{self.akip.id}")
        self.assertContains(respon, "Riwayat 1.3 tahun 2022 disimpan: capaian 150,00 %")
        r = RiwayatCapaian.objects.get(tahun=2022)
        self.assertEqual(
            (r.target_predikat, r.realisasi_predikat, r.diubah_oleh), ("B", "A", self.operator)
        )

    def test_add_year_with_htmx_returns_the_card(self):
        """htmx gets the indicator's card alone, with the saved row and its capaian."""
        respon = self.client.post(
            self.url_tambah, {"tahun": "2022", "target": "B", "realisasi": "B"}, **HTMX
        )
        self.assertContains(respon, f'id="ind-{self.akip.id}"')
        self.assertContains(respon, "capaian 100,00 %")
        self.assertNotContains(respon, self.persen.nama)
        self.assertNotContains(respon, "<html")

    def test_edit_row_opens_in_the_card(self):
        """Asking to fill a year returns the card with the edit row, the year pre-filled."""
        respon = self.client.get(f"{self.url_tambah}?tahun=2020", **HTMX)
        self.assertContains(respon, 'class="baris-ubah')
        self.assertContains(respon, 'name="tahun" value="2020"')
        self.assertContains(respon, f'form="f-riwayat-{self.akip.id}"')
        respon = self.client.get(self.url_ubah)
        self.assertContains(respon, 'name="tahun" value="2021"')
        self.assertContains(respon, "<html")

    def test_bad_input_is_400_with_messages_and_nothing_changes(self):
        """A grade off the scale, a PK year, a year that is no number: each refused in
        Indonesian on its field (htmx or not), nothing saved."""
        for data, pesan in (
            ({"tahun": "2022", "target": "B", "realisasi": "WTP"}, "tidak ada dalam skala"),
            ({"tahun": "2023", "target": "B", "realisasi": "B"}, "dihitung dari PK"),
            ({"tahun": "dua ribu", "target": "B"}, "Tahun harus angka"),
            ({"tahun": "2022"}, "Isi target, realisasi, atau keduanya."),
        ):
            for extra in (HTMX, {}):
                with self.subTest(data=data, htmx=bool(extra)):
                    respon = self.client.post(self.url_tambah, data, **extra)
                    self.assertContains(respon, pesan, status_code=400)
                    self.assertContains(respon, 'class="baris-ubah', status_code=400)
        self.assertEqual(RiwayatCapaian.objects.count(), 1)

    def test_correct_a_row(self):
        """Correcting a row shows the new capaian."""
        respon = self.client.post(
            self.url_ubah, {"tahun": "2021", "target": "B", "realisasi": "B"}, **HTMX
        )
        self.assertContains(respon, "capaian 100,00 %")
        self.r2021.refresh_from_db()
        self.assertEqual(self.r2021.realisasi_predikat, "B")

    def test_delete_a_row(self):
        """Deleting removes the row and says so."""
        respon = self.client.post(self.url_hapus, follow=True)
        self.assertContains(respon, "Riwayat 1.3 tahun 2021 dihapus.")
        self.assertFalse(RiwayatCapaian.objects.exists())

    def test_read_only_roles_see_but_get_403_on_change(self):
        """Pimpinan and the province's reviewer read the page without edit controls; any
        change is 403 and changes nothing."""
        for user in (self.pimpinan, self.reviewer):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                respon = self.client.get(self.url)
                self.assertContains(respon, "tidak dapat mengubahnya")
                self.assertNotContains(respon, self.url_tambah)
                self.assertNotContains(respon, self.url_hapus)
                for url, data in (
                    (self.url_tambah, {"tahun": "2022", "target": "B"}),
                    (self.url_ubah, {"tahun": "2021", "target": "A"}),
                    (self.url_hapus, {}),
                ):
                    self.assertEqual(self.client.post(url, data).status_code, 403)
                self.assertEqual(self.client.get(self.url_tambah).status_code, 403)
                impor = reverse("riwayat_impor", args=["18.03", self.renstra.id])
                self.assertEqual(self.client.get(impor).status_code, 403)
        self.r2021.refresh_from_db()
        self.assertEqual(self.r2021.realisasi_predikat, "BB")

    def test_outsiders_get_404(self):
        """Another satker's operator cannot see or reach anything of this history."""
        self.client.force_login(self.lain)
        for url in (self.url, self.url_tambah, self.url_ubah):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(self.url_hapus).status_code, 404)
        self.assertTrue(RiwayatCapaian.objects.exists())

    def test_indicator_of_another_renstra_is_404(self):
        """The indicator in the URL must belong to the Renstra in the URL."""
        _, items = buat_pk(self.s["metro"], tahun=2023)
        url = reverse("riwayat_tambah", args=["18.03", self.renstra.id, items["akip"].indikator.id])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_locked_later_year_refuses_with_its_message(self):
        """While the 2023 data is locked (its report submitted), earlier years are read-only and
        a post is refused with the lock's own message."""
        pesan = kunci_uji(self.s["lampura"], 2023)
        halaman = self.client.get(self.url)
        self.assertContains(halaman, "Riwayat tahun 2022 dan sebelumnya terkunci.")
        self.assertContains(halaman, "terkunci</span>")
        self.assertNotContains(halaman, self.url_hapus)
        respon = self.client.post(self.url_ubah, {"tahun": "2021", "target": "B", "realisasi": "A"})
        self.assertContains(respon, pesan, status_code=400)
        respon = self.client.post(self.url_hapus, follow=True)
        self.assertContains(respon, pesan)
        self.r2021.refresh_from_db()
        self.assertEqual(self.r2021.realisasi_predikat, "BB")

    def test_indicator_in_no_pk_and_without_history_is_404(self):
        """Only the page's indicators can be given a year from the page."""
        ind = Indikator.objects.create(
            sasaran=self.akip.sasaran, kode="1.8", nama="Indikator katalog", satuan="%"
        )
        url = reverse("riwayat_tambah", args=["18.03", self.renstra.id, ind.id])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_indicator_with_history_but_no_longer_in_a_pk_stays_listed(self):
        """A row is never hidden: its indicator is listed even when no PK holds it any more."""
        ind = Indikator.objects.create(
            sasaran=self.akip.sasaran, kode="1.9", nama="Indikator lama", satuan="%"
        )
        riwayat_simpan(indikator=ind, tahun=2021, target="80", realisasi="80")
        self.assertContains(self.client.get(self.url), "Indikator lama")
