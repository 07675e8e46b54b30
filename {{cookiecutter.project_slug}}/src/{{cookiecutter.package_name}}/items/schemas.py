from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH


def check_encodable(value: str) -> str:
    # JSON's \ud800 escapes decode to lone surrogates, which no database or
    # response can encode as UTF-8: refuse them here, as a validation error.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        msg = "must be valid Unicode text"
        raise ValueError(msg) from None
    return value


Text = Annotated[str, AfterValidator(check_encodable)]
Title = Annotated[Text, Field(min_length=1, max_length=TITLE_MAX_LENGTH)]
Description = Annotated[Text, Field(max_length=DESCRIPTION_MAX_LENGTH)]


class ItemWrite(BaseModel):
    """What a client may set. Unknown fields, such as `owner_id`, are refused."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description | None = None


class ItemPatch(BaseModel):
    """A partial update: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Description | None = None

    @field_validator("title")
    @classmethod
    def title_is_not_null(cls, value: str | None) -> str:
        if value is None:
            msg = "title cannot be null"
            raise ValueError(msg)
        return value


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    title: str
    description: str | None
    created_at: datetime
    updated_at: datetime
