"""The pages people work in: views, forms and template tags of the web application."""
