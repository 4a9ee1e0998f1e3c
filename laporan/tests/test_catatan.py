"""Review notes (laporan/catatan.py and their pages): written by the reviewer on a submitted
report, answered by the satker, resolved by the reviewer; approval waits for all of them."""

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import alur, catatan
from laporan.models import CatatanReviu, Laporan, StatusLaporan
from laporan.pengumpul import kumpulkan
from laporan.tests.helpers import TTD, laporan_siap, tetapkan_status
from satker.models import Peran

S = StatusLaporan


class CatatanTests(TestCase):
    """Personas: penyusun and operator of Lampung Utara, reviewer of Lampung, reviewer of
    Bengkulu."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.operator = buat_user("op.a", s["lampura"], Peran.OPERATOR)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("rev.b", s["bengkulu"], Peran.REVIEWER)

    def setUp(self):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=S.DIAJUKAN)
        self.laporan.refresh_from_db()

    def indikator(self):
        return next(
            p for p, _ in catatan.pilihan_sasaran(kumpulkan(self.laporan)) if p.startswith("indi")
        )

    def catat(self, pilihan=None, teks="Realisasi tidak didukung bukti."):
        return catatan.catatan_buat(
            laporan=self.laporan, oleh=self.reviewer, pilihan=pilihan or self.indikator(), teks=teks
        )

    def test_note_on_an_indicator_row(self):
        """A note on one indicator row keeps the row's code and printed label."""
        c = self.catat()
        self.assertEqual(c.sasaran, "indikator")
        self.assertTrue(c.label.startswith(f"Indikator {c.kunci} "))
        self.assertEqual(c.revisi, 1)

    def test_targets_offered_are_report_sections_and_rows(self):
        pilihan = [p for p, _ in catatan.pilihan_sasaran(kumpulkan(self.laporan))]
        self.assertEqual(pilihan[0], "laporan:")
        self.assertIn("bagian:bab1.latar_belakang", pilihan)
        self.assertTrue(any(p.startswith("indikator:") for p in pilihan))

    def test_unknown_target_and_empty_text_refused(self):
        with self.assertRaisesMessage(ValidationError, "Pilih bagian atau indikator"):
            self.catat(pilihan="indikator:99.99")
        with self.assertRaisesMessage(ValidationError, "Tuliskan catatan"):
            self.catat(teks="  ")
        self.assertFalse(CatatanReviu.objects.exists())

    def test_only_the_reviewer_writes_and_resolves(self):
        for user in [self.penyusun, self.reviewer_lain]:
            with self.subTest(user=user.username), self.assertRaises(alur.TidakBerwenang):
                catatan.catatan_buat(laporan=self.laporan, oleh=user, pilihan="laporan:", teks="x")
        c = self.catat()
        with self.assertRaises(alur.TidakBerwenang):
            catatan.catatan_selesai(catatan=c, oleh=self.penyusun)

    def test_notes_only_while_submitted(self):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=S.DRAF)
        self.laporan.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "selama laporan diajukan"):
            self.catat()

    def test_satker_answers_and_reviewer_resolves(self):
        c = self.catat()
        catatan.catatan_jawab(catatan=c, oleh=self.operator, jawaban="Bukti diunggah di TW IV.")
        catatan.catatan_selesai(catatan=c, oleh=self.reviewer)
        c.refresh_from_db()
        self.assertEqual((c.jawaban, c.dijawab_oleh, c.selesai), ("Bukti diunggah di TW IV.",
                                                                  self.operator, True))  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "sudah diselesaikan"):
            catatan.catatan_jawab(catatan=c, oleh=self.operator, jawaban="lagi")

    def test_approval_refused_with_open_notes(self):
        """Approving with an open note raises CatatanBelumSelesai; once resolved it passes."""
        c = self.catat()
        with self.assertRaisesMessage(alur.CatatanBelumSelesai, "1 catatan reviu"):
            alur.laporan_transisi(laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=TTD)
        self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).status, S.DIAJUKAN)
        catatan.catatan_selesai(catatan=c, oleh=self.reviewer)
        alur.laporan_transisi(laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=TTD)
        self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).status, S.DISETUJUI)

    def test_notes_stay_with_their_revision(self):
        """After reopening, a revision-1 note no longer blocks and can no longer be answered."""
        c = self.catat()
        Laporan.objects.filter(pk=self.laporan.pk).update(revisi=2)
        self.laporan.refresh_from_db()
        self.assertEqual(catatan.jumlah_terbuka(self.laporan), 0)
        with self.assertRaisesMessage(ValidationError, "revisi sebelumnya"):
            catatan.catatan_jawab(catatan=c, oleh=self.operator, jawaban="x")

    # --- Pages --------------------------------------------------------------------------------

    def test_pages_round_trip(self):
        """Reviewer writes a note on an indicator row, operator answers, reviewer resolves."""
        self.client.force_login(self.reviewer)
        url = reverse("catatan_buat", args=[self.laporan.id])
        respon = self.client.post(url, {"pilihan": self.indikator(), "teks": "Cek angka."})
        self.assertEqual(respon.status_code, 302)
        c = CatatanReviu.objects.get()
        self.assertContains(
            self.client.get(reverse("laporan_detail", args=[self.laporan.id])), "Cek angka."
        )
        self.client.force_login(self.operator)
        self.client.post(
            reverse("catatan_jawab", args=[self.laporan.id, c.id]), {"jawaban": "Sudah dicek."}
        )
        self.client.force_login(self.reviewer)
        self.client.post(reverse("catatan_selesai", args=[self.laporan.id, c.id]))
        c.refresh_from_db()
        self.assertEqual((c.jawaban, c.selesai), ("Sudah dicek.", True))

    def test_pages_refuse_wrong_roles(self):
        """A penyusun writing a note: 403; another province's reviewer: 404."""
        self.client.force_login(self.penyusun)
        url = reverse("catatan_buat", args=[self.laporan.id])
        self.assertEqual(self.client.post(url, {"pilihan": "laporan:", "teks": "x"}).status_code,
                         403)  # fmt: skip
        self.client.force_login(self.reviewer_lain)
        self.assertEqual(self.client.post(url, {"pilihan": "laporan:", "teks": "x"}).status_code,
                         404)  # fmt: skip
        self.assertFalse(CatatanReviu.objects.exists())

    def test_inbox_counts_open_notes(self):
        self.catat()
        self.client.force_login(self.reviewer)
        baris = self.client.get(reverse("reviu_daftar")).context["baris"]
        self.assertEqual(baris[0].catatan_terbuka, 1)
