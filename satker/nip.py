"""The NIP (Nomor Induk Pegawai) of an Indonesian civil servant: reading, checking, printing.

A NIP is 18 digits, printed in four groups, "19881128 200701 1 002":

    digits  1–8   birth date, yyyymmdd
    digits  9–14  month of appointment as CPNS, yyyymm
    digit  15     sex: 1 male, 2 female
    digits 16–18  sequence number among those sharing the rest, 001–999

Pure Python, no database: every NIP field of every app (PK signers, the report's signers, a
member's profile, the reviewer's approval) goes through `normalisasi_nip`, so a NIP is read and
refused one way everywhere, with a message naming the part that is wrong.
"""

from datetime import date

from django.core.exceptions import ValidationError

PANJANG = 18
CONTOH = "19881128 200701 1 002"

# Nobody born before this year is still in service; a civil servant is at least 18 when
# appointed (checked to the month, since the appointment takes effect on the 1st).
TAHUN_LAHIR_PALING_AWAL = 1930
UMUR_PALING_MUDA = 18

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _bulan_tahun(tahun: int, bulan: int) -> str:
    return f"{BULAN[bulan - 1]} {tahun}"


def _tanggal_lahir(bagian: str, hari_ini: date) -> tuple[date | None, str]:
    """The birth date of digits 1–8, or why they are not one."""
    awal = f"8 angka pertama ({bagian}) harus tanggal lahir (tttt bb hh)"
    tahun, bulan, hari = int(bagian[:4]), int(bagian[4:6]), int(bagian[6:])
    if not 1 <= bulan <= 12:
        return None, f"{awal}, tetapi bulan {bagian[4:6]} tidak ada"
    try:
        lahir = date(tahun, bulan, hari)
    except ValueError:
        return None, f"{awal}, tetapi tanggal {hari} {BULAN[bulan - 1]} {tahun} tidak ada"
    paling_akhir = hari_ini.year - UMUR_PALING_MUDA
    if not TAHUN_LAHIR_PALING_AWAL <= tahun <= paling_akhir:
        return None, (
            f"{awal}, tetapi tahun lahir {tahun} tidak mungkin untuk pegawai "
            f"(antara {TAHUN_LAHIR_PALING_AWAL} dan {paling_akhir})"
        )
    return lahir, ""


def _bulan_pengangkatan(bagian: str, lahir: date | None, hari_ini: date) -> str:
    """Why digits 9–14 are not a plausible month of appointment, or ""."""
    awal = f"angka ke-9 sampai ke-14 ({bagian}) harus bulan pengangkatan CPNS (tttt bb)"
    tahun, bulan = int(bagian[:4]), int(bagian[4:])
    if not 1 <= bulan <= 12:
        return f"{awal}, tetapi bulan {bagian[4:]} tidak ada"
    if (tahun, bulan) > (hari_ini.year, hari_ini.month):
        return f"{awal}, tetapi {_bulan_tahun(tahun, bulan)} belum terjadi"
    if lahir is not None and (tahun, bulan) < (lahir.year + UMUR_PALING_MUDA, lahir.month):
        return (
            f"{awal}, tetapi {_bulan_tahun(tahun, bulan)} pemilik NIP belum berumur "
            f"{UMUR_PALING_MUDA} tahun (lahir {_bulan_tahun(lahir.year, lahir.month)})"
        )
    return ""


def cetak_nip(angka: str) -> str:
    """18 digits in the printed groups 8-6-1-3."""
    return f"{angka[:8]} {angka[8:14]} {angka[14]} {angka[15:]}"


def normalisasi_nip(teks, *, hari_ini: date | None = None) -> str:
    """A NIP as printed ("19881128 200701 1 002"), or ValidationError saying which part is
    wrong. Spaces anywhere are ignored; empty stays empty (a field that requires a NIP says so
    itself). `hari_ini` is for tests: appointments after it are refused."""
    asli = str(teks or "").strip()
    angka = "".join(asli.split())
    if not angka:
        return ""
    awal = f"NIP '{asli}' tidak valid: "
    bukan_angka = sorted({c for c in angka if not ("0" <= c <= "9")})
    if bukan_angka:
        daftar = ", ".join(f"'{c}'" for c in bukan_angka)
        raise ValidationError(
            f"{awal}NIP hanya berisi angka (spasi boleh), tetapi memuat {daftar}. "
            f"Contoh: {CONTOH}.",
            code="nip_bukan_angka",
        )
    if len(angka) != PANJANG:
        raise ValidationError(
            f"{awal}NIP terdiri atas {PANJANG} angka, tetapi tertulis {len(angka)} angka. "
            f"Contoh: {CONTOH} (spasi boleh).",
            code="nip_panjang",
        )
    hari_ini = hari_ini or date.today()
    lahir, salah_lahir = _tanggal_lahir(angka[:8], hari_ini)
    salah = [
        salah_lahir,
        _bulan_pengangkatan(angka[8:14], lahir, hari_ini),
        ""
        if angka[14] in "12"
        else f"angka ke-15 ({angka[14]}) harus jenis kelamin: 1 laki-laki atau 2 perempuan",
        "" if angka[15:] != "000" else "3 angka terakhir (000) harus nomor urut 001 sampai 999",
    ]
    salah = [s for s in salah if s]
    if salah:
        raise ValidationError(f"{awal}{'; '.join(salah)}.", code="nip_tidak_valid")
    return cetak_nip(angka)
