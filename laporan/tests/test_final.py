"""Frozen PDFs (laporan/final.py): rendered once at approval, stable bytes, every revision kept."""

import hashlib
import io

from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import alur, final
from laporan.models import BerkasFinal, Laporan, RiwayatStatus
from laporan.pengumpul import kumpulkan
from laporan.tests.helpers import TTD, laporan_siap
from satker.models import Peran


class FinalTests(TestCase):
    """Personas: penyusun of Lampung Utara; reviewer of KPU Provinsi Lampung (with an office,
    a jabatan and NIP in the profile; approvals are signed by TTD, another person)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer.first_name, cls.reviewer.last_name = "Siti", "Rahmawati"
        cls.reviewer.save()
        anggota = cls.reviewer.keanggotaan
        anggota.jabatan, anggota.nip = "Kepala Subbagian Teknis", "19800101 200501 2 001"
        anggota.save()

    def setujui(self):
        """Submit and approve; the approval's on-commit work (the frozen PDF) runs."""
        alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=self.penyusun)
        with self.captureOnCommitCallbacks(execute=True):
            riwayat = alur.laporan_transisi(
                laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=TTD
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
        Direviu page is signed with the place, date, jabatan and office, name and NIP of the
        approval, not with the account's profile."""
        riwayat = self.setujui()
        reader = PdfReader(io.BytesIO(self.baca(BerkasFinal.objects.get(laporan=self.laporan))))
        kaki = final.kaki_final(riwayat)
        halaman = [p.extract_text() for p in reader.pages]
        for i, teks in enumerate(halaman[1:], start=1):
            self.assertIn(kaki, " ".join(teks.split()), f"halaman {i}")
        pernyataan = " ".join(next(t for t in halaman if "PERNYATAAN TELAH DIREVIU" in t).split())
        tanggal = kaki.removeprefix("Revisi 1 · disetujui ")
        self.assertIn("Kami telah mereviu", pernyataan)
        self.assertIn(f"Bandar Lampung, {tanggal}", pernyataan)
        self.assertIn(f"{TTD.jabatan} KPU Provinsi Lampung,", pernyataan)
        self.assertIn(f"{TTD.nama} NIP 19750101 200012 1 001", pernyataan)
        self.assertNotIn("Siti Rahmawati", pernyataan)
        self.assertNotIn("Kepala Subbagian Teknis", pernyataan)
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


class PernyataanReviuTests(TestCase):
    """What the Pernyataan Telah Direviu prints (final.pernyataan_reviu), without a render."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer.first_name, cls.reviewer.last_name = "Siti", "Rahmawati"
        cls.reviewer.save()
        s["lampung"].kota_ttd = "Bandar Lampung"
        s["lampung"].save()

    def setujui(self, ttd=TTD):
        alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=self.penyusun)
        return alur.laporan_transisi(
            laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=ttd
        )

    def pernyataan(self, riwayat):
        return final.pernyataan_reviu(kumpulkan(self.laporan), riwayat)

    def test_signed_by_the_approval(self):
        """Place, jabatan with the office, name and NIP as typed at approval; the date of it."""
        riwayat = self.setujui()
        p = self.pernyataan(riwayat)
        self.assertEqual(
            (p["tempat"], p["jabatan"], p["nama"], p["nip"]),
            (
                "Bandar Lampung",
                f"{TTD.jabatan} KPU Provinsi Lampung",
                TTD.nama,
                "19750101 200012 1 001",
            ),
        )
        self.assertEqual(p["tanggal"], riwayat.pada.astimezone().date())

    def test_office_not_repeated(self):
        """A jabatan that already names the office (in any case) is printed as typed."""
        ttd = alur.TtdReviu(
            nama=TTD.nama, jabatan="Sekretaris kpu provinsi Lampung", nip=TTD.nip, tempat="Metro"
        )
        self.assertEqual(
            self.pernyataan(self.setujui(ttd))["jabatan"], "Sekretaris kpu provinsi Lampung"
        )

    def test_approval_recorded_before_the_form_uses_the_profile(self):
        """An approval without a stored signer (made before the approval form asked for one)
        prints the account's full name and the office's city; no username, no invented NIP."""
        riwayat = RiwayatStatus.objects.create(
            laporan=self.laporan, revisi=1, dari="diajukan", ke="disetujui", oleh=self.reviewer
        )
        p = self.pernyataan(riwayat)
        self.assertEqual(
            (p["nama"], p["tempat"], p["nip"], p["jabatan"]),
            ("Siti Rahmawati", "Bandar Lampung", "", "Reviewer KPU Provinsi Lampung"),
        )
