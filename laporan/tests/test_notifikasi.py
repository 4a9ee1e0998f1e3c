"""E-mail on every move of the review (laporan/notifikasi.py): who gets it and what it says."""

from datetime import UTC, datetime
from smtplib import SMTPException
from unittest import mock

from django.core import mail
from django.test import TestCase, override_settings

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import alur
from laporan.models import Laporan, StatusLaporan
from laporan.notifikasi import kirim_notifikasi
from laporan.tests.helpers import TTD, laporan_siap, tetapkan_status
from satker.models import Peran

S = StatusLaporan


def persona(username, satker, peran, email=True):
    user = buat_user(username, satker, peran)
    user.email = f"{username}@kpu.go.id" if email else ""
    user.save()
    return user


@override_settings(SITE_URL="https://lkj.kpu.go.id/")
class NotifikasiTests(TestCase):
    """Personas: penyusun, operator and pimpinan of Lampung Utara (plus an operator without
    e-mail and an inactive penyusun); the reviewers of Lampung and of Bengkulu; an admin of
    KPU RI; the penyusun of KPU Provinsi Lampung."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        buat_pk(s["lampung"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.laporan_provinsi = laporan_siap(s["lampung"])
        cls.penyusun = persona("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.operator = persona("op.a", s["lampura"], Peran.OPERATOR)
        cls.pimpinan = persona("pim.a", s["lampura"], Peran.PIMPINAN)
        persona("op.tanpa", s["lampura"], Peran.OPERATOR, email=False)
        nonaktif = persona("pen.lama", s["lampura"], Peran.PENYUSUN)
        nonaktif.is_active = False
        nonaktif.save()
        cls.reviewer = persona("rev.a", s["lampung"], Peran.REVIEWER)
        persona("rev.b", s["bengkulu"], Peran.REVIEWER)
        cls.admin = persona("adm", s["ri"], Peran.ADMIN)
        cls.penyusun_provinsi = persona("pen.p", s["lampung"], Peran.PENYUSUN)

    def langkah(self, aksi, oleh, komentar="", laporan=None, dari=None):
        laporan = laporan or self.laporan
        if dari:
            tetapkan_status(Laporan.objects.filter(pk=laporan.pk), status=dari)
        ttd = TTD if aksi == "setujui" else None
        with self.captureOnCommitCallbacks(execute=True):
            return alur.laporan_transisi(
                laporan=laporan, aksi=aksi, oleh=oleh, komentar=komentar, ttd=ttd
            )

    def penerima(self):
        return sorted(alamat for pesan in mail.outbox for alamat in pesan.to)

    # --- Who is told of each move -------------------------------------------------------------

    def test_submission_goes_to_the_reviewers_of_the_province(self):
        """Ajukan: only the reviewer of Lampung, not Bengkulu's, not the satker itself."""
        self.langkah("ajukan", self.penyusun)
        self.assertEqual(self.penerima(), ["rev.a@kpu.go.id"])

    def test_province_submission_goes_to_the_admins(self):
        """A province's own report is reviewed by the admins of KPU RI."""
        self.langkah("ajukan", self.penyusun_provinsi, laporan=self.laporan_provinsi)
        self.assertEqual(self.penerima(), ["adm@kpu.go.id"])

    def test_return_goes_to_penyusun_and_operator(self):
        self.langkah("kembalikan", self.reviewer, "Lengkapi analisis.", dari=S.DIAJUKAN)
        self.assertEqual(self.penerima(), ["op.a@kpu.go.id", "pen.a@kpu.go.id"])

    def test_approval_goes_to_penyusun_and_pimpinan(self):
        self.langkah("setujui", self.reviewer, dari=S.DIAJUKAN)
        self.assertEqual(self.penerima(), ["pen.a@kpu.go.id", "pim.a@kpu.go.id"])

    def test_publication_goes_to_the_satker_and_the_reviewers(self):
        self.langkah("terbitkan", self.pimpinan, dari=S.DISETUJUI)
        self.assertEqual(self.penerima(), ["op.a@kpu.go.id", "pen.a@kpu.go.id", "rev.a@kpu.go.id"])

    def test_reopening_goes_to_penyusun_and_operator(self):
        self.langkah("buka", self.reviewer, "Salah angka anggaran.", dari=S.TERBIT)
        self.assertEqual(self.penerima(), ["op.a@kpu.go.id", "pen.a@kpu.go.id"])

    def test_users_without_email_or_inactive_are_skipped(self):
        """The operator without e-mail and the inactive penyusun get nothing; the count says so."""
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=S.DIAJUKAN)
        riwayat = alur.laporan_transisi(
            laporan=self.laporan, aksi="kembalikan", oleh=self.reviewer, komentar="Perbaiki."
        )
        self.assertEqual(kirim_notifikasi(riwayat), 2)
        self.assertNotIn("pen.lama@kpu.go.id", self.penerima())

    def test_each_recipient_gets_a_message_of_their_own(self):
        self.langkah("terbitkan", self.pimpinan, dari=S.DISETUJUI)
        self.assertEqual([len(pesan.to) for pesan in mail.outbox], [1, 1, 1])

    def test_nothing_is_sent_before_the_move_commits(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=self.penyusun)
        self.assertEqual((len(mail.outbox), len(callbacks)), (0, 1))

    # --- What the message says ----------------------------------------------------------------

    def test_subject_names_the_report_and_the_new_status(self):
        self.langkah("ajukan", self.penyusun)
        self.assertEqual(
            mail.outbox[0].subject,
            "[LKj KPU] LKj KPU Kabupaten Lampung Utara 2023: Diajukan untuk reviu",
        )

    def test_body_has_the_comment_statuses_actor_and_link(self):
        """Returning: the reviewer's comment, from → to, who, and the absolute report link."""
        self.langkah("kembalikan", self.reviewer, "Lengkapi analisis sasaran 3.", dari=S.DIAJUKAN)
        isi = mail.outbox[0].body
        self.assertIn("Lengkapi analisis sasaran 3.", isi)
        self.assertIn("dari “Diajukan untuk reviu” ke “Dikembalikan untuk perbaikan”", isi)
        self.assertIn("rev.a (Reviewer, KPU Provinsi Lampung)", isi)
        self.assertIn(f"https://lkj.kpu.go.id/laporan/{self.laporan.id}/", isi)

    def test_body_gives_the_time_in_indonesian_jakarta_time(self):
        """07.05 UTC reads “17 Januari 2025, 14.05 WIB”."""
        riwayat = alur.laporan_transisi(laporan=self.laporan, aksi="ajukan", oleh=self.penyusun)
        riwayat.pada = datetime(2025, 1, 17, 7, 5, tzinfo=UTC)
        kirim_notifikasi(riwayat)
        self.assertIn("Waktu   : 17 Januari 2025, 14.05 WIB", mail.outbox[0].body)

    def test_reopening_gives_the_reason_and_new_revision(self):
        self.langkah("buka", self.reviewer, "Salah angka anggaran.", dari=S.TERBIT)
        isi = mail.outbox[0].body
        self.assertIn("Salah angka anggaran.", isi)
        self.assertIn("revisi 2", isi)
        self.assertIn("Dibuka kembali sebagai revisi 2", mail.outbox[0].subject)

    # --- A failing mail server ----------------------------------------------------------------

    def test_broken_mail_server_does_not_break_the_move(self):
        """The send raises: nothing propagates, the error is logged, the status still changed."""
        gagal = mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPException("server mati"),
        )
        with gagal, self.assertLogs("laporan.notifikasi", "ERROR"):
            self.langkah("ajukan", self.penyusun)
        self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).status, S.DIAJUKAN)

    def test_broken_mail_server_counts_nothing_sent(self):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=S.DIAJUKAN)
        riwayat = alur.laporan_transisi(
            laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=TTD
        )
        with (
            mock.patch("laporan.notifikasi.send_mass_mail", side_effect=OSError),
            self.assertLogs("laporan.notifikasi", "ERROR"),
        ):
            self.assertEqual(kirim_notifikasi(riwayat), 0)
