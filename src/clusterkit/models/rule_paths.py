"""Check, when a pack loads, that every rule reads an evidence field that exists and is of the right kind."""

from clusterkit.models import fieldpaths
from clusterkit.models.base import FieldError
from clusterkit.models.evidence import Evidence
from clusterkit.models.rules import (
    AgeRule,
    CountRule,
    DeclarationRule,
    DocumentRule,
    FieldPath,
    HorizonRule,
    ImprovementRule,
    PresentRule,
    RatioRule,
    RecencyRule,
    Rule,
    ThresholdRule,
)

_RULE_FIELD_KINDS: dict[type, tuple[str, ...]] = {
    ThresholdRule: ("number",),
    CountRule: ("list",),
    RecencyRule: ("date",),
    HorizonRule: ("date",),
    AgeRule: ("date", "number"),
    DocumentRule: ("document", "list"),
    PresentRule: ("number", "bool", "date", "text", "document", "list", "record", "mapping"),
}


def _check_path(key: str, path: FieldPath, kinds: tuple[str, ...]) -> fieldpaths.FieldType:
    """Resolve the path the rule's ``key`` names; a FieldError at ``rule.<key>`` if it is bad."""
    try:
        resolved = fieldpaths.resolve(Evidence, path)
    except FieldError as error:
        raise FieldError(str(error), ("rule", key), error.hint) from None
    if resolved.kind not in kinds:
        message = f"`{path}` is a {resolved.kind}; this rule needs a {' or '.join(kinds)}"
        raise FieldError(message, ("rule", key))
    return resolved


def check_rule_paths(rule: Rule) -> None:
    """Raise FieldError (at the rule's key) if a rule reads a field the evidence model lacks, or of the wrong kind."""
    if isinstance(rule, RatioRule):
        _check_path("numerator", rule.numerator, ("number",))
        _check_path("denominator", rule.denominator, ("number",))
        return
    if isinstance(rule, DeclarationRule):
        return
    if isinstance(rule, ImprovementRule):
        if rule.declared is not None:
            try:
                check_rule_paths(rule.declared)
            except FieldError as error:  # at rule.declared.<key>, not rule.<key>
                raise FieldError(
                    str(error), ("rule", "declared", *error.at[1:]), error.hint
                ) from None
        return
    kinds = _RULE_FIELD_KINDS.get(type(rule), ("bool",))
    resolved = _check_path("field", rule.field, kinds)
    if isinstance(rule, CountRule) and resolved.model is not None:
        named = [
            *(rule.require or ()),
            *(rule.where or {}),
            *([rule.date_field] if rule.date_field else []),
        ]
        for item_field in named:
            if fieldpaths.field_annotation(resolved.model, item_field) is None:
                message = f"`{item_field}` is not a field of the items of `{rule.field}`"
                close = fieldpaths.closest_field(resolved.model, item_field)
                hint = f"did you mean `{close}`?" if close else ""
                raise FieldError(message, ("rule", *_item_key(rule, item_field)), hint)


def _item_key(rule: CountRule, item_field: str) -> tuple[str | int, ...]:
    """Where in the rule an item field is named: date_field, an entry of require, or a key of where."""
    if item_field == rule.date_field:
        return ("date_field",)
    if item_field in (rule.require or ()):
        return ("require", (rule.require or []).index(item_field))
    return ("where", item_field)
