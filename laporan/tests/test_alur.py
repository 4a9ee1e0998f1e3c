"""The review workflow (laporan/alur.py): every move, who may make it, and the lock."""

from dataclasses import replace

from django.test import SimpleTestCase, TestCase

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import alur
from laporan.models import Bagian, Laporan, RiwayatStatus, StatusLaporan, SumberBagian
from laporan.tests.helpers import TTD, laporan_siap, tetapkan_status
from satker.kunci import DataTerkunci, periksa_data_terbuka, pesan_kunci
from satker.models import Keanggotaan, Peran

S = StatusLaporan


class AlurTests(TestCase):
    """Personas: penyusun, operator and pimpinan of Lampung Utara; the reviewer of KPU Provinsi
    Lampung; the reviewer of Bengkulu (another province); an admin of KPU RI; the penyusun of
    KPU Provinsi Lampung (whose own report only an admin reviews)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        buat_pk(s["lampung"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.laporan_provinsi = laporan_siap(s["lampung"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.operator = buat_user("op.a", s["lampura"], Peran.OPERATOR)
        cls.pimpinan = buat_user("pim.a", s["lampura"], Peran.PIMPINAN)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("rev.b", s["bengkulu"], Peran.REVIEWER)
        cls.admin = buat_user("adm", s["ri"], Peran.ADMIN)
        cls.penyusun_provinsi = buat_user("pen.p", s["lampung"], Peran.PENYUSUN)

    def langkah(self, aksi, oleh, komentar="", laporan=None):
        """One move; an approval is signed by TTD."""
        return alur.laporan_transisi(
            laporan=laporan or self.laporan,
            aksi=aksi,
            oleh=oleh,
            komentar=komentar,
            ttd=TTD if aksi == "setujui" else None,
        )

    def status(self, laporan=None):
        return Laporan.objects.get(pk=(laporan or self.laporan).pk).status

    def ke_status(self, status):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=status)

    # --- Each move by its role ----------------------------------------------------------------

    def test_penyusun_submits_a_draft(self):
        """Draf → diajukan by the penyusun; the submission time and a history row are kept."""
        riwayat = self.langkah("ajukan", self.penyusun)
        laporan = Laporan.objects.get(pk=self.laporan.pk)
        self.assertEqual(laporan.status, S.DIAJUKAN)
        self.assertIsNotNone(laporan.diajukan_pada)
        self.assertEqual(
            (riwayat.dari, riwayat.ke, riwayat.oleh, riwayat.revisi),
            (S.DRAF, S.DIAJUKAN, self.penyusun, 1),
        )

    def test_instruction_to_staff_blocks_submission(self):
        """A printed section still addressed to the staff cannot be submitted; nothing moves."""
        Bagian.objects.create(
            laporan=self.laporan,
            kunci="bab1.organisasi",
            sumber=SumberBagian.STAF,
            teks="Mohon staf melengkapi bagan organisasi.",
        )
        with self.assertRaisesMessage(alur.LaporanBelumLengkap, "Mohon staf melengkapi"):
            self.langkah("ajukan", self.penyusun)
        self.assertEqual(self.status(), S.DRAF)
        self.assertFalse(RiwayatStatus.objects.exists())

    def test_unsigned_report_cannot_be_submitted(self):
        """A report without its signing date cannot be submitted."""
        Laporan.objects.filter(pk=self.laporan.pk).update(tanggal_ttd=None)
        with self.assertRaisesMessage(alur.LaporanBelumLengkap, "tanggal belum diisi"):
            self.langkah("ajukan", self.penyusun)
        self.assertEqual(self.status(), S.DRAF)

    def test_instruction_to_staff_blocks_approval(self):
        """Text addressed to staff that reaches a submitted report (as written before the lock)
        keeps the reviewer from approving; the message says to return it."""
        self.langkah("ajukan", self.penyusun)
        Bagian.objects.create(
            laporan=self.laporan,
            kunci="bab4.saran",
            sumber=SumberBagian.STAF,
            teks="Lengkapi target tahunan Renstra agar perbandingan dapat disajikan.",
        )
        with self.assertRaisesMessage(alur.LaporanBelumLengkap, "Kembalikan laporan"):
            self.langkah("setujui", self.reviewer)
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_reviewer_returns_with_a_reason(self):
        """Diajukan → dikembalikan by the province's reviewer, the reason in the history."""
        self.ke_status(S.DIAJUKAN)
        riwayat = self.langkah("kembalikan", self.reviewer, "Lengkapi analisis sasaran 3.")
        self.assertEqual(self.status(), S.DIKEMBALIKAN)
        self.assertEqual(riwayat.komentar, "Lengkapi analisis sasaran 3.")

    def test_returned_report_can_be_resubmitted(self):
        self.ke_status(S.DIKEMBALIKAN)
        self.langkah("ajukan", self.penyusun)
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_reviewer_and_admin_approve(self):
        """Diajukan → disetujui by the province's reviewer, or by an admin."""
        for user in [self.reviewer, self.admin]:
            with self.subTest(user=user.username):
                self.ke_status(S.DIAJUKAN)
                self.langkah("setujui", user)
                self.assertEqual(self.status(), S.DISETUJUI)

    def test_pimpinan_publishes(self):
        self.ke_status(S.DISETUJUI)
        self.langkah("terbitkan", self.pimpinan)
        self.assertEqual(self.status(), S.TERBIT)

    def test_reopening_starts_a_new_revision(self):
        """An approved or published report reopened by the reviewer is a draft of revision 2."""
        for awal in [S.DISETUJUI, S.TERBIT]:
            with self.subTest(dari=awal):
                tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=awal, revisi=1)
                riwayat = self.langkah("buka", self.reviewer, "Ada salah ketik di BAB III.")
                laporan = Laporan.objects.get(pk=self.laporan.pk)
                self.assertEqual((laporan.status, laporan.revisi), (S.DRAF, 2))
                self.assertEqual((riwayat.dari, riwayat.revisi), (awal, 1))

    def test_province_report_reviewed_by_admin_only(self):
        """A KPU Provinsi's own report is reviewed by KPU RI, not by its own reviewer."""
        self.langkah("ajukan", self.penyusun_provinsi, laporan=self.laporan_provinsi)
        with self.assertRaises(alur.TidakBerwenang):
            self.langkah("setujui", self.reviewer, laporan=self.laporan_provinsi)
        self.langkah("setujui", self.admin, laporan=self.laporan_provinsi)
        self.assertEqual(self.status(self.laporan_provinsi), S.DISETUJUI)

    # --- Refusals -----------------------------------------------------------------------------

    def test_wrong_roles_refused_with_specific_error(self):
        """Each move refused to every other role, with TidakBerwenang and no history row."""
        kasus = [
            ("ajukan", S.DRAF, [self.operator, self.pimpinan, self.reviewer, self.admin]),
            ("kembalikan", S.DIAJUKAN, [self.penyusun, self.pimpinan, self.reviewer_lain]),
            ("setujui", S.DIAJUKAN, [self.penyusun, self.operator, self.pimpinan,
                                     self.reviewer_lain]),
            ("terbitkan", S.DISETUJUI, [self.penyusun, self.reviewer, self.admin]),
            ("buka", S.TERBIT, [self.penyusun, self.pimpinan, self.reviewer_lain]),
        ]  # fmt: skip
        for aksi, awal, pengguna in kasus:
            for user in pengguna:
                with self.subTest(aksi=aksi, user=user.username):
                    self.ke_status(awal)
                    with self.assertRaises(alur.TidakBerwenang):
                        self.langkah(aksi, user, "alasan")
                    self.assertEqual(self.status(), awal)
        self.assertFalse(RiwayatStatus.objects.exists())

    def test_illegal_moves_refused(self):
        """A move that does not start from the current status raises TransisiTidakSah."""
        kasus = [
            ("setujui", S.DRAF, self.reviewer),
            ("terbitkan", S.DIAJUKAN, self.pimpinan),
            ("ajukan", S.DIAJUKAN, self.penyusun),
            ("kembalikan", S.DISETUJUI, self.reviewer),
            ("buka", S.DRAF, self.reviewer),
            ("hapus", S.DRAF, self.admin),
        ]
        for aksi, awal, user in kasus:
            with self.subTest(aksi=aksi, dari=awal):
                self.ke_status(awal)
                with self.assertRaises(alur.TransisiTidakSah):
                    self.langkah(aksi, user, "alasan")
                self.assertEqual(self.status(), awal)

    def test_return_and_reopen_need_a_reason(self):
        for aksi, awal in [("kembalikan", S.DIAJUKAN), ("buka", S.DISETUJUI)]:
            with self.subTest(aksi=aksi):
                self.ke_status(awal)
                with self.assertRaisesMessage(alur.KomentarWajib, "Tuliskan alasan"):
                    self.langkah(aksi, self.reviewer, "   ")
                self.assertEqual(self.status(), awal)

    def test_available_moves_per_role(self):
        """The detail page offers each user only the moves they can make now."""
        self.ke_status(S.DIAJUKAN)
        laporan = Laporan.objects.get(pk=self.laporan.pk)
        self.assertEqual(
            [t.aksi for t in alur.aksi_tersedia(self.reviewer, laporan)], ["kembalikan", "setujui"]
        )
        self.assertEqual(alur.aksi_tersedia(self.penyusun, laporan), [])
        self.assertEqual(alur.aksi_tersedia(self.reviewer_lain, laporan), [])

    # --- Who signs the review statement ---------------------------------------------------

    def setujui(self, ttd):
        self.ke_status(S.DIAJUKAN)
        return alur.laporan_transisi(
            laporan=self.laporan, aksi="setujui", oleh=self.reviewer, ttd=ttd
        )

    def assertTidakBerubah(self):
        self.assertEqual(self.status(), S.DIAJUKAN)
        self.assertFalse(RiwayatStatus.objects.exists())
        anggota = Keanggotaan.objects.get(user=self.reviewer)
        self.assertEqual((anggota.jabatan, anggota.nip), ("", ""))

    def test_approval_keeps_the_signer(self):
        """The approval's history row keeps the name, jabatan, NIP and place typed."""
        riwayat = self.setujui(TTD)
        riwayat.refresh_from_db()
        self.assertEqual(
            (riwayat.ttd_nama, riwayat.ttd_jabatan, riwayat.ttd_nip, riwayat.ttd_tempat),
            (TTD.nama, TTD.jabatan, TTD.nip, TTD.tempat),
        )

    def test_signer_trimmed_and_nip_printed(self):
        """Extra spaces are dropped and a NIP typed without spaces is stored as printed."""
        ttd = alur.TtdReviu(
            nama="  Dr. Budi   Santoso ", jabatan=" Kepala Bagian ", nip="197501012000121001",
            tempat=" Bandar Lampung ",
        )  # fmt: skip
        riwayat = self.setujui(ttd)
        self.assertEqual(
            (riwayat.ttd_nama, riwayat.ttd_jabatan, riwayat.ttd_nip, riwayat.ttd_tempat),
            ("Dr. Budi Santoso", "Kepala Bagian", "19750101 200012 1 001", "Bandar Lampung"),
        )

    def test_approval_without_signer_refused(self):
        """No signer at all: TandaTanganReviuTidakLengkap naming the four parts; nothing
        written."""
        with self.assertRaises(alur.TandaTanganReviuTidakLengkap) as ctx:
            self.setujui(None)
        self.assertEqual(set(ctx.exception.message_dict), {"nama", "jabatan", "nip", "tempat"})
        self.assertIn("Isi NIP penanda tangan", ctx.exception.message_dict["nip"][0])
        self.assertTidakBerubah()

    def test_each_missing_part_refused(self):
        """Each of name, jabatan, NIP and place left blank is refused on its own."""
        for bagian in ["nama", "jabatan", "nip", "tempat"]:
            with self.subTest(bagian=bagian):
                ttd = replace(TTD, **{bagian: "   "})
                with self.assertRaises(alur.TandaTanganReviuTidakLengkap) as ctx:
                    self.setujui(ttd)
                self.assertEqual(list(ctx.exception.message_dict), [bagian])
                self.assertTidakBerubah()

    def test_invalid_nip_refused(self):
        """A NIP that is not one: refused with the validator's message; nothing written."""
        ttd = replace(TTD, nip="12345")
        with self.assertRaisesMessage(alur.TandaTanganReviuTidakLengkap, "NIP '12345' tidak"):
            self.setujui(ttd)
        self.assertTidakBerubah()

    def test_overlong_name_refused(self):
        ttd = replace(TTD, nama="x" * 151)
        with self.assertRaisesMessage(alur.TandaTanganReviuTidakLengkap, "paling panjang 150"):
            self.setujui(ttd)
        self.assertTidakBerubah()

    def test_refused_signer_is_not_an_alur_error_of_another_kind(self):
        """The refusal is an AlurError (the page shows it), of its own class."""
        self.assertTrue(issubclass(alur.TandaTanganReviuTidakLengkap, alur.AlurError))
        self.assertFalse(issubclass(alur.TandaTanganReviuTidakLengkap, alur.KomentarWajib))

    def test_other_moves_take_no_signer(self):
        """Returning with a signer is a programming error; the history rows of other moves
        have a blank signer."""
        self.ke_status(S.DIAJUKAN)
        with self.assertRaises(TypeError):
            alur.laporan_transisi(
                laporan=self.laporan, aksi="kembalikan", oleh=self.reviewer, komentar="x", ttd=TTD
            )
        riwayat = self.langkah("kembalikan", self.reviewer, "Lengkapi.")
        self.assertEqual((riwayat.ttd_nama, riwayat.ttd_nip), ("", ""))

    def test_empty_profile_filled_from_the_approval(self):
        """A reviewer without jabatan and NIP in the profile gets those typed at approval."""
        self.setujui(TTD)
        self.reviewer.keanggotaan.refresh_from_db()
        anggota = self.reviewer.keanggotaan
        self.assertEqual((anggota.jabatan, anggota.nip), (TTD.jabatan, TTD.nip))

    def test_filled_profile_not_overwritten(self):
        """A jabatan already in the profile stays; only the empty NIP is filled."""
        anggota = self.reviewer.keanggotaan
        anggota.jabatan = "Kasubbag Teknis"
        anggota.save()
        self.setujui(TTD)
        anggota.refresh_from_db()
        self.assertEqual((anggota.jabatan, anggota.nip), ("Kasubbag Teknis", TTD.nip))

    def test_approval_form_starts_from_the_profile(self):
        """ttd_awal: the account's full name, the profile's jabatan and NIP, the city of the
        reviewer's office."""
        self.reviewer.first_name, self.reviewer.last_name = "Siti", "Rahmawati"
        anggota = self.reviewer.keanggotaan
        anggota.jabatan, anggota.nip = "Kasubbag Teknis", "19800101 200501 2 001"
        anggota.satker.kota_ttd = "Bandar Lampung"
        self.assertEqual(
            alur.ttd_awal(self.reviewer),
            alur.TtdReviu("Siti Rahmawati", "Kasubbag Teknis", "19800101 200501 2 001",
                          "Bandar Lampung"),
        )  # fmt: skip

    # --- The lock -----------------------------------------------------------------------------

    def test_lock_follows_status(self):
        """Submitted, approved and published reports lock their data; draft and returned not."""
        for status, terkunci in [(S.DRAF, False), (S.DIAJUKAN, True), (S.DIKEMBALIKAN, False),
                                 (S.DISETUJUI, True), (S.TERBIT, True)]:  # fmt: skip
            with self.subTest(status=status):
                self.ke_status(status)
                laporan = Laporan.objects.get(pk=self.laporan.pk)
                if terkunci:
                    with self.assertRaisesMessage(DataTerkunci, "tidak dapat diubah"):
                        laporan.periksa_terbuka()
                    with self.assertRaises(DataTerkunci):
                        periksa_data_terbuka(laporan.satker, 2023, "lembaga")
                else:
                    laporan.periksa_terbuka()
                    periksa_data_terbuka(laporan.satker, 2023, "lembaga")

    def test_lock_is_per_kind_and_year(self):
        """The lembaga report's lock does not touch the secretariat's data or another year."""
        self.ke_status(S.DIAJUKAN)
        periksa_data_terbuka(self.laporan.satker, 2023, "sekretariat")
        periksa_data_terbuka(self.laporan.satker, 2024, "lembaga")

    def test_every_move_writes_the_lock_of_the_satker_year(self):
        """The moves themselves write the lock the apps below read: submitting locks the PK's
        kind with the report's message, returning opens it, approving locks it again."""
        satker = self.laporan.satker
        self.langkah("ajukan", self.penyusun)
        pesan = Laporan.objects.get(pk=self.laporan.pk).pesan_kunci
        self.assertEqual(pesan_kunci(satker, 2023, "lembaga"), pesan)
        self.assertIsNone(pesan_kunci(satker, 2023, "sekretariat"))
        self.langkah("kembalikan", self.reviewer, komentar="Lengkapi analisis.")
        self.assertIsNone(pesan_kunci(satker, 2023))
        self.langkah("ajukan", self.penyusun)
        self.langkah("setujui", self.reviewer)
        self.assertIn("“Disetujui”", pesan_kunci(satker, 2023, "lembaga"))

    def test_combined_report_locks_every_kind(self):
        """A combined report prints both PKs, so its lock covers both kinds."""
        tetapkan_status(self.laporan, jenis="gabungan", status=S.DIAJUKAN)
        for jenis in ("lembaga", "sekretariat"):
            with self.subTest(jenis=jenis), self.assertRaises(DataTerkunci):
                periksa_data_terbuka(self.laporan.satker, 2023, jenis)


class PelakuBerikutnyaTests(SimpleTestCase):
    """Who acts next is read from the transition table, reopening aside."""

    def test_per_status(self):
        harapan = {
            S.DRAF: "penyusun",
            S.DIKEMBALIKAN: "penyusun",
            S.DIAJUKAN: "pereviu",
            S.DISETUJUI: "pimpinan",
            S.TERBIT: None,
        }
        for status, pelaku in harapan.items():
            with self.subTest(status=status):
                laporan = Laporan(status=status)
                self.assertEqual(alur.pelaku_berikutnya(laporan), pelaku)
                self.assertEqual(alur.keterangan_berikutnya(laporan), alur.MENUNGGU[pelaku])

    def test_every_status_has_a_sentence(self):
        self.assertEqual(len({alur.keterangan_berikutnya(Laporan(status=s)) for s in S}), 4)
