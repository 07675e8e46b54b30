"""A FastAPI service with JWT authentication."""

{#- The name as typed at bake time, as a Python string that every name keeps
    valid and ruff-clean: JSON escapes, with double quotes escaped as well, so
    that ruff format never changes the quote style. -#}
{%- set name = (cookiecutter.project_name | tojson)[1:-1] | replace('\\"', '\\u0022') %}
{%- set line = 'PROJECT_NAME = "' ~ name ~ '"' %}

{% if line | length > 88 -%}
{{ line }}  # noqa: E501 - the project name, escaped; a string cannot be split
{%- else -%}
{{ line }}
{%- endif %}
