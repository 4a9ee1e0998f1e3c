"""The review workflow of a report: an explicit table of moves, who may make each, and the lock.

    draf ──ajukan──▶ diajukan ──setujui──▶ disetujui ──terbitkan──▶ terbit
      ▲                 │  ▲                    │                      │
      │            kembalikan └──ajukan── dikembalikan                 │
      └──────────────────────── buka (new revision) ◀──────────────────┘

Only the penyusun of the satker submits; only a reviewer of the parent KPU Provinsi (or an
admin) returns, approves or reopens; only the pimpinan of the satker publishes. Returning and
reopening need a reason; approving needs every review note of the revision resolved and the
name, jabatan, NIP and place of the person signing the Pernyataan Telah Direviu. Every
move is one atomic `laporan_transisi` call that locks the row, checks the move, and writes a
RiwayatStatus row; after it commits, the people concerned are e-mailed (laporan/notifikasi.py)
and an approval renders the frozen PDF (laporan/final.py).

While a report is submitted, approved or published, the data that feeds it (its PK's items,
realisasi and budget, its sections, signature data and attachments) cannot change:
`Laporan.periksa_terbuka` refuses a change to the report's own content, and each move writes the
satker-year's lock (`satker.kunci`), which the apps below check before they change its data.
"""

from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.models import JenisPK
from satker import akses
from satker.akses import keanggotaan_pengguna
from satker.kunci import kunci_tulis
from satker.models import Peran, Satker
from satker.nip import normalisasi_nip

from . import kelengkapan
from .models import Laporan, RiwayatStatus, StatusLaporan
from .tasks import kirim_notifikasi, susun_pdf_final

S = StatusLaporan


class AlurError(ValidationError):
    """A move that may not be made; the message says why, in Indonesian."""


class TransisiTidakSah(AlurError):
    """The move does not exist or does not start from the report's status."""


class TidakBerwenang(AlurError):
    """The user's role may not make this move on this report."""


class KomentarWajib(AlurError):
    """The move needs a reason (returning, reopening)."""


class CatatanBelumSelesai(AlurError):
    """The report still has open review notes on its revision."""


class TandaTanganReviuTidakLengkap(AlurError):
    """An approval without the signer's name, jabatan, NIP and place, or with an invalid NIP.
    Its message_dict is keyed by the TtdReviu fields, so a form can show each beside its
    field."""


class LaporanBelumLengkap(AlurError):
    """The report still has a galat of its completeness check (laporan/kelengkapan.py): text
    addressed to the staff in print, or an incomplete signature."""


@dataclass(frozen=True)
class TtdReviu:
    """Who signs the Pernyataan Telah Direviu of an approval, as typed by the reviewer."""

    nama: str = ""
    jabatan: str = ""
    nip: str = ""
    tempat: str = ""


# What each part of the signature is called in a refusal (stored as RiwayatStatus.ttd_<part>).
_LABEL_TTD = {
    "nama": "nama",
    "jabatan": "jabatan",
    "nip": "NIP",
    "tempat": "tempat penandatanganan",
}


def ttd_awal(user) -> TtdReviu:
    """What the approval form starts with: the account's full name, the jabatan and NIP of the
    member's profile, and the city printed beside the signatures of the member's satker."""
    anggota = keanggotaan_pengguna(user)
    if anggota is None:
        return TtdReviu(nama=user.get_full_name())
    return TtdReviu(
        nama=user.get_full_name(),
        jabatan=anggota.jabatan,
        nip=anggota.nip,
        tempat=anggota.satker.kota_ttd,
    )


def periksa_ttd(ttd: TtdReviu | None) -> TtdReviu:
    """The signature with its parts trimmed and the NIP as printed, or
    TandaTanganReviuTidakLengkap naming every missing or invalid part."""
    ttd = ttd or TtdReviu()
    nilai = {f.name: " ".join(str(getattr(ttd, f.name) or "").split()) for f in fields(TtdReviu)}
    galat = {}
    for nama, teks in nilai.items():
        batas = RiwayatStatus._meta.get_field(f"ttd_{nama}").max_length or 0  # type: ignore[union-attr]
        if not teks:
            galat[nama] = [
                f"Isi {_LABEL_TTD[nama]} penanda tangan Pernyataan Telah Direviu; "
                "persetujuan memerlukan nama, jabatan, NIP dan tempat."
            ]
        elif len(teks) > batas:
            galat[nama] = [f"{_LABEL_TTD[nama].capitalize()} paling panjang {batas} karakter."]
    if "nip" not in galat:
        try:
            nilai["nip"] = normalisasi_nip(nilai["nip"])
        except ValidationError as exc:
            galat["nip"] = exc.messages
    if galat:
        raise TandaTanganReviuTidakLengkap(galat)
    return TtdReviu(**nilai)


@dataclass(frozen=True)
class Transisi:
    aksi: str
    label: str
    dari: tuple[str, ...]
    ke: str
    pelaku: str  # "penyusun", "pereviu" or "pimpinan"
    komentar_wajib: bool = False


TRANSISI: dict[str, Transisi] = {
    t.aksi: t
    for t in (
        Transisi("ajukan", "Ajukan untuk reviu", (S.DRAF, S.DIKEMBALIKAN), S.DIAJUKAN, "penyusun"),
        Transisi(
            "kembalikan",
            "Kembalikan untuk perbaikan",
            (S.DIAJUKAN,),
            S.DIKEMBALIKAN,
            "pereviu",
            komentar_wajib=True,
        ),
        Transisi("setujui", "Setujui", (S.DIAJUKAN,), S.DISETUJUI, "pereviu"),
        Transisi("terbitkan", "Terbitkan", (S.DISETUJUI,), S.TERBIT, "pimpinan"),
        Transisi(
            "buka",
            "Buka kembali (revisi baru)",
            (S.DISETUJUI, S.TERBIT),
            S.DRAF,
            "pereviu",
            komentar_wajib=True,
        ),
    )
}

PELAKU = {
    "penyusun": "penyusun satker ini",
    "pereviu": "reviewer KPU Provinsi induknya atau admin",
    "pimpinan": "pimpinan satker ini",
}

# What the report page says to someone who has no move to make now: who acts next (by the
# pelaku of the next move), or that the workflow has ended.
MENUNGGU = {
    "penyusun": "Penyusun satker mengajukan laporan ini untuk direviu setelah selesai.",
    "pereviu": "Menunggu reviu KPU Provinsi.",
    "pimpinan": "Disetujui; pimpinan satker dapat menerbitkannya.",
    None: "Laporan telah terbit.",
}


def pelaku_berikutnya(laporan: Laporan) -> str | None:
    """Who makes the report's next move ("penyusun", "pereviu" or "pimpinan"), read from
    TRANSISI: the pelaku of the first move that starts from its status and carries it forward
    (reopening, back to draf with a new revision, is not a next step). None once published."""
    for t in TRANSISI.values():
        if laporan.status in t.dari and t.ke != S.DRAF:
            return t.pelaku
    return None


def keterangan_berikutnya(laporan: Laporan) -> str:
    """The sentence saying who acts next on the report (MENUNGGU of `pelaku_berikutnya`)."""
    return MENUNGGU[pelaku_berikutnya(laporan)]


def boleh(user, laporan: Laporan, transisi: Transisi) -> bool:
    """Whether the user's role may make this move on this report (whatever its status)."""
    if transisi.pelaku == "penyusun":
        return akses.berperan(user, laporan.satker, Peran.PENYUSUN)
    if transisi.pelaku == "pimpinan":
        return akses.berperan(user, laporan.satker, Peran.PIMPINAN)
    return akses.boleh_reviu(user, laporan.satker)


def aksi_tersedia(user, laporan: Laporan) -> list[Transisi]:
    """The moves this user can make on the report now."""
    return [t for t in TRANSISI.values() if laporan.status in t.dari and boleh(user, laporan, t)]


def periksa_langkah(*, laporan: Laporan, aksi: str, oleh) -> Transisi:
    """The move, if it exists, starts from the report's status and the user may make it;
    else TransisiTidakSah or TidakBerwenang. Writes nothing (a page refusing a form checks
    this first, so a forbidden move is a 403 whatever was typed)."""
    transisi = TRANSISI.get(aksi)
    if transisi is None:
        raise TransisiTidakSah(f"Langkah “{aksi}” tidak dikenal.")
    if laporan.status not in transisi.dari:
        raise TransisiTidakSah(
            f"Laporan berstatus “{laporan.get_status_display()}” tidak dapat "
            f"“{transisi.label.lower()}”."
        )
    if not boleh(oleh, laporan, transisi):
        raise TidakBerwenang(
            f"Langkah “{transisi.label.lower()}” hanya dapat dilakukan oleh "
            f"{PELAKU[transisi.pelaku]}."
        )
    return transisi


@transaction.atomic
def laporan_transisi(
    *, laporan: Laporan, aksi: str, oleh, komentar: str = "", ttd: TtdReviu | None = None
) -> RiwayatStatus:
    """Make one move of the workflow, or raise the specific AlurError and change nothing.
    The row is locked first, so two people acting at once cannot both move it.

    Approving ("setujui") needs `ttd`, the person signing the review statement; the other
    moves take none. The approver's profile gets the jabatan and NIP they typed where it has
    none, so the next approval form starts with them."""
    if ttd is not None and aksi != "setujui":
        raise TypeError(f"Langkah “{aksi}” tidak memakai tanda tangan reviu.")
    # The satker row first, as every write checking the lock does (satker.kunci), then the report.
    list(Satker.objects.select_for_update().filter(pk=laporan.satker_id).values_list("pk"))
    laporan = Laporan.objects.select_for_update().select_related("satker").get(pk=laporan.pk)
    transisi = periksa_langkah(laporan=laporan, aksi=aksi, oleh=oleh)
    komentar = (komentar or "").strip()
    if transisi.komentar_wajib and not komentar:
        raise KomentarWajib(f"Tuliskan alasan untuk langkah “{transisi.label.lower()}”.")

    if transisi.ke in (S.DIAJUKAN, S.DISETUJUI):
        _periksa_lengkap(laporan, transisi)
    if transisi.ke == S.DISETUJUI:
        terbuka = laporan.catatan.terbuka().filter(revisi=laporan.revisi).count()
        if terbuka:
            raise CatatanBelumSelesai(
                f"Masih ada {terbuka} catatan reviu yang belum diselesaikan; selesaikan atau "
                "kembalikan laporan untuk perbaikan."
            )
        ttd = periksa_ttd(ttd)

    dari, revisi = laporan.status, laporan.revisi
    laporan.status = transisi.ke
    if transisi.ke == S.DIAJUKAN:
        laporan.diajukan_pada = timezone.now()
    if aksi == "buka":
        laporan.revisi += 1
    # Only the columns a move writes are checked: a signature NIP saved before NIPs were
    # validated must not block returning the report so that it can be corrected.
    ditulis = ["status", "revisi", "diajukan_pada"]
    laporan.full_clean(exclude=[f.name for f in Laporan._meta.fields if f.name not in ditulis])
    laporan.save(update_fields=[*ditulis, "diperbarui_pada"])
    riwayat = RiwayatStatus(
        laporan=laporan, revisi=revisi, dari=dari, ke=transisi.ke, oleh=oleh, komentar=komentar
    )
    if ttd is not None:
        for f in fields(TtdReviu):
            setattr(riwayat, f"ttd_{f.name}", getattr(ttd, f.name))
        _lengkapi_profil(oleh, ttd)
    riwayat.full_clean()
    riwayat.save()
    kunci_perbarui(laporan.satker, laporan.tahun)
    transaction.on_commit(lambda: _setelah_transisi(riwayat))
    return riwayat


def _lengkapi_profil(user, ttd: TtdReviu) -> None:
    """Fill the approver's empty jabatan and NIP from what they typed; what the profile already
    holds is never overwritten (a one-off acting signer must not change it)."""
    anggota = keanggotaan_pengguna(user)
    if anggota is None:
        return
    diisi = [k for k in ("jabatan", "nip") if not getattr(anggota, k).strip()]
    if not diisi:
        return
    for k in diisi:
        setattr(anggota, k, getattr(ttd, k))
    # Only the filled columns are checked and written: another column of an old profile that
    # no longer validates must not block the approval.
    lain = [f.name for f in anggota._meta.fields if f.name not in diisi]
    anggota.full_clean(exclude=lain, validate_unique=False, validate_constraints=False)
    anggota.save(update_fields=diisi)


def _periksa_lengkap(laporan: Laporan, transisi: Transisi) -> None:
    """Refuse to submit or approve a report whose PDF would still print something addressed to
    the staff, or an incomplete signature."""
    galat = kelengkapan.galat_laporan(laporan)
    if not galat:
        return
    saran = (
        " Kembalikan laporan untuk perbaikan."
        if transisi.ke == S.DISETUJUI
        else " Perbaiki pada halaman laporan, bagian Kelengkapan laporan."
    )
    langkah = "disetujui" if transisi.ke == S.DISETUJUI else "diajukan untuk reviu"
    raise LaporanBelumLengkap(
        f"Laporan belum dapat {langkah}: " + " ".join(k.pesan for k in galat) + saran
    )


def _setelah_transisi(riwayat: RiwayatStatus) -> None:
    """Queue the e-mails of a move and, for an approval, the frozen PDF: both off the request,
    so a slow mail server or a long render never holds it up."""
    kirim_notifikasi.enqueue(riwayat.id)
    if riwayat.ke == S.DISETUJUI:
        susun_pdf_final.enqueue(riwayat.id)


# --- The lock ---------------------------------------------------------------------------------


def kunci_perbarui(satker, tahun: int) -> None:
    """Write the satker-year's lock (satker.kunci) from its locked reports: each kind of PK a
    locked report prints, with that report's message (a combined report prints every kind)."""
    kunci: dict[str, str] = {}
    for laporan in Laporan.objects.terkunci().filter(satker=satker, tahun=tahun):
        jenis = JenisPK.values if laporan.gabungan else [laporan.jenis]
        for jenis_pk in jenis:
            kunci.setdefault(jenis_pk, laporan.pesan_kunci)
    kunci_tulis(satker=satker, tahun=tahun, kunci=kunci)
