from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from integra.centres.forms import CentreForm, OpeningHoursFormSet
from integra.centres.models import Centre
from integra.centres.services import centre_update
from integra.core.permissions import requires


@requires("centres.change_centre")
def centre_edit(request, slug):
    # A centre the manager does not work for answers 404, exactly like a missing one.
    centre = get_object_or_404(Centre.objects.editable_by(request.user).with_details(), slug=slug)
    if request.method == "POST":
        form = CentreForm(request.POST, instance=centre)
        hours = OpeningHoursFormSet(request.POST, prefix="hours")
        if form.is_valid() and hours.is_valid():
            centre_update(
                centre=centre,
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                languages=form.cleaned_data["languages"],
                services=form.cleaned_data["services"],
                opening_hours=hours.hours(),
                transport=form.transport(),
            )
            messages.success(request, _("The centre's details were saved."))
            return redirect("staff:dashboard")
    else:
        form = CentreForm(instance=centre)
        hours = OpeningHoursFormSet(
            prefix="hours",
            initial=[{"weekday": h.weekday, "opens": h.opens, "closes": h.closes} for h in centre.opening_hours.all()],
        )
    return render(request, "centres/staff/centre_edit.html", {"centre": centre, "form": form, "hours": hours})
