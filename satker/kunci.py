"""The lock on a satker-year's data while a report made from it is submitted, approved or
published.

The workflow (laporan.alur) writes the lock rows (`KunciData`) at every move; the apps that
change the data ask this module before they write. The check takes the satker's row lock inside
a transaction, as the workflow's move does, so a submission cannot slip in between the check
and the write that follows.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import KunciData, Satker


class DataTerkunci(ValidationError):
    """A change refused because a submitted, approved or published report stands on it."""


def _tahan_satker(satker: Satker) -> None:
    if transaction.get_connection().in_atomic_block:
        list(Satker.objects.select_for_update().filter(pk=satker.pk).values_list("pk"))


def pesan_kunci(satker: Satker, tahun: int, jenis_pk: str | None = None) -> str | None:
    """Why this satker-year's data (of one kind of PK, or of any kind for data every report
    prints, such as the DIPA budget) may not change now, or None when it may."""
    qs = KunciData.objects.filter(satker=satker, tahun=tahun)
    if jenis_pk is not None:
        qs = qs.filter(jenis_pk=jenis_pk)
    return qs.values_list("pesan", flat=True).first()


def periksa_data_terbuka(satker: Satker, tahun: int, jenis_pk: str | None = None) -> None:
    """Refuse (DataTerkunci) a change to data a locked report of the satker-year is made from."""
    _tahan_satker(satker)
    pesan = pesan_kunci(satker, tahun, jenis_pk)
    if pesan is not None:
        raise DataTerkunci(pesan)


def pesan_kunci_per_tahun(satker: Satker) -> dict[int, str]:
    """The lock message of each locked year of the satker (the first kind when several)."""
    hasil: dict[int, str] = {}
    for tahun, pesan in KunciData.objects.filter(satker=satker).values_list("tahun", "pesan"):
        hasil.setdefault(tahun, pesan)
    return hasil


def pesan_riwayat_terkunci(satker: Satker, tahun: int) -> str | None:
    """Why the history of `tahun` may not change now: every later report prints it, so the
    earliest locked later year locks it. None when it may change."""
    return (
        KunciData.objects.filter(satker=satker, tahun__gt=tahun)
        .values_list("pesan", flat=True)
        .first()
    )


def periksa_riwayat_terbuka(satker: Satker, tahun: int) -> None:
    """Refuse (DataTerkunci) a change to the history of `tahun` while a later report of the
    satker is locked."""
    _tahan_satker(satker)
    pesan = pesan_riwayat_terkunci(satker, tahun)
    if pesan is not None:
        raise DataTerkunci(pesan)


def kunci_tulis(*, satker: Satker, tahun: int, kunci: dict[str, str]) -> None:
    """Make the satker-year's lock exactly `kunci` (kind of PK → message): the workflow calls
    this after each move with what its locked reports now cover."""
    KunciData.objects.filter(satker=satker, tahun=tahun).exclude(jenis_pk__in=kunci).delete()
    for jenis_pk, pesan in kunci.items():
        baris = KunciData(satker=satker, tahun=tahun, jenis_pk=jenis_pk, pesan=pesan)
        baris.full_clean(validate_unique=False, validate_constraints=False)
        KunciData.objects.update_or_create(
            satker=satker, tahun=tahun, jenis_pk=jenis_pk, defaults={"pesan": pesan}
        )
