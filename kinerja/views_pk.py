"""Perjanjian Kinerja in the browser: create and edit a PK, its rows, targets, budget and
revisions, and the printable PK document.

Every view starts with its access helper (404 for other satker, 403 for read-only roles on
writes); the work is done by kinerja.services_pk, whose ValidationError is shown on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from satker.models import bisa_mengubah

from . import selectors_pk, services_pk, services_pk_item
from .access import get_item, get_pk, get_satker
from .forms_pk import (
    AnggaranForm,
    IndikatorBaruForm,
    ItemTargetForm,
    KatalogForm,
    PKForm,
    RevisiForm,
    tempel_galat,
)


def _post(request, kunci_laporan=None):
    """The posted data for a bound form, or None on GET (an empty POST is still a POST). While
    the PK's report is locked a POST is read as a GET: the page comes back read-only with the
    reason in its banner, and nothing is written."""
    if kunci_laporan:
        return None
    return request.POST if request.method == "POST" else None


def _render(request, template, context, form=None):
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


@login_required
def pk_buat(request, kode):
    satker = get_satker(request, kode, ubah=True)
    form = PKForm(_post(request), satker=satker)
    if request.method == "POST" and form.is_valid():
        try:
            pk = services_pk.pk_buat(satker=satker, **form.argumen())
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"{pk} dibuat. Tambahkan indikator dan targetnya.")
            return _ke_susun(pk)
    context = {"satker": satker, "form": form, "bisa_ubah": True}
    return _render(request, "pk_form.html", context, form)


@login_required
def pk_ubah(request, pk_id):
    pk = get_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = PKForm(_post(request, kunci), satker=pk.satker, pk=pk)
    if form.is_bound and form.is_valid():
        try:
            services_pk.pk_ubah(pk=pk, **form.argumen())
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, "Kepala Perjanjian Kinerja disimpan.")
            return _ke_susun(pk)
    context = {
        "satker": pk.satker,
        "pk": pk,
        "form": form,
        "bisa_ubah": True,
        "kunci_laporan": kunci,
    }
    return _render(request, "pk_form.html", context, form)


@login_required
def pk_susun(request, pk_id):
    pk = get_pk(request, pk_id, ubah=True)
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
    pk = get_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = KatalogForm(_post(request, kunci), pk=pk)
    if form.is_bound and form.is_valid():
        try:
            baru = services_pk_item.item_tambah_dari_katalog(pk=pk, pilihan=form.pilihan())
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"{len(baru)} indikator ditambahkan ke PK.")
            return _ke_susun(pk)
    context = {"pk": pk, "form": form, "bisa_ubah": True, "kunci_laporan": kunci}
    return _render(request, "pk_katalog.html", context, form)


@login_required
def pk_item_baru(request, pk_id):
    pk = get_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = IndikatorBaruForm(_post(request, kunci), pk=pk)
    if form.is_bound and form.is_valid():
        try:
            item = services_pk_item.item_tambah_indikator_baru(pk=pk, **form.argumen())
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Indikator {item.indikator.kode} ditambahkan ke PK.")
            return _ke_susun(pk)
    context = {"pk": pk, "form": form, "bisa_ubah": True, "kunci_laporan": kunci}
    return _render(request, "pk_item_baru.html", context, form)


@login_required
def pk_item_target(request, item_id):
    item = get_item(request, item_id, ubah=True)
    if terkunci := _terkunci(request, item.pk_induk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(item.pk_induk)
    form = ItemTargetForm(_post(request, kunci), indikator=item.indikator, item=item)
    if form.is_bound and form.is_valid():
        try:
            services_pk_item.item_ubah_target(item=item, **form.argumen())
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Target {item.indikator.nama} disimpan.")
            for pesan in selectors_pk.peringatan_target(item):
                messages.warning(request, pesan)
            return _ke_susun(item.pk_induk)
    context = {
        "item": item,
        "pk": item.pk_induk,
        "form": form,
        "bisa_ubah": True,
        "kunci_laporan": kunci,
    }
    return _render(request, "pk_item_target.html", context, form)


def _aksi(request, fungsi, pesan_berhasil, kembali, /, **kwargs):
    """Run a POST-only service action and go back to the PK's rows with its outcome."""
    try:
        fungsi(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pesan_berhasil)
    return _ke_susun(kembali)


@login_required
@require_POST
def pk_item_hapus(request, item_id):
    item = get_item(request, item_id, ubah=True)
    pesan = f"Indikator “{item.indikator.nama}” dihapus dari PK."
    return _aksi(request, services_pk_item.item_hapus, pesan, item.pk_induk, item=item)


@login_required
@require_POST
def pk_item_naik(request, item_id):
    item = get_item(request, item_id, ubah=True)
    pesan = "Urutan indikator diubah."
    return _aksi(request, services_pk_item.item_geser, pesan, item.pk_induk, item=item, arah="naik")


@login_required
@require_POST
def pk_item_turun(request, item_id):
    item = get_item(request, item_id, ubah=True)
    pesan = "Urutan indikator diubah."
    return _aksi(
        request, services_pk_item.item_geser, pesan, item.pk_induk, item=item, arah="turun"
    )


def _geser_sasaran(request, pk, sasaran_id, arah):
    sasaran = get_object_or_404(pk.renstra.sasaran, id=sasaran_id)
    fungsi = services_pk_item.sasaran_geser
    return _aksi(request, fungsi, "Urutan sasaran diubah.", pk, pk=pk, sasaran=sasaran, arah=arah)


@login_required
@require_POST
def pk_sasaran_naik(request, pk_id, sasaran_id):
    pk = get_pk(request, pk_id, ubah=True)
    return _geser_sasaran(request, pk, sasaran_id, "naik")


@login_required
@require_POST
def pk_sasaran_turun(request, pk_id, sasaran_id):
    pk = get_pk(request, pk_id, ubah=True)
    return _geser_sasaran(request, pk, sasaran_id, "turun")


@login_required
def pk_revisi(request, pk_id):
    pk = get_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = RevisiForm(_post(request, kunci))
    if form.is_bound and form.is_valid():
        try:
            baru = services_pk.pk_revisi(pk=pk, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Revisi {baru.revisi} dibuat; revisi lama tetap tersimpan.")
            return _ke_susun(baru)
    context = {"pk": pk, "form": form, "bisa_ubah": True, "kunci_laporan": kunci}
    return _render(request, "pk_revisi.html", context, form)


@login_required
def pk_anggaran(request, pk_id):
    pk = get_pk(request, pk_id, ubah=True)
    if terkunci := _terkunci(request, pk):
        return terkunci
    kunci = selectors_pk.pesan_laporan_terkunci(pk)
    form = AnggaranForm(_post(request, kunci))
    if form.is_bound and form.is_valid():
        try:
            a = services_pk.anggaran_tambah(pk=pk, **form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Program “{a.program}” ditambahkan.")
            return redirect("pk_anggaran", pk_id=pk.id)
    context = {
        "pk": pk,
        "form": form,
        "anggaran_list": pk.anggaran.all(),
        "bisa_ubah": True,
        "kunci_laporan": kunci,
    }
    return _render(request, "pk_anggaran.html", context, form)


@login_required
@require_POST
def pk_anggaran_hapus(request, pk_id, anggaran_id):
    pk = get_pk(request, pk_id, ubah=True)
    anggaran = get_object_or_404(pk.anggaran, id=anggaran_id)
    try:
        services_pk.anggaran_hapus(anggaran=anggaran)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Program “{anggaran.program}” dihapus.")
    return redirect("pk_anggaran", pk_id=pk.id)


@login_required
def pk_dokumen(request, pk_id):
    pk = get_pk(request, pk_id)
    context = {
        "pk": pk,
        "baris_list": selectors_pk.baris_dokumen(pk),
        "ada_target_kegiatan": any(i.target_kegiatan is not None for i in pk.item.all()),
        "anggaran_list": pk.anggaran.all(),
        "total_anggaran": sum((a.pagu for a in pk.anggaran.all()), 0),
        "terbaru": selectors_pk.pk_revisi_terbaru(pk),
        "bisa_ubah": bisa_mengubah(request.user, pk.satker),
    }
    return render(request, "kinerja/pk_dokumen.html", context)
