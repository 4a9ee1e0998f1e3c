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
from kinerja.management.commands import muat_demo
from kinerja.models import KebijakanCapaian, PerjanjianKinerja, Renstra
from kinerja.pengukuran import tabel_pengukuran
from laporan import pdf
from laporan.data import kumpulkan
from laporan.models import Laporan
from satker.models import Keanggotaan, Peran, Satker
from satker.nip import normalisasi_nip

DEMO = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "demo").glob("*.json"))


class DemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("muat_demo", verbosity=0, stdout=StringIO())

    def tabel(self, kode, tahun, jenis):
        pk = PerjanjianKinerja.objects.with_items().get(
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
        self.assertEqual(capaian.bulatkan(baris.hasil.nilai), Decimal("105.26"))

    def test_rejang_lebong_budget_from_its_ro_table(self):
        """Seed 003's 24 RO rows: pagu 51.412.431.000 as printed; realisasi 47.457.879.038 (the
        print's 47.457.842.438 plus the 36.600 its CQ.6872 row leaves out)."""
        satker = Satker.objects.get(kode="17.02")
        pohon = pohon_satker(satker, 2024)
        self.assertEqual(RoAnggaran.objects.filter(kro__kegiatan__program__satker=satker).count(),
                         24)  # fmt: skip
        self.assertEqual(pohon.pagu, Decimal("51412431000"))
        self.assertEqual(pohon.realisasi, Decimal("47457879038"))

    def test_rejang_lebong_secretariat_report_has_budget_and_efficiency_inputs(self):
        """The secretariat report prints the DIPA budget, and sasaran 9 (logistics) the
        absorption of the logistics ROs linked to its indicator."""
        laporan = Laporan.objects.get(satker__kode="17.02", tahun=2024, jenis="sekretariat")
        data = kumpulkan(laporan)
        self.assertTrue(data.anggaran_dipa)
        s9 = next(s for s in data.sasaran if s.nomor == 9)
        self.assertEqual(
            s9.pagu, Decimal("254156000") + Decimal("1286591000") + Decimal("22171000")
        )
        self.assertIsNotNone(s9.penyerapan)

    def test_rejang_lebong_commission_report_has_budget_per_sasaran(self):
        """The commission's report too: sasaran 3 gets the logistics ROs and the ROs of the
        penetapan hasil kegiatan (6982, linked to 3.1 and 3.2), each counted once."""
        laporan = Laporan.objects.get(satker__kode="17.02", tahun=2024, jenis="lembaga")
        s3 = next(s for s in kumpulkan(laporan).sasaran if s.nomor == 3)
        logistik = Decimal("254156000") + Decimal("1286591000") + Decimal("22171000")
        self.assertEqual(s3.pagu, logistik + Decimal("2651000") + Decimal("2653000"))
        self.assertFalse(s3.anggaran_bersama)

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

    def test_rejang_lebong_signature_on_the_lembaga_report(self):
        """Seed 003's one LKj signature (Curup, 17 Januari 2025, the Ketua) goes to the
        commission's report; the secretariat's keeps what its PK gives (no date invented)."""
        self.assertEqual(
            self.ttd("17.02", "lembaga"),
            ("Curup", date(2025, 1, 17), "Ujang Maman",
             "Ketua Komisi Pemilihan Umum Kabupaten Rejang Lebong", ""),
        )  # fmt: skip
        self.assertEqual(
            self.ttd("17.02", "sekretariat"),
            ("Curup", None, "Nopridho Ikhsan",
             "Sekretaris Komisi Pemilihan Umum Kabupaten Rejang Lebong", "19881128 200701 1 002"),
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
        rejang = Laporan.objects.get(satker__kode="17.02", jenis="lembaga")
        Laporan.objects.filter(pk=rejang.pk).update(penandatangan_nama="Diubah", status="diajukan")
        keluaran = StringIO()
        muat_demo.Command(stdout=keluaran).buat_laporan()
        self.assertEqual(self.ttd("17.02", "lembaga")[2], "Diubah")
        self.assertIn("terkunci, data penandatanganan tidak dimuat ulang", keluaran.getvalue())

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
                for blok in data["laporan"]:
                    self.assertLessEqual(set(blok), kunci)
                    self.assertIn(blok["jenis"], jenis_pk)
                    self.assertTrue(blok["sumber"].startswith("Seed "))
                    if blok.get("tanggal_ttd"):
                        self.assertEqual(date.fromisoformat(blok["tanggal_ttd"]).year,
                                         data["tahun"] + 1)  # fmt: skip
                    if "penandatangan" in blok:
                        self.assertEqual(set(blok["penandatangan"]), {"nama", "jabatan", "nip"})
