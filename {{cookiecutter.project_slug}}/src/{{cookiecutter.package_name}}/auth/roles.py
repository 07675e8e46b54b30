"""The roles a user can hold, most privileged first."""

from enum import StrEnum


class Role(StrEnum):
{%- for role in cookiecutter.roles.split(",") %}
    {{ role.strip().upper() }} = "{{ role.strip() }}"
{%- endfor %}


# The first role of the list is the most privileged one.
TOP_ROLE = Role.{{ cookiecutter.roles.split(",")[0].strip().upper() }}
