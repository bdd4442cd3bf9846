"""What every page with a form does with a service's answer, in one place.

- `add_service_errors`: a service's `ValidationError` (per field where the field exists, else
  at the top) or `StaleObjectError` (someone saved in between) shown on the form.
- `confirm_page`: the confirmation page of a state change (includes/confirm.html). GET shows
  the question, the object's facts and the form; a valid POST runs `perform(cleaned_data)` and
  goes back to the object with `success` as message; a refusal re-renders with status 400.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render

from udavtal.lib.concurrency import StaleObjectError


def add_service_errors(form, error: ValidationError | StaleObjectError) -> None:
    if isinstance(error, StaleObjectError):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def confirm_page(
    request,
    obj,
    *,
    form,
    details: Sequence[tuple[str, str]],
    question: str,
    confirm_label: str,
    perform: Callable[[dict], object],
    success: str,
    template: str = "includes/confirm.html",
    **extra,
):
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return HttpResponseRedirect(obj.get_absolute_url())
    context = {
        "question": question,
        "details": list(details),
        "form": form,
        "cancel_url": obj.get_absolute_url(),
        "confirm_label": confirm_label,
        **extra,
    }
    return render(request, template, context, status=400 if form.is_bound else 200)
