"""Report pages: who may see and change them, sections, attachments and the PDF request."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from weasyprint import HTML

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import services
from laporan.models import Bagian, BerkasPDF, Lampiran, Laporan, StatusPDF
from laporan.services import laporan_buat
from satker.models import Peran


def pdf_kecil(teks="Pindaian PK") -> bytes:
    return HTML(string=f"<p>{teks}</p>").write_pdf()


class LaporanViewTests(TestCase):
    """Personas: operator A (Lampung Utara), operator B (Rejang Lebong), reviewer of Lampung,
    reviewer of Bengkulu, pimpinan A, admin, anonymous."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.operator_a = buat_user("op.a", s["lampura"], Peran.OPERATOR)
        cls.operator_b = buat_user("op.b", s["rejang"], Peran.OPERATOR)
        cls.pimpinan_a = buat_user("pim.a", s["lampura"], Peran.PIMPINAN)
        cls.reviewer_a = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("rev.b", s["bengkulu"], Peran.REVIEWER)
        cls.admin = buat_user("adm", s["ri"], Peran.ADMIN)

    def url(self, name, *args):
        return reverse(name, args=[self.laporan.id, *args])

    def as_(self, user):
        self.client.force_login(user)

    def test_read_pages_allowed_for_everyone_who_sees_the_satker(self):
        """Operator, pimpinan, reviewer of the province and admin can read the report."""
        for user in [self.operator_a, self.pimpinan_a, self.reviewer_a, self.admin]:
            self.as_(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.url("laporan_detail")).status_code, 200)
                self.assertEqual(self.client.get(self.url("pdf_status")).status_code, 200)

    def test_outsiders_get_404(self):
        """Another satker's operator and another province's reviewer get 404 everywhere."""
        for user in [self.operator_b, self.reviewer_lain]:
            self.as_(user)
            for name in ["laporan_detail", "laporan_pratinjau", "laporan_ubah", "pdf_status"]:
                with self.subTest(user=user.username, view=name):
                    self.assertEqual(self.client.get(self.url(name)).status_code, 404)

    def test_read_only_roles_get_403_on_changes(self):
        """Pimpinan and reviewer cannot edit sections or the signature data."""
        for user in [self.pimpinan_a, self.reviewer_a]:
            self.as_(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.url("laporan_ubah")).status_code, 403)
                r = self.client.post(self.url("bagian_ubah", "ikhtisar"), {"teks": "x"})
                self.assertEqual(r.status_code, 403)

    def test_anonymous_redirected_to_login(self):
        """Anonymous visitors are sent to log in."""
        r = self.client.get(self.url("laporan_detail"))
        self.assertEqual(r.status_code, 302)
        self.assertIn(reverse("login"), r["Location"])

    def test_detail_lists_drafted_sections(self):
        """A new report lists every section as a draft written from the data."""
        self.as_(self.operator_a)
        r = self.client.get(self.url("laporan_detail"))
        self.assertContains(r, "Ikhtisar Eksekutif")
        self.assertContains(r, "draf dari data")

    def test_staff_text_saved_and_kept(self):
        """Saving a section keeps the staff's Markdown as the printed text."""
        self.as_(self.operator_a)
        r = self.client.get(self.url("bagian_ubah", "bab1.latar_belakang"))
        hash_draf = r.context["form"].initial["hash_draf"]
        r = self.client.post(
            self.url("bagian_ubah", "bab1.latar_belakang"),
            {"teks": "Latar belakang **kami**.", "hash_draf": hash_draf},
        )
        self.assertRedirects(r, self.url("laporan_detail"))
        bagian = Bagian.objects.get(laporan=self.laporan, kunci="bab1.latar_belakang")
        self.assertEqual((bagian.sumber, bagian.teks), ("staf", "Latar belakang **kami**."))
        self.assertEqual(bagian.history.first().history_user, self.operator_a)

    def test_empty_text_refused(self):
        """An empty section text is refused with a message; nothing is saved."""
        self.as_(self.operator_a)
        r = self.client.post(self.url("bagian_ubah", "ikhtisar"), {"teks": "  ", "hash_draf": "x"})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Bagian.objects.exists())

    def test_tampered_form_refused_without_error_page(self):
        """A tampered hidden field gives the form back with a message, never a 500."""
        self.as_(self.operator_a)
        r = self.client.post(
            self.url("bagian_ubah", "ikhtisar"), {"teks": "x", "hash_draf": "y" * 200}
        )
        self.assertContains(r, "Formulir rusak", status_code=400)
        self.assertFalse(Bagian.objects.exists())

    def test_year_outside_range_is_404(self):
        """A year that is not four digits is a 404, not a database error."""
        self.as_(self.operator_a)
        for tahun in ["99999999999", "0"]:
            self.assertEqual(self.client.get(f"/satker/18.03/{tahun}/laporan/").status_code, 404)

    def test_unknown_section_is_404(self):
        """A section key that the report does not have is 404."""
        self.as_(self.operator_a)
        self.assertEqual(self.client.get(self.url("bagian_ubah", "bab9.x")).status_code, 404)

    def test_back_to_draft(self):
        """Using the draft again drops the staff text."""
        Bagian.objects.create(laporan=self.laporan, kunci="ikhtisar", sumber="staf", teks="x")
        self.as_(self.operator_a)
        self.client.post(self.url("bagian_draf", "ikhtisar"))
        self.assertEqual(Bagian.objects.get(kunci="ikhtisar").sumber, "draf")

    def test_attachment_must_be_a_real_pdf(self):
        """A text file named .pdf is refused and nothing is stored."""
        self.as_(self.operator_a)
        palsu = SimpleUploadedFile("pk.pdf", b"bukan pdf", content_type="application/pdf")
        self.client.post(self.url("lampiran_unggah"), {"judul": "PK", "berkas": palsu})
        self.assertFalse(Lampiran.objects.exists())

    def test_attachment_pdf_accepted(self):
        """A real PDF is attached with its page count."""
        self.as_(self.operator_a)
        berkas = SimpleUploadedFile("pk.pdf", pdf_kecil(), content_type="application/pdf")
        self.client.post(
            self.url("lampiran_unggah"), {"judul": "PK bertanda tangan", "berkas": berkas}
        )
        self.assertEqual(Lampiran.objects.get().jumlah_halaman, 1)

    def test_pdf_request_renders_and_caches(self):
        """Requesting the PDF twice with unchanged data renders once and offers the same file."""
        self.as_(self.operator_a)
        self.client.post(self.url("pdf_minta"))
        berkas = BerkasPDF.objects.get()
        self.assertEqual(berkas.status, StatusPDF.SELESAI)
        self.assertGreater(berkas.jumlah_halaman, 5)
        self.client.post(self.url("pdf_minta"))
        self.assertEqual(BerkasPDF.objects.count(), 1)
        r = self.client.get(self.url("pdf_unduh", berkas.id))
        self.assertTrue(b"".join(r.streaming_content).startswith(b"%PDF-"))

    def test_changed_text_makes_a_new_pdf(self):
        """Any change of a section gives a new hash and a new PDF."""
        self.as_(self.operator_a)
        self.client.post(self.url("pdf_minta"))
        Bagian.objects.create(
            laporan=self.laporan, kunci="bab4.saran", sumber="staf", teks="Saran baru."
        )
        self.client.post(self.url("pdf_minta"))
        self.assertEqual(BerkasPDF.objects.count(), 2)

    def test_preview_contains_measurement(self):
        """The HTML preview shows the computed capaian."""
        self.as_(self.reviewer_a)
        r = self.client.get(self.url("laporan_pratinjau"))
        self.assertContains(r, "105,26 %")


class LaporanBuatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        buat_pk(cls.s["lampura"])
        cls.operator = buat_user("op", cls.s["lampura"], Peran.OPERATOR)

    def test_create_from_pk(self):
        """An operator creates the report of a year with a PK; signature data starts from the PK."""
        self.client.force_login(self.operator)
        r = self.client.post(reverse("laporan_buat", args=["18.03", 2023]), {"jenis": "lembaga"})
        laporan = Laporan.objects.get()
        self.assertRedirects(r, reverse("laporan_detail", args=[laporan.id]))
        self.assertEqual(laporan.penandatangan_nama, "Ketua Uji")

    def test_create_without_pk_refused(self):
        """A year without a PK cannot get a report; the user is told why."""
        self.client.force_login(self.operator)
        r = self.client.post(
            reverse("laporan_buat", args=["18.03", 2022]), {"jenis": "lembaga"}, follow=True
        )
        self.assertContains(r, "Perjanjian Kinerja")
        self.assertFalse(Laporan.objects.exists())


class PenandatanganTests(TestCase):
    """The report's signature form (laporan_ubah): the NIPs of the signer and the Sekretaris."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.operator = buat_user("op", s["lampura"], Peran.OPERATOR)

    def kirim(self, **ubah):
        self.client.force_login(self.operator)
        data = {
            "tempat_ttd": "Kotabumi",
            "tanggal_ttd": "2024-01-15",
            "penandatangan_nama": "Ketua Uji",
            "penandatangan_jabatan": "Ketua",
            "penandatangan_nip": "",
            "sekretaris_nama": "",
            "sekretaris_nip": "",
            **ubah,
        }
        return self.client.post(reverse("laporan_ubah", args=[self.laporan.id]), data)

    def test_wrong_nips_refused_and_nothing_saved(self):
        """ "12345" for either NIP: the form comes back (400) with the NIP message; the report
        keeps its signature data."""
        for kolom in ["penandatangan_nip", "sekretaris_nip"]:
            with self.subTest(kolom=kolom):
                r = self.kirim(**{kolom: "12345"})
                self.assertContains(r, "NIP &#x27;12345&#x27; tidak valid", status_code=400)
                laporan = Laporan.objects.get(pk=self.laporan.pk)
                self.assertEqual((laporan.tempat_ttd, getattr(laporan, kolom)), ("", ""))

    def test_nips_stored_as_printed(self):
        r = self.kirim(penandatangan_nip="197501012000121001", sekretaris_nip="198811282007011002")
        self.assertRedirects(r, reverse("laporan_detail", args=[self.laporan.id]))
        laporan = Laporan.objects.get(pk=self.laporan.pk)
        self.assertEqual(
            (laporan.penandatangan_nip, laporan.sekretaris_nip),
            ("19750101 200012 1 001", "19881128 200701 1 002"),
        )

    def test_service_refuses_a_wrong_nip(self):
        """laporan_ubah (the service) refuses a NIP with an impossible birth date."""
        with self.assertRaisesMessage(ValidationError, "31 November 1988 tidak ada"):
            services.laporan_ubah(laporan=self.laporan, penandatangan_nip="198811312007011002")
        self.assertEqual(Laporan.objects.get(pk=self.laporan.pk).penandatangan_nip, "")
