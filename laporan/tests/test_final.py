"""Frozen PDFs (laporan/final.py): rendered once at approval, stable bytes, every revision kept."""

import hashlib
import io

from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import alur, final
from laporan.models import BerkasFinal, Laporan
from laporan.services import laporan_buat
from satker.models import Peran


class FinalTests(TestCase):
    """Personas: penyusun of Lampung Utara; reviewer of KPU Provinsi Lampung (with an office
    and NIP)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer.first_name, cls.reviewer.last_name = "Siti", "Rahmawati"
        cls.reviewer.save()
        anggota = cls.reviewer.keanggotaan
        anggota.jabatan, anggota.nip = "Kepala Bagian Perencanaan", "198001012005012001"
        anggota.save()

    def setujui(self):
        """Submit and approve; the approval's on-commit work (the frozen PDF) runs."""
        alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=self.penyusun)
        with self.captureOnCommitCallbacks(execute=True):
            riwayat = alur.laporan_transisi(
                laporan=self.laporan, aksi="setujui", oleh=self.reviewer
            )
        return riwayat

    def baca(self, f: BerkasFinal) -> bytes:
        with f.berkas.open("rb") as berkas:
            return berkas.read()

    def test_approval_freezes_the_pdf_with_its_hash(self):
        """Approving stores one PDF for revision 1 whose SHA-256 matches its bytes."""
        self.setujui()
        f = BerkasFinal.objects.get(laporan=self.laporan)
        isi = self.baca(f)
        self.assertEqual(f.revisi, 1)
        self.assertEqual(f.sha256, hashlib.sha256(isi).hexdigest())
        self.assertEqual(f.jumlah_halaman, len(PdfReader(io.BytesIO(isi)).pages))
        self.assertEqual(f.disetujui_oleh, self.reviewer)

    def test_footer_and_review_statement(self):
        """Every numbered page carries the revision and approval date; the Pernyataan Telah
        Direviu page names the reviewer, office and NIP from the approval."""
        riwayat = self.setujui()
        reader = PdfReader(io.BytesIO(self.baca(BerkasFinal.objects.get(laporan=self.laporan))))
        kaki = final.kaki_final(riwayat)
        halaman = [p.extract_text() for p in reader.pages]
        for i, teks in enumerate(halaman[1:], start=1):
            self.assertIn(kaki, " ".join(teks.split()), f"halaman {i}")
        pernyataan = " ".join(next(t for t in halaman if "PERNYATAAN TELAH DIREVIU" in t).split())
        self.assertIn("Kami telah mereviu", pernyataan)
        self.assertIn("Siti Rahmawati", pernyataan)
        self.assertIn("Kepala Bagian Perencanaan", pernyataan)
        self.assertIn("NIP 198001012005012001", pernyataan)
        self.assertNotIn("belum direviu", pernyataan)

    def test_downloads_return_the_same_bytes(self):
        """Two downloads of the frozen revision are byte-identical and match its hash."""
        self.setujui()
        f = BerkasFinal.objects.get(laporan=self.laporan)
        self.client.force_login(self.penyusun)
        url = reverse("final_unduh", args=[self.laporan.id, 1])
        pertama = b"".join(self.client.get(url).streaming_content)
        kedua = b"".join(self.client.get(url).streaming_content)
        self.assertEqual(pertama, kedua)
        self.assertEqual(hashlib.sha256(pertama).hexdigest(), f.sha256)

    def test_rendered_once_per_revision_and_earlier_revisions_kept(self):
        """A second call for the same approval returns the stored file; reopening and approving
        again adds revision 2 and keeps revision 1 downloadable."""
        riwayat = self.setujui()
        pertama = BerkasFinal.objects.get(laporan=self.laporan)
        self.assertEqual(final.final_buat(riwayat=riwayat), pertama)
        alur.laporan_transisi(
            laporan=self.laporan, aksi="buka", oleh=self.reviewer, komentar="Perbaiki BAB IV."
        )
        self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).revisi, 2)
        self.setujui()
        self.assertEqual(
            list(BerkasFinal.objects.filter(laporan=self.laporan).values_list("revisi", flat=True)),
            [2, 1],
        )
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("final_unduh", args=[self.laporan.id, 1]))
        self.assertEqual(b"".join(respon.streaming_content), self.baca(pertama))

    def test_missing_file_is_404_not_500(self):
        """A frozen PDF whose file was lost from storage: 404 with a message, not a crash."""
        self.setujui()
        f = BerkasFinal.objects.get(laporan=self.laporan)
        f.berkas.storage.delete(f.berkas.name)
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("final_unduh", args=[self.laporan.id, 1]))
        self.assertEqual(respon.status_code, 404)

    def test_unknown_revision_is_404(self):
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("final_unduh", args=[self.laporan.id, 7]))
        self.assertEqual(respon.status_code, 404)
