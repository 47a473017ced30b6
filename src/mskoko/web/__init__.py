"""The Django adapter: persistence of what people edit, the web pages and the JSON API."""
