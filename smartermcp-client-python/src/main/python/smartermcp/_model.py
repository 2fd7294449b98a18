"""The runtime of the generated models: dataclasses read from and written to the server's JSON."""
import enum
from datetime import datetime
from typing import Any, ClassVar, Dict


class StrEnum(str, enum.Enum):
    """An enumeration of the document; its members are the strings themselves (``Period.WEEK == "week"``)."""

    def __str__(self) -> str:
        return str(self.value)


class Model:
    """A schema of the document. Unknown members of an answer are kept in ``extra`` (a newer server may add some)."""

    _FIELDS: ClassVar[Dict[str, tuple]] = {}
    _REQUIRED: ClassVar[tuple] = ()

    @classmethod
    def from_dict(cls, data: Any) -> "Model":
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__} expects a JSON object, got {type(data).__name__}")
        values = {}
        known = set()
        for attribute, (member, spec) in cls._FIELDS.items():
            known.add(member)
            if member in data and data[member] is not None:
                values[attribute] = _read(spec, data[member])
        instance = cls(**values)
        instance.extra = {k: v for k, v in data.items() if k not in known}
        return instance

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object of this model; members left None are left out."""
        out = {}
        for attribute, (member, _spec) in self._FIELDS.items():
            value = getattr(self, attribute)
            if value is not None:
                out[member] = _write(value)
        out.update(getattr(self, "extra", None) or {})
        return out


def _read(spec: str, value: Any) -> Any:
    from . import _generated

    if spec.startswith("list["):
        return [_read(spec[5:-1], item) for item in value] if isinstance(value, list) else value
    if spec == "datetime":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            return value
    if spec in _generated.MODELS:
        return _generated.MODELS[spec].from_dict(value) if isinstance(value, dict) else value
    if spec in _generated.ENUMS:
        try:
            return _generated.ENUMS[spec](value)
        except ValueError:
            # a value this client does not know yet: kept as the string it is
            return value
    if spec == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _write(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_write(item) for item in value]
    if isinstance(value, dict):
        return {key: _write(item) for key, item in value.items()}
    return value
