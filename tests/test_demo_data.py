"""The demo data as `make demo` loads it: every seed satker-year, its numbers, and the admin."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from anggaran.models import RoAnggaran
from anggaran.services import pohon_satker
from kinerja import capaian, impor_pk
from kinerja.models import Indikator, KebijakanCapaian, PerjanjianKinerja, Renstra, RiwayatCapaian
from kinerja.pengukuran import tabel_pengukuran
from kinerja.riwayat import riwayat_indikator
from laporan import dokumen as pdf
from laporan.demo import buat_laporan_demo
from laporan.models import Laporan
from laporan.pengumpul import kumpulkan
from laporan.tests.helpers import tetapkan_status
from nilai import bulatkan
from satker.demo import berkas_demo
from satker.models import Keanggotaan, Peran, Satker
from satker.nip import normalisasi_nip

DEMO = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "demo").glob("*.json"))


class DemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("muat_demo", verbosity=0, stdout=StringIO())

    def tabel(self, kode, tahun, jenis):
        pk = PerjanjianKinerja.objects.dengan_item().get(
            satker__kode=kode, tahun=tahun, jenis=jenis, revisi=0
        )
        return tabel_pengukuran(pk, KebijakanCapaian.objects.get(satker=pk.satker, tahun=tahun))

    def test_pk_workbooks_of_the_demo_import_back_unchanged(self):
        """Each demo satker-year's PK workbook, imported as downloaded, changes nothing."""
        for kode, tahun in (("18.03", 2023), ("18.72", 2024), ("17.02", 2024), ("36.73", 2023)):
            with self.subTest(kode=kode):
                satker = Satker.objects.get(kode=kode)
                hasil = impor_pk.impor_pk(impor_pk.templat_xlsx(satker, tahun))
                self.assertTrue(hasil.diterapkan, hasil.galat)
                self.assertTrue(hasil.baris)
                self.assertEqual({b.status for b in hasil.baris}, {impor_pk.TETAP})

    def test_all_satker_loaded(self):
        """The master data holds KPU RI, 38 provinces and 514 Kab/Kota."""
        self.assertEqual(Satker.objects.count(), 553)

    def test_national_renstra_loaded(self):
        """The national Renstra 2020–2024 belongs to KPU RI and has sasaran."""
        renstra = Renstra.objects.get(satker__kode="00", tahun_mulai=2020)
        self.assertTrue(renstra.sasaran.exists())

    def test_each_seed_satker_has_its_pk(self):
        """The four seed reports are present as PKs of their satker and year."""
        for kode, tahun in [("18.03", 2023), ("36.73", 2023), ("18.72", 2024), ("17.02", 2024)]:
            with self.subTest(kode=kode):
                self.assertTrue(
                    PerjanjianKinerja.objects.filter(satker__kode=kode, tahun=tahun).exists()
                )

    def test_rejang_lebong_has_two_pks(self):
        """Rejang Lebong 2024 has a commission PK and a secretariat PK."""
        jenis = set(
            PerjanjianKinerja.objects.filter(satker__kode="17.02", tahun=2024).values_list(
                "jenis", flat=True
            )
        )
        self.assertEqual(jenis, {"lembaga", "sekretariat"})

    def test_serang_sasaran_5_scored_by_rule(self):
        """Kota Serang printed 95 for target 95 / realisasi 100; the product computes 105,26."""
        tabel = self.tabel("36.73", 2023, "sekretariat")
        baris = next(b for b in tabel.baris if b.indikator.sasaran.nomor == 5)
        self.assertEqual(bulatkan(baris.hasil.nilai), Decimal("105.26"))

    def test_rejang_lebong_budget_from_its_ro_table(self):
        """Seed 003's 24 RO rows: pagu 51.412.431.000 as printed; realisasi 47.457.879.038 (the
        print's 47.457.842.438 plus the 36.600 its CQ.6872 row leaves out)."""
        satker = Satker.objects.get(kode="17.02")
        pohon = pohon_satker(satker, 2024)
        self.assertEqual(RoAnggaran.objects.filter(kro__kegiatan__program__satker=satker).count(),
                         24)  # fmt: skip
        self.assertEqual(pohon.pagu, Decimal("51412431000"))
        self.assertEqual(pohon.realisasi, Decimal("47457879038"))

    def test_serang_budget_totals_the_printed_dipa(self):
        """Kota Serang's tree totals the DIPA seed 001 prints (CQ 18.256.293.000 + WA
        2.159.443.000; realisasi 20.326.861.888, 99,56 %), with the misprinted kegiatan pagu
        18.985.000 entered as 18.885.000; sisa 88.874.112."""
        pohon = pohon_satker(Satker.objects.get(kode="36.73"), 2023)
        self.assertEqual(pohon.cari("076.01.CQ").pagu, Decimal("18256293000"))
        self.assertEqual(pohon.cari("076.01.WA").pagu, Decimal("2159443000"))
        self.assertEqual(pohon.cari("076.01.CQ", "6865").pagu, Decimal("18885000"))
        self.assertEqual(pohon.pagu, Decimal("20415736000"))
        self.assertEqual(pohon.realisasi, Decimal("20326861888"))
        self.assertEqual(bulatkan(pohon.penyerapan), Decimal("99.56"))
        self.assertEqual(pohon.sisa, Decimal("88874112"))

    def test_serang_codes_below_the_programme_are_assumptions(self):
        """Seed 001 prints the programme codes but no kegiatan, KRO or RO code: every one of
        those is marked as an assumption, the programmes are not."""
        pohon = pohon_satker(Satker.objects.get(kode="36.73"), 2023)
        for program in pohon.anak:
            self.assertFalse(program.kode_asumsi, program.kode)
            for simpul in self._di_bawah(program):
                self.assertTrue(simpul.kode_asumsi, (simpul.tingkat, simpul.kode))

    def test_rejang_lebong_codes_are_all_printed(self):
        """Seed 003 prints every code of its budget: nothing is marked as an assumption."""
        pohon = pohon_satker(Satker.objects.get(kode="17.02"), 2024)
        self.assertFalse(pohon.ada_kode_asumsi)

    def _di_bawah(self, simpul):
        for anak in simpul.anak:
            yield anak
            yield from self._di_bawah(anak)

    def test_no_demo_ro_is_linked_to_an_indicator(self):
        """No seed prints which RO serves which indicator, so the demo has no such links and
        no report prints an efficiency per sasaran from them."""
        self.assertFalse(RoAnggaran.item_pk.through.objects.exists())
        semua = Laporan.objects.filter(satker__kode__in=["17.02", "36.73"])
        self.assertEqual(semua.count(), 2)  # Rejang Lebong's combined, Kota Serang's secretariat
        for laporan in semua:
            with self.subTest(laporan=str(laporan)):
                data = kumpulkan(laporan)
                self.assertTrue(data.anggaran_dipa)
                self.assertEqual([s.nomor for s in data.sasaran if s.pagu is not None], [])

    def riwayat(self, kode_satker, kode_indikator, sebelum=2024):
        ind = Indikator.objects.get(
            sasaran__renstra__satker__kode=kode_satker,
            sasaran__renstra__tahun_mulai=2020,
            kode=kode_indikator,
        )
        return riwayat_indikator([ind.id], sebelum=sebelum)[ind.id]

    def test_rejang_lebong_sakip_grade_history_from_seed_003(self):
        """Seed 003's tables (L1028, L1035, L1044) on the commission's 1.4 and the
        secretariat's 6.1: 2022 B against B = 100 %, 2023 BB against B = 5/4 = 125 %."""
        for kode in ("1.4", "6.1"):
            with self.subTest(kode=kode):
                baris = self.riwayat("17.02", kode)
                self.assertEqual(
                    [(b.tahun, b.target, b.realisasi, b.capaian) for b in baris],
                    [(2022, "B", "B", Decimal(100)), (2023, "B", "BB", Decimal(125))],
                )
                self.assertEqual(baris[1].hasil.tampil, "125,00 %")
                self.assertEqual(baris[1].hasil.aturan, capaian.Aturan.PREDIKAT)
                self.assertIn("L1035", baris[1].sumber)
                self.assertIn("menyebut nilai 2023 'B'", baris[1].sumber)

    def test_metro_2023_grade_from_seed_002_has_no_target(self):
        """Seed 002 L475 prints only the 2023 grade BB of PK indicator 2.1: no capaian."""
        (baris,) = self.riwayat("18.72", "2.1")
        self.assertEqual((baris.tahun, baris.target, baris.realisasi), (2023, None, "BB"))
        self.assertIsNone(baris.capaian)
        self.assertEqual(baris.hasil.alasan, "Target belum ditetapkan.")
        self.assertIn("L475", baris.sumber)

    def test_only_printed_earlier_years_are_loaded(self):
        """Seeds 000 and 001 print no earlier-year value of a PK indicator: five rows in all."""
        satker = RiwayatCapaian.objects.values_list(
            "indikator__sasaran__renstra__satker__kode", flat=True
        )
        self.assertEqual(sorted(satker), ["17.02", "17.02", "17.02", "17.02", "18.72"])

    def test_history_page_of_the_demo(self):
        """Rejang Lebong's operator reaches the history page from the year and sees 125,00 %."""
        self.client.force_login(get_user_model().objects.get(username="operator.rejanglebong"))
        respon = self.client.get(reverse("riwayat_satker_tahun", args=["17.02", 2024]), follow=True)
        self.assertContains(respon, "125,00 %")
        self.assertContains(respon, "Nilai Evaluasi atas Akuntabilitas Kinerja KPU")

    # --- The reports' Kata Pengantar signature, from the files' "laporan" blocks -------------

    def ttd(self, kode, jenis):
        lap = Laporan.objects.get(satker__kode=kode, jenis=jenis)
        return (lap.tempat_ttd, lap.tanggal_ttd, lap.penandatangan_nama,
                lap.penandatangan_jabatan, lap.penandatangan_nip)  # fmt: skip

    def test_metro_signed_as_printed(self):
        """Kota Metro's report is signed "Metro, 6 Januari 2025" by its Ketua, as seed 002
        prints it, and its Kata Pengantar says so."""
        self.assertEqual(
            self.ttd("18.72", "lembaga"),
            ("Metro", date(2025, 1, 6), "Erzal Syahreza Aswir", "Ketua KPU Kota Metro", ""),
        )
        laporan = Laporan.objects.get(satker__kode="18.72")
        html = pdf.html_laporan(kumpulkan(laporan))
        kata_pengantar = html[html.index('id="kata-pengantar"') :]
        self.assertIn("Metro, 6 Januari 2025", kata_pengantar)
        self.assertIn("Erzal Syahreza Aswir", kata_pengantar)

    def test_rejang_lebong_one_combined_report_signed_by_the_ketua(self):
        """Seed 003 publishes one LKj holding both PKs, signed "Curup, 17 Januari 2025" by the
        Ketua: the demo has that one combined report, signed so, and no separate ones."""
        self.assertEqual(
            list(Laporan.objects.filter(satker__kode="17.02").values_list("jenis", flat=True)),
            ["gabungan"],
        )
        self.assertEqual(
            self.ttd("17.02", "gabungan"),
            ("Curup", date(2025, 1, 17), "Ujang Maman",
             "Ketua Komisi Pemilihan Umum Kabupaten Rejang Lebong", ""),
        )  # fmt: skip

    def test_serang_signed_without_a_date(self):
        """Seed 001 prints "Serang, Januari 2023" without a day: place and signer, no date."""
        self.assertEqual(
            self.ttd("36.73", "sekretariat"),
            ("Serang", None, "Hendro Sulisty", "Sekretaris KPU Kota Serang", ""),
        )

    def test_lampung_utara_has_no_signer_invented(self):
        """Seed 000 prints no signature: no name, date or NIP in the report."""
        self.assertEqual(self.ttd("18.03", "lembaga")[1:], (None, "", "", ""))

    def test_reload_signs_open_reports_again(self):
        """--ulang signs an open report again as the seed prints it."""
        metro = Laporan.objects.get(satker__kode="18.72")
        Laporan.objects.filter(pk=metro.pk).update(penandatangan_nama="Diubah")
        call_command("muat_demo", ulang=True, verbosity=0, stdout=StringIO())
        self.assertEqual(self.ttd("18.72", "lembaga")[2], "Erzal Syahreza Aswir")

    def test_locked_report_keeps_its_signature(self):
        """A submitted report is not signed again (its content is locked); the command says
        so instead of failing."""
        rejang = Laporan.objects.get(satker__kode="17.02", jenis="gabungan")
        tetapkan_status(
            Laporan.objects.filter(pk=rejang.pk), penandatangan_nama="Diubah", status="diajukan"
        )
        keluaran = []
        buat_laporan_demo(berkas_demo(), keluaran.append)
        self.assertEqual(self.ttd("17.02", "gabungan")[2], "Diubah")
        self.assertIn("terkunci, data penandatanganan tidak dimuat ulang", " ".join(keluaran))

    def test_loading_twice_is_idempotent(self):
        """Reloading with --ulang gives the same counts."""
        before = PerjanjianKinerja.objects.count()
        call_command("muat_demo", ulang=True, verbosity=0, stdout=StringIO())
        self.assertEqual(PerjanjianKinerja.objects.count(), before)

    def test_demo_users_one_per_role(self):
        """There is a demo user for every role, including both provincial reviewers."""
        self.assertEqual(
            set(Keanggotaan.objects.values_list("peran", flat=True)), set(Peran.values)
        )
        for username in ["reviewer.lampung", "reviewer.bengkulu"]:
            self.assertTrue(get_user_model().objects.filter(username=username).exists())

    def test_admin_changelists_show_demo_data(self):
        """Every registered model's admin list page renders for the demo admin."""
        self.client.force_login(get_user_model().objects.get(username="admin"))
        for model in apps.get_models():
            if not admin.site.is_registered(model):
                continue
            meta = model._meta
            with self.subTest(model=meta.label):
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_demo_pages_render_for_their_operator(self):
        """Each demo satker's operator sees its year page with its PK."""
        for username, kode, tahun in [
            ("operator.lampura", "18.03", 2023),
            ("operator.serang", "36.73", 2023),
            ("operator.metro", "18.72", 2024),
            ("operator.rejanglebong", "17.02", 2024),
        ]:
            with self.subTest(username=username):
                self.client.force_login(get_user_model().objects.get(username=username))
                r = self.client.get(reverse("satker_tahun", args=[kode, tahun]))
                self.assertContains(r, "Capaian keseluruhan", status_code=200)


class DemoRefusedInProductionTests(TestCase):
    @override_settings(DEMO_DATA_ALLOWED=False)
    def test_refused_when_not_allowed(self):
        """In production mode muat_demo refuses and writes nothing."""
        with self.assertRaisesMessage(CommandError, "mode produksi"):
            call_command("muat_demo", stdout=StringIO())
        self.assertFalse(Satker.objects.exists())


class DemoFileTests(SimpleTestCase):
    """The demo files themselves, without loading them."""

    def test_every_nip_is_valid_and_printed(self):
        """Every "nip" in the demo files passes the NIP validator and is in printed form."""

        def nip_dalam(nilai):
            if isinstance(nilai, dict):
                for k, v in nilai.items():
                    if k == "nip" and v:
                        yield v
                    yield from nip_dalam(v)
            elif isinstance(nilai, list):
                for v in nilai:
                    yield from nip_dalam(v)

        semua = []
        for path in DEMO:
            for nip in nip_dalam(json.loads(path.read_text(encoding="utf-8"))):
                with self.subTest(berkas=path.name, nip=nip):
                    self.assertEqual(normalisasi_nip(nip), nip)
                semua.append(nip)
        self.assertTrue(semua)

    def test_signature_blocks_follow_the_schema(self):
        """Each file has a "laporan" block right after "kebijakan"; each entry names a kind the
        file has a PK for, says where it comes from, uses only the documented keys, and dates
        the signature in the year after the report's."""
        kunci = {"jenis", "tempat_ttd", "tanggal_ttd", "penandatangan", "sumber"}
        for path in DEMO:
            with self.subTest(berkas=path.name):
                data = json.loads(path.read_text(encoding="utf-8"))
                urutan = list(data)
                self.assertEqual(urutan[urutan.index("kebijakan") + 1], "laporan")
                jenis_pk = {pk["jenis"] for pk in data["perjanjian_kinerja"]}
                if len(jenis_pk) > 1:
                    jenis_pk = {"gabungan"}  # one LKj for both PKs, as the seed publishes
                for blok in data["laporan"]:
                    self.assertLessEqual(set(blok), kunci)
                    self.assertIn(blok["jenis"], jenis_pk)
                    self.assertTrue(blok["sumber"].startswith("Seed "))
                    if blok.get("tanggal_ttd"):
                        self.assertEqual(date.fromisoformat(blok["tanggal_ttd"]).year,
                                         data["tahun"] + 1)  # fmt: skip
                    if "penandatangan" in blok:
                        self.assertEqual(set(blok["penandatangan"]), {"nama", "jabatan", "nip"})
