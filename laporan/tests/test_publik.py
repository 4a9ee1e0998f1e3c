"""The public publication page (laporan/views_publik.py): published reports only, no login."""

from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan.models import BerkasFinal, Laporan, RiwayatStatus, StatusLaporan
from laporan.services import laporan_buat
from laporan.tests.helpers import buat_laporan, tetapkan_status
from satker.models import Peran

S = StatusLaporan
ISI_PDF = b"%PDF-1.7\n% LKj uji\n%%EOF\n"


def simpan_final(laporan, revisi=1, isi=ISI_PDF):
    """A frozen PDF of an approved revision (as laporan/final.py stores it)."""
    reviewer = buat_user(f"rev.{laporan.pk}.{revisi}", laporan.satker, Peran.OPERATOR)
    final = BerkasFinal(
        laporan=laporan, revisi=revisi, sha256="0" * 64, jumlah_halaman=1, ukuran=len(isi),
        disetujui_oleh=reviewer, disetujui_pada=timezone.now(),
    )  # fmt: skip
    final.berkas.save("final.pdf", ContentFile(isi), save=True)
    return final


class PublikTests(TestCase):
    """Published: Lampung Utara 2023 and KPU Provinsi Lampung 2023 (both from their PK), Lampung
    Utara 2022, Rejang Lebong 2023. Not published: Metro 2023 (approved), Metro 2022
    (submitted), Rejang Lebong 2022 (draft). The visitor is anonymous throughout."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        buat_pk(s["lampung"])
        cls.lampura = laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.lampung = laporan_buat(satker=s["lampung"], tahun=2023, jenis="lembaga")
        tetapkan_status(
            Laporan.objects.filter(pk__in=[cls.lampura.pk, cls.lampung.pk]), status=S.TERBIT
        )
        terbit = {"status": S.TERBIT}
        cls.lampura_2022 = buat_laporan(satker=s["lampura"], tahun=2022, **terbit)
        cls.rejang = buat_laporan(satker=s["rejang"], tahun=2023, **terbit)
        cls.belum = [
            buat_laporan(satker=s["metro"], tahun=2023, status=S.DISETUJUI),
            buat_laporan(satker=s["metro"], tahun=2022, status=S.DIAJUKAN),
            Laporan.objects.create(satker=s["rejang"], tahun=2022, status=S.DRAF),
        ]

    def daftar(self, **params):
        return self.client.get(reverse("publik_daftar"), params)

    def ids(self, r):
        kelompok = r.context["kelompok"]
        return {lap.id for _, per_satker in kelompok for _, daftar in per_satker for lap in daftar}

    def unduh(self, laporan):
        return self.client.get(reverse("publik_unduh", args=[laporan.id]))

    # --- The list -----------------------------------------------------------------------------

    def test_anonymous_visitor_sees_the_page(self):
        r = self.daftar()
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Publikasi Laporan Kinerja")

    def test_only_published_reports_are_listed(self):
        """Approved, submitted and draft reports are absent."""
        r = self.daftar()
        terbit = {self.lampura.id, self.lampura_2022.id, self.rejang.id, self.lampung.id}
        self.assertEqual(self.ids(r), terbit)
        self.assertNotContains(r, "KPU Kota Metro")

    def test_grouped_by_province_then_satker_newest_year_first(self):
        r = self.daftar()
        susunan = [
            (kepala.kode, [(s.kode, [lap.tahun for lap in ls]) for s, ls in per_satker])
            for kepala, per_satker in r.context["kelompok"]
        ]
        self.assertEqual(
            susunan,
            [("17", [("17.02", [2023])]), ("18", [("18", [2023]), ("18.03", [2023, 2022])])],
        )

    def test_each_report_has_a_download_link(self):
        self.assertContains(self.daftar(), reverse("publik_unduh", args=[self.lampura.id]))

    def test_province_filter_keeps_the_province_and_its_kabkota(self):
        r = self.daftar(provinsi="18")
        self.assertEqual(self.ids(r), {self.lampura.id, self.lampura_2022.id, self.lampung.id})

    def test_year_filter(self):
        self.assertEqual(self.ids(self.daftar(tahun="2022")), {self.lampura_2022.id})

    def test_filters_combine(self):
        self.assertEqual(self.ids(self.daftar(provinsi="17", tahun="2022")), set())

    def test_filter_choices_come_from_published_reports(self):
        """The selects offer Bengkulu and Lampung, and the years 2023 and 2022 (newest first)."""
        r = self.daftar()
        self.assertEqual([p.kode for p in r.context["provinsi_list"]], ["17", "18"])
        self.assertEqual(r.context["tahun_list"], [2023, 2022])

    def test_bad_year_shows_everything_with_a_note(self):
        """?tahun=abc is no 500: every published report, and a message."""
        r = self.daftar(tahun="abc")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(self.ids(r)), 4)
        self.assertContains(r, "Tahun harus berupa empat angka")

    def test_unknown_province_shows_everything_with_a_note(self):
        r = self.daftar(provinsi="99'; --")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(self.ids(r)), 4)
        self.assertContains(r, "Provinsi yang dipilih tidak dikenal")

    def test_kabkota_code_is_not_a_province_filter(self):
        r = self.daftar(provinsi="18.03")
        self.assertContains(r, "Provinsi yang dipilih tidak dikenal")

    # --- The download -------------------------------------------------------------------------

    def test_unpublished_reports_cannot_be_downloaded(self):
        """Approved, submitted and draft reports: 404, even with a frozen PDF on file."""
        for laporan in self.belum:
            with self.subTest(status=laporan.status):
                simpan_final(laporan)
                self.assertEqual(self.unduh(laporan).status_code, 404)

    def test_published_report_downloads_its_frozen_pdf(self):
        """The bytes of the PDF frozen at the approval of the published revision."""
        simpan_final(self.lampura)
        r = self.unduh(self.lampura)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(b"".join(r.streaming_content), ISI_PDF)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertEqual(
            r["Content-Disposition"],
            'attachment; filename="LKj-18.03-2023-lembaga-revisi-1.pdf"',
        )

    def test_pdf_of_an_earlier_revision_is_not_served(self):
        """A report reopened and published again serves its new revision's file only."""
        simpan_final(self.lampura, revisi=1, isi=b"%PDF lama")
        Laporan.objects.filter(pk=self.lampura.pk).update(revisi=2)
        r = self.unduh(self.lampura)
        self.assertContains(r, "PDF laporan ini sedang disiapkan", status_code=404)
        simpan_final(self.lampura, revisi=2)
        self.assertEqual(b"".join(self.unduh(self.lampura).streaming_content), ISI_PDF)

    def test_reopened_report_keeps_its_published_revision_public(self):
        """Reopened after publication (now a draft of revision 2): still listed, and the
        revision-1 file is served until revision 2 is published."""
        reviewer = buat_user("rev.lampung", self.lampura.satker.induk, Peran.REVIEWER)
        RiwayatStatus.objects.create(
            laporan=self.lampura, revisi=1, dari=S.DISETUJUI, ke=S.TERBIT, oleh=reviewer
        )
        simpan_final(self.lampura, revisi=1)
        tetapkan_status(Laporan.objects.filter(pk=self.lampura.pk), status=S.DRAF, revisi=2)
        self.assertIn(self.lampura.id, self.ids(self.daftar()))
        r = self.unduh(self.lampura)
        self.assertEqual(b"".join(r.streaming_content), ISI_PDF)
        self.assertIn("revisi-1.pdf", r["Content-Disposition"])

    def test_published_report_without_pdf_says_it_is_being_prepared(self):
        r = self.unduh(self.lampung)
        self.assertContains(r, "PDF laporan ini sedang disiapkan", status_code=404)

    def test_unknown_report_is_404(self):
        r = self.client.get(reverse("publik_unduh", args=[999999]))
        self.assertEqual(r.status_code, 404)
