"""One WTForms form per catalogue question, rendered with GOV.UK Frontend components.

Field names are the fact names (contract section 4): `KEY`, a date as `KEY-day`,
`KEY-month` and `KEY-year`, a list as repeated `KEY`. Values typed by the parent are kept
when there is an error, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovDateInput, GovRadioInput, GovSelect, GovTextInput
from wtforms import Field, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..core.facts import FACTS
from ..core.model import Question

DONT_KNOW = "dont_know"


class SplitDateInput(GovDateInput):
    """GOV.UK date input whose three boxes are named KEY-day, KEY-month and KEY-year."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        for item, part in zip(params["items"], ("day", "month", "year")):
            item["name"] = f"{field.name}-{part}"
            item["value"] = field.parts.get(part, "")
        return params


class SplitDateField(Field):
    """A date typed as day, month and year; keeps what was typed if it is not a real date."""

    widget = SplitDateInput()

    def __init__(self, label=None, validators=None, optional: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parts: dict[str, str] = {}
        self.optional = optional

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = data
        if isinstance(data, str):
            try:
                day = dt.date.fromisoformat(data)
                self.parts = {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
            except ValueError:
                self.parts = {}
        if formdata is not None:
            self.parts = {part: (formdata.get(f"{self.name}-{part}") or "").strip()
                          for part in ("day", "month", "year")}
            self.data = self._parse()
        # The widget reads the three boxes from raw_data (else it calls strftime on the data,
        # which we keep as ISO text like every other answer).
        self.raw_data = [self.parts.get(part, "") for part in ("day", "month", "year")]

    def _parse(self) -> str | None:
        try:
            day = dt.date(int(self.parts["year"]), int(self.parts["month"]), int(self.parts["day"]))
        except (ValueError, KeyError):
            return None
        return day.isoformat()

    def _value(self) -> str:
        return ""

    def pre_validate(self, form):
        filled = [part for part, value in self.parts.items() if value]
        if not filled:
            if self.optional:
                return
            raise ValidationError(_l("Enter the date"))
        if len(filled) < 3:
            missing = [str(PART_NAMES[p]) for p in ("day", "month", "year") if p not in filled]
            raise ValidationError(_l("The date must include a %(parts)s", parts=_l(" and ").join(missing)))
        if self.data is None or not self.parts["year"].isdigit() or len(self.parts["year"]) != 4:
            raise ValidationError(_l("The date must be a real date, for example 27 3 2027"))
        if not "2000" <= self.parts["year"] <= "2100":
            raise ValidationError(_l("The year must be between 2000 and 2100"))


PART_NAMES = {"day": _l("day"), "month": _l("month"), "year": _l("year")}


def number_check(halves: bool, whole: bool):
    def check(form, field):
        text = (field.data or "").strip().replace(",", ".")
        if not text:
            raise ValidationError(_l("Enter a number"))
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(_l("Enter a number, like 3 or 2.5")) from None
        if value < 0 or value > 400:
            raise ValidationError(_l("Enter a number between 0 and 400"))
        if whole and value != int(value):
            raise ValidationError(_l("Enter a whole number, like 3"))
        if halves and value * 2 != int(value * 2):
            raise ValidationError(_l("Enter whole or half days, like 3 or 2.5"))
        field.number = int(value) if value == int(value) else value
    return check


CLOSURE_ROWS = 8


def build_closures_form(question: Question, locale: str, answer: Any, formdata=None) -> FlaskForm:
    """Up to eight closures (school holidays, training days), each a first and last day."""

    class ClosuresForm(FlaskForm):
        pass

    rows = list(answer or [])
    data = {}
    for index in range(1, CLOSURE_ROWS + 1):
        for position, label in ((0, _l("First day closed")), (1, _l("Last day closed"))):
            name = f"{question.fact}-{index}-{'from' if position == 0 else 'to'}"
            setattr(ClosuresForm, name, SplitDateField(label, optional=True))
            if index <= len(rows):
                data[name] = rows[index - 1][position]
    if formdata is not None:
        return ClosuresForm(formdata=formdata)
    return ClosuresForm(formdata=None, data=data)


def closures_from(form: FlaskForm, question: Question) -> list[list[str]] | None:
    """The closure ranges typed, or None after adding an error to the row that is wrong."""
    ranges, ok = [], True
    for index in range(1, CLOSURE_ROWS + 1):
        first = getattr(form, f"{question.fact}-{index}-from")
        last = getattr(form, f"{question.fact}-{index}-to")
        if first.data and not last.data:
            last.errors = [*last.errors, _l("Enter the last day the school is closed")]
            ok = False
        elif last.data and not first.data:
            first.errors = [*first.errors, _l("Enter the first day the school is closed")]
            ok = False
        elif first.data and last.data:
            if last.data < first.data:
                last.errors = [*last.errors, _l("The last day must be the same as or after the first day")]
                ok = False
            else:
                ranges.append([first.data, last.data])
    return ranges if ok else None


def build_form(question: Question, locale: str, answer: Any, known: bool, formdata=None) -> FlaskForm:
    """The form for one question, filled with the saved answer (or what was just typed)."""
    text = question.text(locale)
    english = question.texts["en"]
    required = InputRequired(message=_l("Select an answer"))
    options = text.fields.get("options") or {}
    labels = {value: options.get(value) or english.fields["options"].get(value, value) for value in question.options}

    class QuestionForm(FlaskForm):
        pass

    spec = FACTS[question.fact]
    field: Field
    if spec.values_from:
        field = council_select(text.title, labels, text.fields.get("dont_know_label") if question.dont_know else None,
                               text.fields.get("hint", ""))
        default = DONT_KNOW if answer is None and known else answer
    elif spec.type in ("choice", "bool"):
        if spec.type == "bool":
            choices = [("yes", _l("Yes")), ("no", _l("No"))]
        else:
            choices = [(value, labels[value]) for value in question.options]
        if question.dont_know:
            choices.append((DONT_KNOW, text.fields.get("dont_know_label") or _l("I don't know")))
        field = RadioField(text.title, choices=choices, validators=[required], widget=GovRadioInput(),
                           description=text.fields.get("hint", ""))
        default = _choice_default(spec.type, answer, known)
    elif spec.type == "list":
        field = SelectMultipleField(text.title, choices=[(value, labels[value]) for value in question.options],
                                    widget=GovCheckboxesInput(), description=text.fields.get("hint", ""))
        default = list(answer or [])
    elif spec.type == "date":
        field = SplitDateField(text.title, description=text.fields.get("hint", ""))
        default = answer
    else:
        field = StringField(text.title, validators=[number_check(spec.halves, spec.type == "int")],
                            widget=GovTextInput(), description=text.fields.get("hint", ""))
        default = "" if answer is None else f"{answer:g}"
    setattr(QuestionForm, question.fact, field)
    if formdata is not None:
        return QuestionForm(formdata=formdata)
    return QuestionForm(formdata=None, data={question.fact: default})


def council_select(label: str, labels: dict[str, str], dont_know_label: str | None, hint: str = "") -> SelectField:
    """A long list as a <select> (a search box once JavaScript runs), with its own check so
    that a wrong or missing choice gets a plain message rather than WTForms' own."""
    choices = [("", _l("Choose a council"))] + list(labels.items())
    if dont_know_label is not None:
        choices.append((DONT_KNOW, dont_know_label or _l("I don't know")))
    allowed = {value for value, _ in choices if value}

    def check(form, field):
        if not field.data:
            raise ValidationError(_l("Choose your council from the list, or skip this question"))
        if field.data not in allowed:
            raise ValidationError(_l("Choose a council from the list"))

    return SelectField(label, choices=choices, validate_choice=False, validators=[check], widget=GovSelect(),
                       description=hint)


def _choice_default(kind: str, answer: Any, known: bool) -> str | None:
    if answer is None:
        return DONT_KNOW if known else None
    if kind == "bool":
        return "yes" if answer else "no"
    return answer


def error_summary(form: FlaskForm) -> list[dict[str, str]]:
    """GOV.UK error summary items, each linking to the first box of its field."""
    items = []
    for field in form:
        if field.name == "csrf_token" or not field.errors:
            continue
        anchor = f"{field.id}-day" if isinstance(field, SplitDateField) else field.id
        items.append({"text": str(field.errors[0]), "href": f"#{anchor}"})
    return items


def answer_from(form: FlaskForm, question: Question) -> Any:
    """The fact's value from a valid form: JSON-ready, None for "I don't know"."""
    field = getattr(form, question.fact)
    spec = FACTS[question.fact]
    if spec.type == "bool":
        return None if field.data == DONT_KNOW else field.data == "yes"
    if spec.type == "choice":
        return None if field.data == DONT_KNOW else field.data
    if spec.type == "list":
        return list(field.data or [])
    if spec.type == "date":
        return field.data
    return field.number
