"""Driving the real app from code: the UI tests' driver and the demo's scripted tour.

``driver`` taps, types, waits and takes screenshots in a running app (one Kivy
window per process); ``night_round`` is the tour ``make demo`` runs when there
is no display; ``python -m mobile.tour`` runs it (or, with ``--open``, signs in
and hands the window to a person).
"""
