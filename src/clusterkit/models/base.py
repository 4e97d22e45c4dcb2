"""Shared model configuration and the constrained value types every input file uses."""

import datetime as dt
import math
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    JsonValue,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic import Strict as StrictType
from pydantic_core import CoreSchema, InitErrorDetails, PydanticKnownError, core_schema


class Strict(BaseModel):
    """Base of every input model: immutable, no unknown keys, no NaN or infinity.

    ``coerce_numbers_to_str``: the loader reads ``1234`` as a number, but a postcode or a region code is text;
    a cluster manager should not have to quote it.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        coerce_numbers_to_str=True,
        validate_default=False,
        use_attribute_docstrings=False,
        defer_build=True,
    )


class FieldError(ValueError):
    """A model validator's error about one of the model's own fields, reported at that field.

    pydantic places a model validator's error at the whole mapping; ``at`` (a key path inside it, e.g.
    ``("rule", "field")``) lets ``validation`` point at the offending line instead. ``hint`` says what to do.
    """

    def __init__(self, message: str, at: tuple[str | int, ...] = (), hint: str = "") -> None:
        super().__init__(message)
        self.at = at
        self.hint = hint


class Consistent(Strict):
    """A model with rules between its fields (smes within companies, a review after adoption).

    Every broken rule is reported, also when other fields of the model, or a model inside it, are invalid:
    an ``after`` validator would run only once everything else is valid, so a file with five
    contradictions would show them one or two at a time. The rules read plain values, so they run on the
    raw input when validation failed (comparing only values of the right type) and on the model when not.
    """

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        """The rules between fields that ``values`` (validated or raw) breaks, each at its field."""
        return []

    @model_validator(mode="wrap")
    @classmethod
    def _consistent(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        try:
            model = handler(data)
        except ValidationError as error:
            found = cls.contradictions(data) if isinstance(data, dict) else []
            if not found:
                raise
            raise _with(
                error.title, [_again(item) for item in error.errors()], data, found
            ) from None
        found = cls.contradictions(model.__dict__)
        if found:
            raise _with(cls.__name__, [], data, found)
        return model


def _again(item: Any) -> InitErrorDetails:
    """An error pydantic reported, in the form it accepts to report it again."""
    details = InitErrorDetails(type=item["type"], loc=item["loc"], input=item["input"])
    if item.get("ctx"):
        details["ctx"] = item["ctx"]
    return details


def _with(
    title: str, errors: list[InitErrorDetails], data: Any, found: list[FieldError]
) -> ValidationError:
    broken = [
        InitErrorDetails(type="value_error", loc=(), input=data, ctx={"error": error})
        for error in found
    ]
    return ValidationError.from_exception_data(title, [*errors, *broken])


def whole(value: Any) -> int | None:
    """``value`` when it is a whole number (not a boolean), for rules that may see raw input."""
    return value if type(value) is int else None


def day(value: Any) -> dt.date | None:
    """``value`` as a date (raw input holds dates as YYYY-MM-DD text), or None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def exceeding(values: Mapping[str, Any], part: str, total: str) -> list[FieldError]:
    """The rule "``part`` is a subset of ``total``", blamed on ``part``."""
    small, large = whole(values.get(part)), whole(values.get(total))
    if small is not None and large is not None and small > large:
        return [FieldError(f"{part} ({small}) cannot exceed {total} ({large})", (part,))]
    return []


class DocumentPath(str):
    """A path to a document in the evidence file's repository, relative to the evidence file.

    A ``str`` subclass, so ``evidence.collect`` can find every document an evidence file names by walking the
    validated model, without a list of field names that could drift from the models.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(min_length=1, strip_whitespace=True)
        )


class WrittenFloat(float):
    """A float that remembers how it was written: the loader keeps `250.000` apart from `250.0`.

    Only the strict loader makes these; a value built in Python is a plain float and skips the text checks.
    """

    __slots__ = ("written",)
    written: str

    def __new__(cls, written: str) -> "WrittenFloat":
        value = super().__new__(cls, written)
        value.written = written
        return value

    def __reduce__(self) -> "tuple[type[WrittenFloat], tuple[str]]":
        return (WrittenFloat, (self.written,))


# Exactly three decimals after one to three digits: what a European thousands separator looks like.
THOUSANDS = re.compile(r"[+]?[0-9]{1,3}(\.[0-9]{3})+")
# A share written as a percentage: `30%`, `30 %`, `12.5%`.
PERCENT_TEXT = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*")


def _money(value: Any) -> Any:
    """Refuse `250.000`: in a European file it means 250,000 euros, read as a float it is 250."""
    if isinstance(value, WrittenFloat) and THOUSANDS.fullmatch(value.written):
        whole = value.written.lstrip("+").replace(".", "")
        raise FieldError(
            f"`{value.written}` looks like a thousands separator",
            hint=f"write {int(whole)} (the full amount, no separator), "
            f"or {float(value):.1f} if you mean {float(value):g} euros",
        )
    return value


def _share(value: Any) -> Any:
    """Refuse a share written with a percent sign (`30%`): shares are 0 to 1.

    A bare `30` fails the share's upper bound, whose message (load.messages) gives the same hint.
    """
    if isinstance(value, str) and (match := PERCENT_TEXT.fullmatch(value)):
        percent = float(match.group(1).replace(",", "."))
        raise FieldError(
            f"`{value.strip()}` is a percentage; a share is a number from 0 to 1",
            hint=f"write {percent / 100:.2f}",
        )
    return value


def window(months: int) -> dict[str, JsonValue]:
    """Schema note for a count over a recent period ("in the last 12 months"): it ages.

    The scorer reads a value so marked as unknown once the `as_of` date of its section (else the file's
    assessment_date) lies more than this many months before the assessment date.
    """
    return {"window_months": months}


AS_OF_DESCRIPTION = (
    "The date the counts of this section were taken (the end of their 12 or 24 months). Default: the "
    "file's assessment_date. Counts older than their window before the assessment date read as unknown."
)


# Upper bounds keep every value inside the range the scorer's arithmetic and the reports handle (a
# 400-digit count would overflow a float); each is far above anything a cluster reports. Documented in
# docs/evidence-format.md ("Ranges").
MAX_COUNT: Final = 10_000_000
"""Most of anything counted: participants, meetings, actions (the largest clusters have a few thousand)."""
MAX_MONEY: Final = 1e12
"""Most EUR in any money field: a thousand billion (cluster budgets are in the millions)."""
MAX_NUMBER: Final = 1e15
"""Largest magnitude of a free number (a KPI's target or value, years of experience)."""
EARLIEST_DATE: Final = dt.date(1900, 1, 1)
LATEST_DATE: Final = dt.date(2200, 12, 31)
"""Dates are accepted in this window: month arithmetic (recency, windows, horizons) stays far from the
years 1 and 9999 where Python's dates end, and no cluster evidence is older than 1900."""

# Strict numbers and booleans: `true` is not a count, `"5"` is not a number, `yes` is not true. The
# loader already types every scalar, so a lax conversion could only hide a mistake in the file.


def _finite(value: Any) -> Any:
    """NaN or infinity where a whole number belongs is "not finite", as for every other number."""
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticKnownError("finite_number")
    return value


Count = Annotated[int, StrictType(), Field(ge=0, le=MAX_COUNT), BeforeValidator(_finite)]
# The before-validators come last so they wrap the bounds: they see the value as written, first.
Ratio = Annotated[float, StrictType(), Field(ge=0.0, le=1.0), BeforeValidator(_share)]
Money = Annotated[float, StrictType(), Field(ge=0.0, le=MAX_MONEY), BeforeValidator(_money)]
Number = Annotated[float, StrictType(), Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Amount = Annotated[float, StrictType(), Field(ge=0.0, le=MAX_NUMBER)]
"""A non-negative free number: days, years of experience."""
Flag = Annotated[bool, StrictType()]
Date = Annotated[dt.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
Text = Annotated[str, Field(min_length=1)]


# What file systems allow (Linux: a name of 255 bytes, a path of 4,096); past them every OS call fails.
MAX_NAME_BYTES: Final = 255
MAX_PATH_BYTES: Final = 4096


def unusable_path(reference: str) -> str:
    """Why no file system can take this path, or ''."""
    if len(reference.encode("utf-8", "surrogateescape")) > MAX_PATH_BYTES:
        return f"the path is longer than {MAX_PATH_BYTES} bytes"
    parts = PurePath(reference).parts
    if any(len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for part in parts):
        return f"the path has a name longer than {MAX_NAME_BYTES} bytes"
    return ""


def _pack_reference(value: str) -> str:
    # A name no file system takes can be no pack file and no bundled id (a fuzzing find: it crashed stat).
    reason = unusable_path(value)
    if reason:
        raise FieldError(f"no criteria pack can have this name: {reason}", hint=_PACK_HINT)
    return value


_PACK_HINT = "name a bundled pack (esca-gold) or the path of a pack file"
PackReference = Annotated[str, Field(min_length=1), AfterValidator(_pack_reference)]
"""A criteria pack named in the evidence: a bundled id or a path to a pack file."""
Year = Annotated[int, StrictType(), Field(ge=1900, le=2200)]
Fte = Annotated[float, StrictType(), Field(gt=0.0, le=1.0)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64)]
IndicatorId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]  # ISO 639-1, lower case
