"""Error pages speak Indonesian (with DEBUG off, as in production)."""

from django.test import TestCase, override_settings

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran


@override_settings(DEBUG=False)
class HalamanGalatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.pk, _ = buat_pk(s["lampura"])
        cls.pimpinan = buat_user("pim", s["lampura"], Peran.PIMPINAN)

    def test_404_in_indonesian(self):
        """An unknown page says so in Indonesian."""
        self.client.force_login(self.pimpinan)
        r = self.client.get("/satker/17.02/")
        self.assertContains(r, "Halaman tidak ditemukan", status_code=404)

    def test_403_in_indonesian(self):
        """A read-only role trying to edit is told why, in Indonesian."""
        self.client.force_login(self.pimpinan)
        r = self.client.get(f"/pk/{self.pk.id}/ubah/")
        self.assertContains(r, "Akses ditolak", status_code=403)

    def test_500_page_is_indonesian_and_standalone(self):
        """The server-error page needs no context and speaks Indonesian."""
        from django.template import loader

        html = loader.get_template("500.html").render()
        self.assertIn("Terjadi kesalahan pada server", html)
