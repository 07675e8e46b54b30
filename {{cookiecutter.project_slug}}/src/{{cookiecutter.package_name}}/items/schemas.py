from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..database import UtcDatetime
from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

Title = Annotated[str, Field(min_length=1, max_length=TITLE_MAX_LENGTH)]
Description = Annotated[str, Field(max_length=DESCRIPTION_MAX_LENGTH)]


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
    created_at: UtcDatetime
    updated_at: UtcDatetime
