"""fixtures/satker.json (built by fixtures/build_satker.py from idn-area-data 4.0.1) loads and
holds the 553 KPU work units with the naming rules of the script."""

import csv
import importlib.util
import io
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from satker.models import Satker, Tingkat

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FIXTURE = FIXTURES / "satker.json"


def muat_skrip_pembangun():
    spec = importlib.util.spec_from_file_location("build_satker", FIXTURES / "build_satker.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_satker = muat_skrip_pembangun()


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def per_kode(records):
    return {r["fields"]["kode"]: r for r in records}


# Rows copied verbatim from idn-area-data 4.0.1 (data/provinces.csv, data/regencies.csv).
PROVINCES_SAMPLE = """code,name
11,Aceh
17,Bengkulu
18,Lampung
31,Daerah Khusus Ibukota Jakarta
36,Banten
"""
REGENCIES_SAMPLE = """code,province_code,name
11.01,11,Kabupaten Aceh Selatan
11.71,11,Kota Banda Aceh
17.02,17,Kabupaten Rejang Lebong
17.71,17,Kota Bengkulu
18.03,18,Kabupaten Lampung Utara
18.71,18,Kota Bandar Lampung
18.72,18,Kota Metro
31.01,31,Kabupaten Administrasi Kepulauan Seribu
31.71,31,Kota Administrasi Jakarta Pusat
36.73,36,Kota Serang
"""

# The same kind of data in ALL CAPS, as older releases and other sources spell it.
PROVINCES_CAPS = """code,name
11,ACEH
19,KEPULAUAN BANGKA BELITUNG
31,DKI JAKARTA
34,DI YOGYAKARTA
72,SULAWESI TENGAH
73,SULAWESI SELATAN
"""
REGENCIES_CAPS = """code,province_code,name
11.71,11,KOTA BANDA ACEH
19.71,19,KOTA PANGKAL PINANG
31.01,31,KABUPATEN ADMINISTRASI KEPULAUAN SERIBU
31.71,31,KOTA ADMINISTRASI JAKARTA PUSAT
34.01,34,KAB. KULON PROGO
72.04,72,KABUPATEN TOLI-TOLI
73.10,73,KABUPATEN PANGKAJENE DAN KEPULAUAN
"""


class SatkerFixtureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("loaddata", FIXTURE, verbosity=0)

    def test_counts_per_tingkat(self):
        """The fixture loads 553 satker: 1 KPU RI, 38 provinces, 514 regencies and cities."""
        self.assertEqual(Satker.objects.count(), 553)
        self.assertEqual(Satker.objects.filter(tingkat=Tingkat.RI).count(), 1)
        self.assertEqual(Satker.objects.provinsi().count(), 38)
        self.assertEqual(Satker.objects.kabkota().count(), 514)

    def test_kpu_ri_is_the_root(self):
        """KPU RI has kode "00", no parent, and is the parent of every province."""
        ri = Satker.objects.get(kode="00")
        self.assertEqual(ri.nama, "Komisi Pemilihan Umum Republik Indonesia")
        self.assertIsNone(ri.induk)
        self.assertEqual(ri.kota_ttd, "Jakarta")
        self.assertFalse(Satker.objects.provinsi().exclude(induk=ri).exists())

    def test_kabkota_parent_is_province_of_code_prefix(self):
        """Every regency's parent is the province whose kode is its kode's prefix."""
        for satker in Satker.objects.kabkota().select_related("induk"):
            self.assertEqual(satker.induk.tingkat, Tingkat.PROVINSI, satker.kode)
            self.assertEqual(satker.induk.kode, satker.kode.split(".")[0], satker.kode)

    def test_lampung_utara(self):
        """18.03 is KPU Kabupaten Lampung Utara under KPU Provinsi Lampung, no kota_ttd."""
        satker = Satker.objects.get(kode="18.03")
        self.assertEqual(satker.nama, "KPU Kabupaten Lampung Utara")
        self.assertEqual(satker.nama_wilayah, "Kabupaten Lampung Utara")
        self.assertEqual(satker.induk.nama, "KPU Provinsi Lampung")
        self.assertEqual(satker.kota_ttd, "")

    def test_kota_metro(self):
        """18.72 is KPU Kota Metro and signs in Metro."""
        satker = Satker.objects.get(kode="18.72")
        self.assertEqual(satker.nama, "KPU Kota Metro")
        self.assertEqual(satker.kota_ttd, "Metro")

    def test_kota_serang(self):
        """36.73 is KPU Kota Serang under KPU Provinsi Banten."""
        satker = Satker.objects.get(kode="36.73")
        self.assertEqual(satker.nama, "KPU Kota Serang")
        self.assertEqual(satker.induk.kode, "36")

    def test_rejang_lebong(self):
        """17.02 is KPU Kabupaten Rejang Lebong under KPU Provinsi Bengkulu."""
        satker = Satker.objects.get(kode="17.02")
        self.assertEqual(satker.nama, "KPU Kabupaten Rejang Lebong")
        self.assertEqual(satker.induk.nama, "KPU Provinsi Bengkulu")

    def test_aceh_is_kip(self):
        """Aceh's province and regencies are Komisi Independen Pemilihan, not KPU."""
        self.assertEqual(Satker.objects.get(kode="11").nama, "Komisi Independen Pemilihan Aceh")
        anak = Satker.objects.filter(induk__kode="11")
        self.assertTrue(anak.exists())
        for satker in anak:
            self.assertRegex(satker.nama, r"^Komisi Independen Pemilihan (Kabupaten|Kota) ")

    def test_special_province_names(self):
        """Jakarta and Yogyakarta keep their customary KPU names."""
        self.assertEqual(Satker.objects.get(kode="31").nama, "KPU Provinsi DKI Jakarta")
        self.assertEqual(
            Satker.objects.get(kode="34").nama, "KPU Provinsi Daerah Istimewa Yogyakarta"
        )

    def test_fixture_loads_again_without_duplicates(self):
        """Loading the fixture a second time updates by natural key instead of duplicating."""
        call_command("loaddata", FIXTURE, verbosity=0)
        self.assertEqual(Satker.objects.count(), 553)


class BuildScriptTests(SimpleTestCase):
    """build_records on small in-memory CSV samples, without network."""

    def bangun(self, provinces, regencies):
        return build_satker.build_records(rows(provinces), rows(regencies))

    def test_sample_matches_fixture(self):
        """Real CSV rows give exactly the records stored in fixtures/satker.json."""
        fixture = per_kode(json.loads(FIXTURE.read_text(encoding="utf-8")))
        built = self.bangun(PROVINCES_SAMPLE, REGENCIES_SAMPLE)
        for record in built:
            self.assertEqual(record, fixture[record["fields"]["kode"]])

    def test_records_are_natural_key_fixtures_parent_first(self):
        """Records have no pk, refer to the parent by natural key, and follow their parent."""
        seen = set()
        for record in self.bangun(PROVINCES_SAMPLE, REGENCIES_SAMPLE):
            self.assertEqual(record["model"], "satker.satker")
            self.assertNotIn("pk", record)
            induk = record["fields"]["induk"]
            if induk is not None:
                self.assertIn(induk[0], seen)
            seen.add(record["fields"]["kode"])

    def test_all_caps_province_names_title_cased(self):
        """ALL-CAPS province names are title-cased, keeping DKI and spelling out DI."""
        built = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))
        names = {kode: built[kode]["fields"]["nama"] for kode in ("19", "31", "34", "72")}
        self.assertEqual(
            names,
            {
                "19": "KPU Provinsi Kepulauan Bangka Belitung",
                "31": "KPU Provinsi DKI Jakarta",
                "34": "KPU Provinsi Daerah Istimewa Yogyakarta",
                "72": "KPU Provinsi Sulawesi Tengah",
            },
        )

    def test_all_caps_regency_names_keep_dan_and_hyphens(self):
        """ "DAN" stays lower case and each part of a hyphenated name is capitalised."""
        built = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))
        self.assertEqual(built["73.10"]["fields"]["nama"], "KPU Kabupaten Pangkajene dan Kepulauan")
        self.assertEqual(built["72.04"]["fields"]["nama_wilayah"], "Kabupaten Toli-Toli")

    def test_kab_abbreviation_expanded(self):
        """A "KAB." prefix becomes "Kabupaten"."""
        fields = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))["34.01"]["fields"]
        self.assertEqual(fields["nama"], "KPU Kabupaten Kulon Progo")
        self.assertEqual(fields["nama_wilayah"], "Kabupaten Kulon Progo")

    def test_jakarta_administrasi_dropped_from_kpu_name(self):
        """Jakarta's "Administrasi" stays in nama_wilayah but not in the KPU name."""
        built = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))
        self.assertEqual(built["31.71"]["fields"]["nama"], "KPU Kota Jakarta Pusat")
        self.assertEqual(
            built["31.71"]["fields"]["nama_wilayah"], "Kota Administrasi Jakarta Pusat"
        )
        self.assertEqual(built["31.01"]["fields"]["nama"], "KPU Kabupaten Kepulauan Seribu")

    def test_aceh_regencies_are_kip(self):
        """An Aceh city is a Komisi Independen Pemilihan Kota."""
        fields = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))["11.71"]["fields"]
        self.assertEqual(fields["nama"], "Komisi Independen Pemilihan Kota Banda Aceh")

    def test_kota_ttd(self):
        """A Kota signs in its own name, a Kabupaten is blank, a province in its capital."""
        built = per_kode(self.bangun(PROVINCES_CAPS, REGENCIES_CAPS))
        self.assertEqual(built["19.71"]["fields"]["kota_ttd"], "Pangkal Pinang")
        self.assertEqual(built["72.04"]["fields"]["kota_ttd"], "")
        self.assertEqual(built["19"]["fields"]["kota_ttd"], "Pangkal Pinang")
        self.assertEqual(built["31"]["fields"]["kota_ttd"], "Jakarta")

    def test_regency_of_unknown_province_refused(self):
        """A regency whose province is missing from the data is an error."""
        with self.assertRaises(ValueError):
            self.bangun("code,name\n18,Lampung\n", "code,province_code,name\n17.02,17,Kota X\n")
