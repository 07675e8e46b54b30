{%- if cookiecutter.state_backend == "redis" -%}
"""Token lifecycle state, kept in Redis so that every worker shares it."""
{%- else -%}
"""Token lifecycle state, kept in this process's memory."""
{%- endif %}
