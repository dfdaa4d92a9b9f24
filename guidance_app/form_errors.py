"""The GOV.UK error summary for any of our forms (questions, resume code)."""

from __future__ import annotations

from flask_wtf import FlaskForm


def error_summary(form: FlaskForm) -> list[dict[str, str]]:
    """One item per field with an error, linking to the field's first box (a date's day)."""
    items = []
    for field in form:
        if field.name == "csrf_token" or not field.errors:
            continue
        anchor = f"{field.id}-day" if field.type == "SplitDateField" else field.id
        items.append({"text": str(field.errors[0]), "href": f"#{anchor}"})
    return items
