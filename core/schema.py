"""JSON shapes shared by the public API and the search API (pydantic, rendered into OpenAPI)."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from language.locales import LOCALES


class Strict(BaseModel):
    # additionalProperties: false in the schema, so a stray field fails the schema tests.
    model_config = ConfigDict(extra="forbid")


LocaleCode = Literal[LOCALES]  # ty: ignore[invalid-type-form]
HHMM = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["09:30"])]


class OfficeContact(Strict):
    """The office's contact details in the page's locale (what the `contact` block shows)."""

    name: str
    phone: str
    phone_uri: str = Field(examples=["tel:+81488128677"])
    hours_days: str
    hours_start: HHMM
    hours_end: HHMM
    call_to_action: str
    phone_advice: str
