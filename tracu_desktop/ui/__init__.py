"""All Qt code of tracu_desktop lives in this package."""
