"""A satker-year's budget from and to an Excel workbook (the DIPA as a table, one row per RO).

The workbook has one sheet "Anggaran" whose first row holds the column headers (matched without
regard to case, surrounding spaces or order; other columns are ignored). `baca_xlsx` reads and
checks a workbook without writing anything and reports every problem with its row and column;
`impor_xlsx` then replaces the whole budget of the satker-year in one transaction, or writes
nothing; `templat_xlsx` writes the current budget in the same form, so exporting and importing
back changes nothing.

An uploaded file is untrusted: it is read by kinerja.xlsx.baca_lembar (bounded size, streamed,
no more than BATAS_BARIS data rows). Nothing in a bad file raises: every problem becomes a
GalatBaris.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja import xlsx
from kinerja.xlsx import BATAS_BYTE, PESAN_RUMUS, GalatBaris, tulis_teks
from nilai import ANGKA_MAKS, AngkaTidakValid, baca_angka
from satker.kunci import DataTerkunci, periksa_data_terbuka

from . import services
from .models import ProgramAnggaran, SumberDana
from .pohon import BarisRO

BATAS_BARIS = 5000
PANJANG_NAMA = 300  # the models' max_length for names

NAMA_LEMBAR = "Anggaran"
NAMA_LEMBAR_PETUNJUK = "Petunjuk"

K_PROGRAM = "Kode Program"
N_PROGRAM = "Nama Program"
K_KEGIATAN = "Kode Kegiatan"
N_KEGIATAN = "Nama Kegiatan"
K_KRO = "Kode KRO"
N_KRO = "Nama KRO"
K_RO = "Kode RO"
N_RO = "Nama RO"
SUMBER = "Sumber Dana"
PAGU = "Pagu"
REALISASI = "Realisasi"

# The template's column order; the importer accepts any order.
KOLOM = (
    K_PROGRAM,
    N_PROGRAM,
    K_KEGIATAN,
    N_KEGIATAN,
    K_KRO,
    N_KRO,
    K_RO,
    N_RO,
    SUMBER,
    PAGU,
    REALISASI,
)
KOLOM_WAJIB = (K_PROGRAM, N_PROGRAM, K_KEGIATAN, N_KEGIATAN, K_KRO, K_RO, N_RO, PAGU)
KOLOM_KODE = {K_PROGRAM: "program", K_KEGIATAN: "kegiatan", K_KRO: "kro", K_RO: "ro"}
# A code typed as a number loses its leading zeros in Excel (001 becomes 1): pad it back.
DIGIT_KODE = {K_KEGIATAN: 4, K_RO: 3}
LEBAR_KOLOM = {
    K_PROGRAM: 15,
    N_PROGRAM: 40,
    K_KEGIATAN: 15,
    N_KEGIATAN: 45,
    K_KRO: 10,
    N_KRO: 40,
    K_RO: 10,
    N_RO: 50,
    SUMBER: 13,
    PAGU: 20,
    REALISASI: 20,
}


@dataclass
class HasilImpor:
    """What a workbook holds: the rows that passed every check, every problem found and the
    number of data rows read (blank rows are not counted). `nomor_baris[i]` is the worksheet
    row of `baris[i]`."""

    baris: list[BarisRO]
    galat: list[GalatBaris]
    dibaca: int
    nomor_baris: list[int] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # e.g. formulas read by stored value

    @property
    def ok(self) -> bool:
        return not self.galat


# --- Reading ---------------------------------------------------------------------------------


def baca_xlsx(berkas) -> HasilImpor:
    """Read and check a budget workbook without writing anything. `berkas` is a file-like object
    (a Django UploadedFile, a BytesIO) or bytes. Never raises for a bad file."""
    try:
        lembar = xlsx.baca_lembar(
            berkas,
            nama_lembar=NAMA_LEMBAR,
            kolom=KOLOM,
            wajib=KOLOM_WAJIB,
            batas_baris=BATAS_BARIS,
        )
    except xlsx.GalatBuku as exc:
        return HasilImpor([], [GalatBaris(0, "", str(exc))], 0)
    hasil = _periksa_baris(lembar.baris, lembar.rumus)
    hasil.catatan = lembar.catatan
    return hasil


# --- Checking --------------------------------------------------------------------------------


def _kode(kolom: str, nilai) -> str:
    if (
        kolom in DIGIT_KODE
        and isinstance(nilai, int | float)
        and not isinstance(nilai, bool)
        and float(nilai).is_integer()
        and nilai >= 0
    ):
        return str(int(nilai)).zfill(DIGIT_KODE[kolom])
    return xlsx.teks(nilai)


def _angka(kolom: str, nilai) -> Decimal | None:
    """An amount from a cell: an Excel number, or text the Indonesian way ("Rp 2.647.529.000",
    "1.250.000,50", "2.647.529.000,-"). Empty gives None."""
    if xlsx.kosong(nilai):
        return None
    if isinstance(nilai, bool):
        raise xlsx.GalatSel(f"{kolom} harus berupa angka.")
    if isinstance(nilai, int | Decimal):
        angka = Decimal(nilai)
    elif isinstance(nilai, float):
        angka = Decimal(repr(nilai))
        bulat = angka.quantize(Decimal("0.01")) if angka.is_finite() else angka
        if angka.is_finite() and abs(angka - bulat) < Decimal("0.000001"):
            angka = bulat  # binary floating-point noise from a formula
    elif isinstance(nilai, str):
        angka = _angka_teks(kolom, nilai)
    else:
        raise xlsx.GalatSel(f"{kolom} harus berupa angka.")
    if not angka.is_finite():
        raise xlsx.GalatSel(f"{kolom} harus berupa angka.")
    if angka < 0:
        raise xlsx.GalatSel(f"{kolom} tidak boleh negatif.")
    if angka >= ANGKA_MAKS:
        raise xlsx.GalatSel(f"{kolom} terlalu besar.")
    if angka != angka.quantize(Decimal("0.01")):
        raise xlsx.GalatSel(f"{kolom} paling banyak dua angka di belakang koma.")
    return angka


def _angka_teks(kolom: str, nilai: str) -> Decimal:
    teks = unicodedata.normalize("NFKC", nilai)
    teks = re.sub(r"\s+", "", teks)
    teks = re.sub(r"^(-?)rp\.?", r"\1", teks, flags=re.IGNORECASE)
    teks = re.sub(r"[,.]-$", "", teks)  # "2.647.529.000,-"
    if not teks:
        raise xlsx.GalatSel(f"{kolom} harus berupa angka.")
    try:
        return baca_angka(teks)
    except AngkaTidakValid as exc:
        if teks.startswith("-"):
            try:
                baca_angka(teks[1:])
            except AngkaTidakValid:
                pass
            else:
                raise xlsx.GalatSel(f"{kolom} tidak boleh negatif.") from exc
        try:
            if Decimal(re.sub(r"[.,]", "", teks)) >= ANGKA_MAKS:
                raise xlsx.GalatSel(f"{kolom} terlalu besar.") from exc
        except InvalidOperation:
            pass
        raise xlsx.GalatSel(
            f"{kolom} harus berupa angka, misalnya 1.250.000 (tertulis “{nilai.strip()[:50]}”)."
        ) from exc


def _periksa_baris(
    mentah: list[tuple[int, dict[str, object]]], rumus: set[tuple[int, str]]
) -> HasilImpor:
    hasil = HasilImpor([], [], len(mentah))
    nama_program: dict[str, tuple[str, int]] = {}
    nama_kegiatan: dict[tuple, tuple[str, int]] = {}
    nama_kro: dict[tuple, tuple[str, int]] = {}
    ro_ada: dict[tuple, int] = {}

    for nomor, isi in mentah:
        galat: list[GalatBaris] = []

        def salah(kolom: str, pesan: str, nomor=nomor, galat=galat) -> None:
            galat.append(GalatBaris(nomor, kolom, pesan))

        def kosong_wajib(kolom: str, pesan: str, nomor=nomor) -> None:
            if (nomor, kolom) in rumus:
                salah(kolom, f"{kolom} {PESAN_RUMUS}.")
            else:
                salah(kolom, pesan)

        kode: dict[str, str] = {}
        for kolom, tingkat in KOLOM_KODE.items():
            teks = _kode(kolom, isi.get(kolom))
            if not teks:
                induk = "" if tingkat == "ro" else " (baris ini tidak punya induk)"
                kosong_wajib(kolom, f"{kolom} wajib diisi{induk}.")
                continue
            try:
                kode[tingkat] = services.periksa_kode(tingkat, teks)
            except ValidationError as exc:
                salah(kolom, " ".join(exc.messages))

        nama: dict[str, str] = {}
        for kolom in (N_PROGRAM, N_KEGIATAN, N_KRO, N_RO):
            teks = xlsx.teks(isi.get(kolom))
            if not teks and kolom != N_KRO:
                kosong_wajib(kolom, f"{kolom} wajib diisi.")
            elif not teks and (nomor, kolom) in rumus:
                salah(kolom, f"{kolom} {PESAN_RUMUS}.")
            elif len(teks) > PANJANG_NAMA:
                salah(kolom, f"{kolom} paling panjang {PANJANG_NAMA} karakter.")
            nama[kolom] = teks

        sumber = SumberDana.APBN.value
        teks = xlsx.teks(isi.get(SUMBER))
        if (nomor, SUMBER) in rumus:
            salah(SUMBER, f"{SUMBER} {PESAN_RUMUS}.")
        elif teks:
            pilihan = {s.value: s.value for s in SumberDana} | {
                s.label.casefold(): s.value for s in SumberDana
            }
            sumber = pilihan.get(teks.casefold(), "")
            if not sumber:
                salah(SUMBER, f"{SUMBER} harus APBN atau Hibah (tertulis “{teks[:50]}”).")

        jumlah: dict[str, Decimal | None] = {}
        for kolom in (PAGU, REALISASI):
            if (nomor, kolom) in rumus:
                salah(kolom, f"{kolom} {PESAN_RUMUS}.")
                continue
            try:
                jumlah[kolom] = _angka(kolom, isi.get(kolom))
            except xlsx.GalatSel as exc:
                salah(kolom, str(exc))
                continue
            if kolom == PAGU and jumlah[kolom] is None:
                salah(kolom, f"{kolom} wajib diisi.")

        # Checks across rows, once this row's own values are sound.
        if len(kode) == len(KOLOM_KODE):
            p, g, k, r = kode["program"], kode["kegiatan"], kode["kro"], kode["ro"]
            for indeks, kolom, label, kunci, teks in (
                (nama_program, N_PROGRAM, f"Program {p}", p, nama[N_PROGRAM]),
                (nama_kegiatan, N_KEGIATAN, f"Kegiatan {g}", (p, g), nama[N_KEGIATAN]),
                (nama_kro, N_KRO, f"KRO {k} di kegiatan {g}", (p, g, k), nama[N_KRO]),
            ):
                if not teks:
                    continue
                pertama = indeks.get(kunci)
                if pertama is None:
                    indeks[kunci] = (teks, nomor)
                elif pertama[0] != teks:
                    salah(
                        kolom,
                        f"{label} sudah bernama “{pertama[0]}” di baris {pertama[1]}; "
                        "satu kode hanya boleh satu nama.",
                    )
            if sumber:
                kunci_ro = (p, g, k, r, sumber)
                if kunci_ro in ro_ada:
                    salah(
                        K_RO,
                        f"RO {k}.{r} ({SumberDana(sumber).label}) di kegiatan {g} sudah ada di "
                        f"baris {ro_ada[kunci_ro]}.",
                    )
                else:
                    ro_ada[kunci_ro] = nomor

        if galat:
            hasil.galat.extend(galat)
            continue
        hasil.baris.append(
            BarisRO(
                program=kode["program"],
                kegiatan=kode["kegiatan"],
                kro=kode["kro"],
                ro=kode["ro"],
                nama=nama[N_RO],
                pagu=jumlah[PAGU],
                realisasi=jumlah[REALISASI],
                sumber_dana=sumber,
                nama_program=nama[N_PROGRAM],
                nama_kegiatan=nama[N_KEGIATAN],
                nama_kro=nama[N_KRO],
            )
        )
        hasil.nomor_baris.append(nomor)
    return hasil


# --- Writing ---------------------------------------------------------------------------------


class _Batal(Exception):
    def __init__(self, galat: GalatBaris):
        super().__init__(galat.pesan)
        self.galat = galat


def impor_xlsx(*, satker, tahun: int, berkas) -> HasilImpor:
    """Replace the satker-year's whole budget with the workbook's rows, or write nothing: when
    the workbook has any problem, or when a row is refused while saving (the result then
    carries that row's error). A locked report raises DataTerkunci."""
    hasil = baca_xlsx(berkas)
    if not hasil.ok:
        return hasil
    try:
        with transaction.atomic():
            periksa_data_terbuka(satker, tahun)
            ProgramAnggaran.objects.filter(satker=satker, tahun=tahun).delete()
            for nomor, baris in zip(hasil.nomor_baris, hasil.baris, strict=True):
                try:
                    services.ro_simpan(satker=satker, tahun=tahun, baris=baris)
                except DataTerkunci:
                    raise
                except ValidationError as exc:
                    raise _Batal(GalatBaris(nomor, "", " ".join(exc.messages))) from exc
    except _Batal as exc:
        hasil.galat.append(exc.galat)
    return hasil


def templat_xlsx(satker, tahun: int) -> bytes:
    """The satker-year's budget as an importable workbook ("Anggaran" plus "Petunjuk")."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = NAMA_LEMBAR
    xlsx.tulis_judul(lembar, [(k, LEBAR_KOLOM[k]) for k in KOLOM])
    posisi = {k: i for i, k in enumerate(KOLOM, start=1)}
    for kolom in KOLOM_KODE:
        huruf = get_column_letter(posisi[kolom])
        lembar.column_dimensions[huruf].number_format = "@"  # keep "001" as typed

    for nomor, b in enumerate(services.baris_satker(satker, tahun), start=2):
        teks = {
            K_PROGRAM: b.program,
            N_PROGRAM: b.nama_program,
            K_KEGIATAN: b.kegiatan,
            N_KEGIATAN: b.nama_kegiatan,
            K_KRO: b.kro,
            N_KRO: b.nama_kro,
            K_RO: b.ro,
            N_RO: b.nama,
            SUMBER: SumberDana(b.sumber_dana).label,
        }
        for kolom, nilai in teks.items():
            sel = lembar.cell(row=nomor, column=posisi[kolom])
            tulis_teks(sel, nilai or "")
            if kolom in KOLOM_KODE:
                sel.number_format = "@"
        for kolom, nilai in ((PAGU, b.pagu), (REALISASI, b.realisasi)):
            sel = lembar.cell(row=nomor, column=posisi[kolom])
            sel.value = xlsx.angka_sel(nilai)
            sel.number_format = "#,##0"

    huruf_sumber = get_column_letter(posisi[SUMBER])
    pilihan = DataValidation(type="list", formula1='"APBN,Hibah"', allow_blank=True)
    pilihan.error = "Isi APBN atau Hibah."
    pilihan.add(f"{huruf_sumber}2:{huruf_sumber}{BATAS_BARIS + 1}")
    lembar.add_data_validation(pilihan)
    for kolom in (PAGU, REALISASI):
        huruf = get_column_letter(posisi[kolom])
        lembar.column_dimensions[huruf].number_format = "#,##0"

    _petunjuk(buku.create_sheet(NAMA_LEMBAR_PETUNJUK), satker, tahun)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _petunjuk(lembar, satker, tahun: int) -> None:
    wajib = "wajib"
    baris = [
        (f"Petunjuk pengisian anggaran {getattr(satker, 'nama', satker)} tahun {tahun}", ""),
        ("", ""),
        (
            "Cara mengisi",
            f"Isi lembar “{NAMA_LEMBAR}”: satu baris untuk setiap RO per sumber dana. Judul "
            "kolom ada di baris 1 (urutan bebas, huruf besar/kecil tidak berpengaruh). Baris "
            "kosong dilewati. Mengimpor berkas ini mengganti SELURUH anggaran satker pada tahun "
            f"tersebut. Paling banyak {BATAS_BARIS:,} baris, ukuran berkas paling besar "
            f"{BATAS_BYTE // (1024 * 1024)} MB.".replace(",", "."),
        ),
        ("", ""),
        ("Kolom", "Keterangan"),
        (K_PROGRAM, f"{wajib}; bentuk 999.99.XX, contoh 076.01.CQ"),
        (N_PROGRAM, f"{wajib}; satu kode program hanya boleh satu nama"),
        (K_KEGIATAN, f"{wajib}; empat angka, contoh 6639"),
        (N_KEGIATAN, f"{wajib}; satu kode kegiatan hanya boleh satu nama"),
        (K_KRO, f"{wajib}; tiga huruf besar, contoh QGE"),
        (N_KRO, "boleh kosong"),
        (K_RO, f"{wajib}; tiga angka, contoh 001 (tulis sebagai teks agar angka 0 tidak hilang)"),
        (N_RO, f"{wajib}; paling panjang {PANJANG_NAMA} karakter"),
        (SUMBER, "APBN atau Hibah; kosong berarti APBN"),
        (
            PAGU,
            f"{wajib}; rupiah, angka 0 atau lebih. Boleh angka Excel atau teks seperti "
            "2.647.529.000 atau Rp 2.647.529.000 (titik pemisah ribuan, koma desimal)",
        ),
        (REALISASI, "boleh kosong bila belum diketahui; aturan angka sama dengan Pagu"),
        ("", ""),
        (
            "Catatan",
            "Pagu dan realisasi Program, Kegiatan dan KRO tidak diisi: dihitung otomatis dari "
            "jumlah RO di bawahnya. RO yang sama (KRO, kode RO dan sumber dana sama) tidak boleh "
            "muncul dua kali dalam satu kegiatan. Bila berisi rumus, simpan berkas di Excel "
            "sebelum diunggah agar nilainya tersimpan.",
        ),
    ]
    xlsx.tulis_petunjuk(lembar, baris, tebal={"Kolom", "Cara mengisi", "Catatan", *KOLOM})
