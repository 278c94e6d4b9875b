"""The pure domain: models, indicators, periods, form specs, validation, formatting."""
