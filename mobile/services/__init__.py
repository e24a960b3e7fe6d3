"""App services: plain-Python logic between the screens and the store or sync (no kivy)."""
