"""Perjanjian Kinerja in the browser: create and edit a PK, its rows, targets, budget and
revisions, and the printable PK document.

Every view starts with its access helper (404 for other satker, 403 for read-only roles on
writes); the work is done by kinerja.services_pk and kinerja.services_pk_item, whose
ValidationError is shown on the form, and what the pages show comes from kinerja.selectors_pk.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from satker.akses import ambil_satker, boleh_ubah

from . import selectors_pk, services_pk, services_pk_item
from .access import ambil_item, ambil_pk
from .forms_pk import (
    AnggaranForm,
    IndikatorBaruForm,
    ItemTargetForm,
    KatalogForm,
    PKForm,
    RevisiForm,
    tempel_galat,
)


def _data_kiriman(request, kunci_laporan=None):
    """The posted data for a bound form, or None on GET (an empty POST is still a POST). While
    the PK's report is locked a POST is read as a GET: the page comes back read-only with the
    reason in its banner, and nothing is written."""
    if kunci_laporan:
        return None
    return request.POST if request.method == "POST" else None


def _tampilkan(request, template, context, form=None):
    """Render a form page: 400 when the posted form has errors, else 200."""
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, f"kinerja/{template}", context, status=status)


def _terkunci(request, pk):
    """Send the user back to the PK page when it has a newer revision (read-only)."""
    pesan = selectors_pk.pesan_pk_terkunci(pk)
    if pesan:
        messages.error(request, pesan)
        return redirect("pk_detail", pk_id=pk.id)
    return None


def _ke_susun(pk):
    return redirect("pk_susun", pk_id=pk.id)


def _isian(request, pk, template, buat_form, simpan, **konteks):
    """A form page of a PK, so that each view only names its form, its service and where to go
    next. A PK with a newer revision sends the user back to the PK page; while the PK's report
    is locked the page is read-only (see _post). `buat_form(data)` makes the form; a valid
    posted form goes to `simpan(form)`, which calls the service, adds the success message and
    returns the redirect; the service's ValidationError is shown on the form. `pk` is None for
    a PK still to be created (nothing to lock yet)."""
    kunci = None
    if pk is not None:
        if terkunci := _terkunci(request, pk):
            return terkunci
        kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = buat_form(_data_kiriman(request, kunci))
    if form.is_bound and form.is_valid():
        try:
            return simpan(form)
        except ValidationError as exc:
            tempel_galat(form, exc)
    context = {**konteks, "pk": pk, "form": form, "bisa_ubah": True, "kunci_laporan": kunci}
    return _tampilkan(request, template, context, form)


@login_required
def pk_buat(request, kode):
    satker = ambil_satker(request, kode, ubah=True)

    def simpan(form):
        pk = services_pk.pk_buat(satker=satker, **form.argumen())
        messages.success(request, f"{pk} dibuat. Tambahkan indikator dan targetnya.")
        return _ke_susun(pk)

    def buat_form(data):
        return PKForm(data, satker=satker)

    return _isian(request, None, "pk_form.html", buat_form, simpan, satker=satker)


@login_required
def pk_ubah(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)

    def simpan(form):
        services_pk.pk_ubah(pk=pk, **form.argumen())
        messages.success(request, "Kepala Perjanjian Kinerja disimpan.")
        return _ke_susun(pk)

    def buat_form(data):
        return PKForm(data, satker=pk.satker, pk=pk)

    return _isian(request, pk, "pk_form.html", buat_form, simpan, satker=pk.satker)


@login_required
def pk_susun(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    baris = selectors_pk.baris_dokumen(pk)
    context = {
        "pk": pk,
        "baris_list": baris,
        "jumlah_sasaran": sum(1 for b in baris if b.sasaran_nomor),
        "peringatan": [p for b in baris for p in selectors_pk.peringatan_target(b.item)],
        "bisa_ubah": True,
        "kunci_laporan": selectors_pk.pesan_laporan_terkunci(pk),
    }
    return render(request, "kinerja/pk_susun.html", context)


@login_required
def pk_item_katalog(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)

    def simpan(form):
        baru = services_pk_item.item_tambah_dari_katalog(pk=pk, pilihan=form.pilihan())
        messages.success(request, f"{len(baru)} indikator ditambahkan ke PK.")
        return _ke_susun(pk)

    def buat_form(data):
        return KatalogForm(data, pk=pk)

    return _isian(request, pk, "pk_katalog.html", buat_form, simpan)


@login_required
def pk_item_baru(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)

    def simpan(form):
        item = services_pk_item.item_tambah_indikator_baru(pk=pk, **form.argumen())
        messages.success(request, f"Indikator {item.indikator.kode} ditambahkan ke PK.")
        return _ke_susun(pk)

    def buat_form(data):
        return IndikatorBaruForm(data, pk=pk)

    return _isian(request, pk, "pk_item_baru.html", buat_form, simpan)


@login_required
def pk_item_target(request, item_id):
    item = ambil_item(request, item_id, ubah=True)

    def simpan(form):
        services_pk_item.item_ubah_target(item=item, **form.argumen())
        messages.success(request, f"Target {item.indikator.nama} disimpan.")
        for pesan in selectors_pk.peringatan_target(item):
            messages.warning(request, pesan)
        return _ke_susun(item.pk_induk)

    def buat_form(data):
        return ItemTargetForm(data, indikator=item.indikator, item=item)

    return _isian(request, item.pk_induk, "pk_item_target.html", buat_form, simpan, item=item)


def _aksi(request, fungsi, pesan_berhasil, kembali, /, **kwargs):
    """Run a POST-only service action and go back (`kembali`, a redirect) with its outcome."""
    try:
        fungsi(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pesan_berhasil)
    return kembali


@login_required
@require_POST
def pk_item_hapus(request, item_id):
    item = ambil_item(request, item_id, ubah=True)
    pesan = f"Indikator “{item.indikator.nama}” dihapus dari PK."
    kembali = _ke_susun(item.pk_induk)
    return _aksi(request, services_pk_item.item_hapus, pesan, kembali, item=item)


def _geser_item(request, item_id, arah):
    item = ambil_item(request, item_id, ubah=True)
    fungsi, kembali = services_pk_item.item_geser, _ke_susun(item.pk_induk)
    return _aksi(request, fungsi, "Urutan indikator diubah.", kembali, item=item, arah=arah)


@login_required
@require_POST
def pk_item_naik(request, item_id):
    return _geser_item(request, item_id, "naik")


@login_required
@require_POST
def pk_item_turun(request, item_id):
    return _geser_item(request, item_id, "turun")


def _geser_sasaran(request, pk_id, sasaran_id, arah):
    pk = ambil_pk(request, pk_id, ubah=True)
    sasaran = get_object_or_404(pk.renstra.sasaran, id=sasaran_id)
    fungsi, kembali = services_pk_item.sasaran_geser, _ke_susun(pk)
    return _aksi(
        request, fungsi, "Urutan sasaran diubah.", kembali, pk=pk, sasaran=sasaran, arah=arah
    )


@login_required
@require_POST
def pk_sasaran_naik(request, pk_id, sasaran_id):
    return _geser_sasaran(request, pk_id, sasaran_id, "naik")


@login_required
@require_POST
def pk_sasaran_turun(request, pk_id, sasaran_id):
    return _geser_sasaran(request, pk_id, sasaran_id, "turun")


@login_required
def pk_revisi(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)

    def simpan(form):
        baru = services_pk.pk_revisi(pk=pk, alasan=form.cleaned_data["alasan"])
        messages.success(request, f"Revisi {baru.revisi} dibuat; revisi lama tetap tersimpan.")
        return _ke_susun(baru)

    return _isian(request, pk, "pk_revisi.html", RevisiForm, simpan)


@login_required
def pk_anggaran(request, pk_id):
    pk = ambil_pk(request, pk_id, ubah=True)

    def simpan(form):
        a = services_pk.anggaran_tambah(pk=pk, **form.cleaned_data)
        messages.success(request, f"Program “{a.program}” ditambahkan.")
        return redirect("pk_anggaran", pk_id=pk.id)

    anggaran_list = pk.anggaran.all()
    return _isian(
        request, pk, "pk_anggaran.html", AnggaranForm, simpan, anggaran_list=anggaran_list
    )


@login_required
@require_POST
def pk_anggaran_hapus(request, pk_id, anggaran_id):
    pk = ambil_pk(request, pk_id, ubah=True)
    anggaran = get_object_or_404(pk.anggaran, id=anggaran_id)
    pesan = f"Program “{anggaran.program}” dihapus."
    kembali = redirect("pk_anggaran", pk_id=pk.id)
    return _aksi(request, services_pk.anggaran_hapus, pesan, kembali, anggaran=anggaran)


@login_required
def pk_dokumen(request, pk_id):
    pk = ambil_pk(request, pk_id)
    context = {
        "pk": pk,
        "baris_list": selectors_pk.baris_dokumen(pk),
        "ada_target_kegiatan": any(i.target_kegiatan is not None for i in pk.item.all()),
        "anggaran_list": pk.anggaran.all(),
        "total_anggaran": sum((a.pagu for a in pk.anggaran.all()), 0),
        "terbaru": selectors_pk.pk_revisi_terbaru(pk),
        "bisa_ubah": boleh_ubah(request.user, pk.satker),
    }
    return render(request, "kinerja/pk_dokumen.html", context)
