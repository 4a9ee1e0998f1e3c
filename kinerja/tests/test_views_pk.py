"""The Perjanjian Kinerja pages: permissions per persona for every view, then behaviour.

Personas: operator of Lampung Utara (A), operator of Rejang Lebong (B), reviewer of Lampung
(A's province), reviewer of Bengkulu (another province), pimpinan of A, admin, anonymous.
"""

from datetime import date
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from kinerja.models import AnggaranPK, ItemPK, PerjanjianKinerja, Renstra, TargetTriwulan
from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user
from .test_services_pk import buat_renstra_nasional


class PersonaMixin:
    @classmethod
    def setUpTestData(cls):
        s = cls.s = buat_satker()
        s["lampura"].kota_ttd = "Kotabumi"
        s["lampura"].save()
        cls.pk_a, cls.items = buat_pk(s["lampura"])
        cls.pk_b, _ = buat_pk(s["rejang"], tahun=2024)
        cls.sasaran_a = cls.items["persen"].indikator.sasaran
        cls.anggaran_a = AnggaranPK.objects.create(
            pk_induk=cls.pk_a, urutan=1, program="Program Dukungan Manajemen", pagu=2647529000
        )
        cls.persona = {
            "operator_a": buat_user("operator.a", s["lampura"], Peran.OPERATOR),
            "operator_b": buat_user("operator.b", s["rejang"], Peran.OPERATOR),
            "reviewer_a": buat_user("reviewer.lampung", s["lampung"], Peran.REVIEWER),
            "reviewer_lain": buat_user("reviewer.bengkulu", s["bengkulu"], Peran.REVIEWER),
            "pimpinan_a": buat_user("pimpinan.a", s["lampura"], Peran.PIMPINAN),
            "admin": buat_user("admin", s["ri"], Peran.ADMIN),
            "anonim": None,
        }

    def login(self, persona="operator_a"):
        user = self.persona[persona]
        if user is not None:
            self.client.force_login(user)
        return user


# view name, HTTP method, URL arguments, "baca" (read page) or "ubah" (a write)
VIEWS = [
    ("pk_buat", "get", lambda t: [t.s["lampura"].kode], "ubah"),
    ("pk_ubah", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_susun", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_dokumen", "get", lambda t: [t.pk_a.id], "baca"),
    ("pk_revisi", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_item_katalog", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_item_baru", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_item_target", "get", lambda t: [t.items["persen"].id], "ubah"),
    ("pk_item_hapus", "post", lambda t: [t.items["persen"].id], "ubah"),
    ("pk_item_naik", "post", lambda t: [t.items["akip"].id], "ubah"),
    ("pk_item_turun", "post", lambda t: [t.items["persen"].id], "ubah"),
    ("pk_sasaran_naik", "post", lambda t: [t.pk_a.id, t.sasaran_a.id], "ubah"),
    ("pk_sasaran_turun", "post", lambda t: [t.pk_a.id, t.sasaran_a.id], "ubah"),
    ("pk_anggaran", "get", lambda t: [t.pk_a.id], "ubah"),
    ("pk_anggaran_hapus", "post", lambda t: [t.pk_a.id, t.anggaran_a.id], "ubah"),
]

# persona → expected outcome for a read page and for a write
HARAPAN = {
    "operator_a": {"baca": "boleh", "ubah": "boleh"},
    "admin": {"baca": "boleh", "ubah": "boleh"},
    "operator_b": {"baca": 404, "ubah": 404},
    "reviewer_lain": {"baca": 404, "ubah": 404},
    "reviewer_a": {"baca": "boleh", "ubah": 403},
    "pimpinan_a": {"baca": "boleh", "ubah": 403},
    "anonim": {"baca": "login", "ubah": "login"},
}


class AksesTests(PersonaMixin, TestCase):
    """One generated test per view and persona."""

    def periksa(self, nama, metode, argumen, jenis, persona):
        self.login(persona)
        url = reverse(nama, args=argumen(self))
        r = getattr(self.client, metode)(url)
        harapan = HARAPAN[persona][jenis]
        if harapan == "login":
            self.assertRedirects(r, f"{reverse('login')}?next={url}", fetch_redirect_response=False)
        elif harapan == "boleh":
            self.assertEqual(r.status_code, 200 if metode == "get" else 302)
        else:
            self.assertEqual(r.status_code, harapan)


def _buat_tes(nama, metode, argumen, jenis, persona):
    def tes(self):
        self.periksa(nama, metode, argumen, jenis, persona)

    harapan = HARAPAN[persona][jenis]
    kata = {"boleh": "is allowed", "login": "is sent to login"}.get(harapan, f"gets {harapan}")
    tes.__doc__ = f"{persona} {kata} on {metode.upper()} {nama}."
    return tes


for _nama, _metode, _argumen, _jenis in VIEWS:
    for _persona in HARAPAN:
        setattr(
            AksesTests,
            f"test_{_nama}_{_persona}",
            _buat_tes(_nama, _metode, _argumen, _jenis, _persona),
        )


def data_pk(**ubah):
    data = {
        "tahun": "2023",
        "jenis": "sekretariat",
        "renstra": "",
        "tempat_ttd": "Kotabumi",
        "tanggal_ttd": "2023-01-02",
        "pihak_pertama_nama": "Sekretaris Uji",
        "pihak_pertama_jabatan": "Sekretaris KPU Kabupaten Lampung Utara",
        "pihak_pertama_nip": "198811282007011002",
        "pihak_kedua_nama": "Ketua Uji",
        "pihak_kedua_jabatan": "Ketua KPU Kabupaten Lampung Utara",
        "pihak_kedua_nip": "",
    }
    return {**data, **ubah}


class PKFormTests(PersonaMixin, TestCase):
    def test_create_pk(self):
        """A valid form creates the PK and opens its rows page."""
        self.login()
        r = self.client.post(reverse("pk_buat", args=["18.03"]), data_pk())
        pk = PerjanjianKinerja.objects.get(satker__kode="18.03", jenis="sekretariat")
        self.assertRedirects(r, reverse("pk_susun", args=[pk.id]))
        self.assertEqual(pk.pihak_pertama_nip, "19881128 200701 1 002")
        self.assertEqual(pk.renstra, self.pk_a.renstra)

    def test_create_form_defaults_to_satker_city(self):
        """The signing place defaults to the satker's city."""
        self.login()
        r = self.client.get(reverse("pk_buat", args=["18.03"]))
        self.assertContains(r, 'value="Kotabumi"')

    def test_create_adopts_national_renstra(self):
        """A satker without a Renstra gets KPU RI's adopted when its first PK is created."""
        buat_renstra_nasional(self.s["ri"])
        self.client.force_login(buat_user("operator.metro", self.s["metro"], Peran.OPERATOR))
        r = self.client.post(reverse("pk_buat", args=["18.72"]), data_pk(jenis="lembaga"))
        self.assertEqual(r.status_code, 302)
        renstra = Renstra.objects.get(satker__kode="18.72")
        self.assertEqual(renstra.acuan.satker.kode, "00")

    def test_duplicate_pk_refused(self):
        """A second PK for the same satker, year and kind is refused with a message."""
        self.login()
        r = self.client.post(reverse("pk_buat", args=["18.03"]), data_pk(jenis="lembaga"))
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "sudah memiliki Perjanjian Kinerja", status_code=400)
        self.assertEqual(PerjanjianKinerja.objects.filter(satker__kode="18.03").count(), 1)

    def test_wrong_nip_refused(self):
        """A NIP that is not 18 digits is shown as an error on its field."""
        self.login()
        r = self.client.post(reverse("pk_buat", args=["18.03"]), data_pk(pihak_pertama_nip="123"))
        self.assertContains(r, "NIP terdiri atas 18 angka", status_code=400)
        self.assertContains(r, 'value="123"', status_code=400)

    def test_impossible_nip_refused(self):
        """A NIP with a birth date that does not exist: the field says which part is wrong."""
        self.login()
        data = data_pk(pihak_pertama_nip="19880230 200701 1 002")
        r = self.client.post(reverse("pk_buat", args=["18.03"]), data)
        self.assertContains(r, "tanggal 30 Februari 1988 tidak ada", status_code=400)

    def test_edit_header(self):
        """The header is edited and the PK page shows the new signer."""
        self.login()
        url = reverse("pk_ubah", args=[self.pk_a.id])
        r = self.client.post(url, data_pk(jenis="lembaga", pihak_pertama_nama="Ketua Baru"))
        self.assertRedirects(r, reverse("pk_susun", args=[self.pk_a.id]))
        self.pk_a.refresh_from_db()
        self.assertEqual(self.pk_a.pihak_pertama_nama, "Ketua Baru")


class ItemViewTests(PersonaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        sasaran = cls.sasaran_a
        cls.ind_persen = sasaran.indikator.create(
            kode="1.4", nama="Persentase arsip tertata", satuan="%"
        )
        cls.ind_predikat = sasaran.indikator.create(
            kode="1.5",
            nama="Predikat SAKIP baru",
            satuan="predikat",
            jenis_nilai="predikat",
            skala_nilai=cls.items["akip"].indikator.skala_nilai,
        )

    def post_katalog(self, **data):
        self.login()
        return self.client.post(reverse("pk_item_katalog", args=[self.pk_a.id]), data)

    def post_target(self, item, **data):
        self.login()
        isi = {"target": "", "target_kegiatan": "", "satuan_kegiatan": ""}
        isi.update({f"target_tw{tw}": "" for tw in range(1, 5)})
        return self.client.post(reverse("pk_item_target", args=[item.id]), {**isi, **data})

    def test_catalogue_groups_by_sasaran(self):
        """The catalogue lists the missing indicators under their sasaran."""
        self.login()
        r = self.client.get(reverse("pk_item_katalog", args=[self.pk_a.id]))
        self.assertContains(r, "Meningkatnya akuntabilitas")
        self.assertContains(r, "Persentase arsip tertata")
        self.assertNotContains(r, "Persentase laporan tepat waktu")

    def test_catalogue_adds_checked(self):
        """Checked indicators are added with their targets."""
        p, g = self.ind_persen.id, self.ind_predikat.id
        r = self.post_katalog(
            **{f"pilih_{p}": "on", f"target_{p}": "66,23", f"pilih_{g}": "on", f"target_{g}": "BB"}
        )
        self.assertRedirects(r, reverse("pk_susun", args=[self.pk_a.id]))
        self.assertEqual(self.pk_a.item.get(indikator=self.ind_persen).target, Decimal("66.23"))
        self.assertEqual(self.pk_a.item.get(indikator=self.ind_predikat).target_predikat, "BB")

    def test_catalogue_text_target_refused(self):
        """ "dua" as a target is refused on its row and the typed value is kept."""
        p = self.ind_persen.id
        r = self.post_katalog(**{f"pilih_{p}": "on", f"target_{p}": "dua"})
        self.assertContains(r, "bukan angka", status_code=400)
        self.assertContains(r, 'value="dua"', status_code=400)
        self.assertEqual(self.pk_a.item.count(), 3)

    def test_catalogue_nothing_checked(self):
        """Submitting without a checked indicator says so."""
        r = self.post_katalog()
        self.assertContains(r, "Centang paling sedikit satu indikator", status_code=400)

    def test_target_other_unit_refused(self):
        """ "2 laporan" against a % indicator is refused."""
        r = self.post_target(self.items["persen"], target="2 laporan")
        self.assertContains(r, "tidak sesuai dengan satuan", status_code=400)

    def test_target_above_100_for_share_refused(self):
        """120 for a share percentage is refused."""
        r = self.post_target(self.items["persen"], target="120")
        self.assertContains(r, "tidak boleh lebih dari 100", status_code=400)
        self.items["persen"].refresh_from_db()
        self.assertEqual(self.items["persen"].target, Decimal("95"))

    def test_grade_outside_scale_refused(self):
        """A grade that is not on the scale is refused."""
        r = self.post_target(self.items["akip"], target="E")
        self.assertContains(r, "tidak ada dalam skala", status_code=400)

    def test_cyrillic_grade_normalised(self):
        """A Cyrillic "В" posted as a grade is stored as the Latin B."""
        r = self.post_target(self.items["akip"], target="\u0412")
        self.assertEqual(r.status_code, 302)
        self.items["akip"].refresh_from_db()
        self.assertEqual(self.items["akip"].target_predikat, "B")

    def test_quarter_targets_saved(self):
        """Quarterly targets and the target kegiatan are saved from the form."""
        r = self.post_target(
            self.items["persen"],
            target="95",
            target_tw2="40,5",
            target_kegiatan="5",
            satuan_kegiatan="orang",
        )
        self.assertEqual(r.status_code, 302)
        tw2 = TargetTriwulan.objects.get(item=self.items["persen"], triwulan=2)
        self.assertEqual(tw2.target, Decimal("40.5"))

    def test_target_form_shows_current_value(self):
        """The target form shows the stored target the Indonesian way."""
        item = self.items["persen"]
        item.target = Decimal("66.23")
        item.save()
        self.login()
        r = self.client.get(reverse("pk_item_target", args=[item.id]))
        self.assertContains(r, 'value="66,23"')

    def test_own_indicator_added(self):
        """An own indicator under a new sasaran is added to the Renstra and the PK."""
        self.login()
        data = {
            "sasaran": "",
            "sasaran_baru": "Terwujudnya layanan informasi",
            "nama": "Jumlah rilis",
            "satuan": "rilis",
            "jenis_nilai": "angka",
            "skala_nilai": "",
            "polaritas": "positif",
            "rumus_negatif": "selisih",
            "agregasi": "kumulatif",
            "definisi_operasional": "",
            "sumber_data": "",
            "target": "12",
            "target_kegiatan": "",
            "satuan_kegiatan": "",
            "target_tw1": "",
            "target_tw2": "",
            "target_tw3": "",
            "target_tw4": "",
        }
        r = self.client.post(reverse("pk_item_baru", args=[self.pk_a.id]), data)
        self.assertEqual(r.status_code, 302)
        item = self.pk_a.item.get(indikator__nama="Jumlah rilis")
        self.assertEqual(item.indikator.sasaran.teks, "Terwujudnya layanan informasi")

    def test_own_indicator_needs_sasaran(self):
        """An own indicator without a sasaran is refused."""
        self.login()
        r = self.client.post(
            reverse("pk_item_baru", args=[self.pk_a.id]),
            {
                "nama": "X",
                "satuan": "%",
                "jenis_nilai": "angka",
                "polaritas": "positif",
                "rumus_negatif": "selisih",
                "agregasi": "nilai_akhir",
                "target": "90",
            },
        )
        self.assertContains(r, "Pilih sasaran, atau tulis sasaran baru", status_code=400)

    def test_delete_with_realisasi_explained(self):
        """Deleting an item with realisasi keeps it and explains why."""
        self.login()
        r = self.client.post(reverse("pk_item_hapus", args=[self.items["revisi"].id]), follow=True)
        self.assertContains(r, "sudah memiliki realisasi (TW II, TW IV)")
        self.assertTrue(ItemPK.objects.filter(id=self.items["revisi"].id).exists())

    def test_delete_without_realisasi(self):
        """An item without realisasi is deleted."""
        self.items["persen"].realisasi.all().delete()
        self.login()
        r = self.client.post(reverse("pk_item_hapus", args=[self.items["persen"].id]))
        self.assertRedirects(r, reverse("pk_susun", args=[self.pk_a.id]))
        self.assertFalse(ItemPK.objects.filter(id=self.items["persen"].id).exists())

    def test_move_down(self):
        """The move-down button swaps the row with the next one."""
        self.login()
        self.client.post(reverse("pk_item_turun", args=[self.items["persen"].id]))
        kode = list(self.pk_a.item.order_by("urutan").values_list("indikator__kode", flat=True))
        self.assertEqual(kode, ["1.2", "1.1", "1.3"])

    def test_move_is_post_only(self):
        """Reordering by GET is refused (405)."""
        self.login()
        r = self.client.get(reverse("pk_item_naik", args=[self.items["akip"].id]))
        self.assertEqual(r.status_code, 405)

    def test_budget_added(self):
        """A programme budget typed as printed is added."""
        self.login()
        r = self.client.post(
            reverse("pk_anggaran", args=[self.pk_a.id]),
            {"kode": "076.01.CQ", "program": "Penyelenggaraan Pemilu", "pagu": "26.608.457.000"},
        )
        self.assertRedirects(r, reverse("pk_anggaran", args=[self.pk_a.id]))
        self.assertEqual(self.pk_a.anggaran.count(), 2)

    def test_rows_page_lists_rows(self):
        """The rows page shows the sasaran, indicators, targets and quarters with realisasi."""
        self.login()
        r = self.client.get(reverse("pk_susun", args=[self.pk_a.id]))
        self.assertContains(r, "Meningkatnya akuntabilitas")
        self.assertContains(r, "95 %")
        self.assertContains(r, "TW II, IV")


class RevisiViewTests(PersonaMixin, TestCase):
    def revisi(self, alasan):
        self.login()
        return self.client.post(reverse("pk_revisi", args=[self.pk_a.id]), {"alasan": alasan})

    def test_revision_without_reason_refused(self):
        """A revision without a reason is refused with a message."""
        r = self.revisi("")
        self.assertContains(r, "Alasan revisi wajib diisi", status_code=400)
        self.assertEqual(PerjanjianKinerja.objects.filter(satker__kode="18.03").count(), 1)

    def test_revision_created(self):
        """A revision with a reason opens the new revision's rows."""
        r = self.revisi("Perubahan DIPA")
        baru = PerjanjianKinerja.objects.get(satker__kode="18.03", revisi=1)
        self.assertRedirects(r, reverse("pk_susun", args=[baru.id]))
        self.assertEqual(baru.item.count(), 3)

    def test_revision_page_says_realisasi_copied(self):
        """The revision page says realisasi and evidence are copied."""
        self.login()
        r = self.client.get(reverse("pk_revisi", args=[self.pk_a.id]))
        self.assertContains(r, "realisasi yang sudah diisi")

    def test_old_revision_edit_refused(self):
        """Editing an old revision sends the user back with a clear message."""
        self.revisi("Perubahan DIPA")
        r = self.client.post(reverse("pk_ubah", args=[self.pk_a.id]), data_pk(), follow=True)
        self.assertRedirects(r, reverse("pk_detail", args=[self.pk_a.id]))
        self.assertContains(r, "PK ini sudah direvisi")

    def test_old_revision_rows_not_moved(self):
        """Moving a row of an old revision is refused."""
        self.revisi("Perubahan DIPA")
        r = self.client.post(reverse("pk_item_turun", args=[self.items["persen"].id]), follow=True)
        self.assertContains(r, "PK ini sudah direvisi")
        self.items["persen"].refresh_from_db()
        self.assertEqual(self.items["persen"].urutan, 1)

    def test_old_revision_readable_with_revision_list(self):
        """The old revision's page is readable and lists the revisions."""
        self.revisi("Perubahan DIPA")
        r = self.client.get(reverse("pk_detail", args=[self.pk_a.id]))
        self.assertContains(r, "telah digantikan oleh")
        self.assertContains(r, "Riwayat revisi")
        self.assertContains(r, "Perubahan DIPA")

    def test_unsigned_pk_revision_refused(self):
        """An unsigned PK cannot be revised."""
        PerjanjianKinerja.objects.filter(id=self.pk_a.id).update(tanggal_ttd=None)
        r = self.revisi("Perubahan")
        self.assertContains(r, "belum ditandatangani", status_code=400)


class DokumenTests(PersonaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        PerjanjianKinerja.objects.filter(id=cls.pk_a.id).update(
            tempat_ttd="Kotabumi",
            pihak_pertama_jabatan="Ketua KPU Kabupaten Lampung Utara",
            pihak_pertama_nip="19881128 200701 1 002",
            tanggal_ttd=date(2023, 1, 2),
        )
        ItemPK.objects.filter(id=cls.items["persen"].id).update(
            target_kegiatan=5, satuan_kegiatan="orang"
        )

    def get(self, persona="reviewer_a"):
        self.login(persona)
        return self.client.get(reverse("pk_dokumen", args=[self.pk_a.id]))

    def test_document_title_and_parties(self):
        """The document has the title, the full name of the satker and the first party."""
        r = self.get()
        self.assertContains(r, "Perjanjian Kinerja Tahun 2023")
        self.assertContains(r, "Komisi Pemilihan Umum Kabupaten Lampung Utara")
        self.assertContains(r, "NIP 19881128 200701 1 002")

    def test_document_table_and_targets(self):
        """The table lists sasaran, indicators, targets and the target kegiatan."""
        r = self.get()
        self.assertContains(r, "Sasaran Strategis")
        self.assertContains(r, "10 kali")
        self.assertContains(r, "5 orang")
        self.assertContains(r, ">BB<")

    def test_document_budget_total_in_rupiah(self):
        """The budget table totals in Rupiah."""
        self.assertContains(self.get(), "Rp 2.647.529.000", count=2)

    def test_document_signature_date_in_indonesian(self):
        """The signature block prints place and date the Indonesian way."""
        self.assertContains(self.get(), "Kotabumi, 2 Januari 2023")

    def test_document_has_print_css(self):
        """The page carries print styles."""
        self.assertContains(self.get(), "@media print")

    def test_document_no_edit_link_for_reader(self):
        """A reviewer sees no edit link on the document."""
        self.assertNotContains(self.get(), reverse("pk_susun", args=[self.pk_a.id]))


class TautanTests(PersonaMixin, TestCase):
    def test_pk_page_shows_actions_to_operator(self):
        """The operator sees the edit buttons on the PK page."""
        self.login()
        r = self.client.get(reverse("pk_detail", args=[self.pk_a.id]))
        self.assertContains(r, reverse("pk_susun", args=[self.pk_a.id]))
        self.assertContains(r, reverse("pk_revisi", args=[self.pk_a.id]))

    def test_pk_page_hides_actions_from_pimpinan(self):
        """The pimpinan sees the document link but no edit buttons."""
        self.login("pimpinan_a")
        r = self.client.get(reverse("pk_detail", args=[self.pk_a.id]))
        self.assertContains(r, reverse("pk_dokumen", args=[self.pk_a.id]))
        self.assertNotContains(r, reverse("pk_susun", args=[self.pk_a.id]))

    def test_year_page_offers_new_pk_to_operator(self):
        """The operator's year page offers to create a PK."""
        self.login()
        r = self.client.get(reverse("satker_tahun", args=["18.03", 2023]))
        self.assertContains(r, reverse("pk_buat", args=["18.03"]))

    def test_year_page_hides_new_pk_from_reviewer(self):
        """The reviewer's year page does not offer to create a PK."""
        self.login("reviewer_a")
        r = self.client.get(reverse("satker_tahun", args=["18.03", 2023]))
        self.assertNotContains(r, reverse("pk_buat", args=["18.03"]))
