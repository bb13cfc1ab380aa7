"""competency: Vietnamese civil-servant qualification standards as cited, dated data."""
