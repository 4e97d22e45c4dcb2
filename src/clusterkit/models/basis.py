"""Where a pack's numbers and names come from: the basis every threshold carries into the reports."""

from enum import StrEnum

from pydantic import Field, model_validator

from clusterkit.models.base import FieldError, Strict


class Basis(StrEnum):
    """Where a number or a name comes from; reports show it next to every threshold."""

    SEED = "seed"
    VERIFIED = "verified"
    REPORTED = "reported"
    PUBLIC_DESCRIPTION = "public-description"
    ASSUMPTION = "assumption"


SOURCED_BASES = frozenset({Basis.SEED, Basis.VERIFIED, Basis.REPORTED})


class Sourced(Strict):
    """Mixin: a basis, and a source wherever the basis claims one."""

    basis: Basis = Field(description="seed, verified, reported, public-description or assumption.")
    source: str | None = Field(
        None, description="Where it comes from; required for seed, verified and reported."
    )

    @model_validator(mode="after")
    def _source_given(self) -> "Sourced":
        if self.basis in SOURCED_BASES and not (self.source or "").strip():
            hint = "add a `source` a reader can follow up: the document, page or slide and what it says"
            raise FieldError(f"basis {self.basis.value} needs a source", ("basis",), hint)
        return self
