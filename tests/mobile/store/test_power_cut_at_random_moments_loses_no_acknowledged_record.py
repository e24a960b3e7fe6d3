"""A power cut, unlike a SIGKILL, loses whatever was not fsync'd: file contents and
directory entries alike. Cut at random moments of a recorded tablet's day (records,
drafts, photos, sync answers, checkpoints, compactions, reopening), the store still
opens and holds every save that returned. ``python -m bench.power_cut`` runs 1,000."""

from bench.power_cut import run_cuts

CUTS = 120


def test_every_acknowledged_save_survives_120_random_power_cuts(tmp_path):
    outcome = run_cuts(CUTS, seed=2026, saves=60, work=tmp_path)

    assert outcome.cuts == CUTS
    assert outcome.acknowledged_checked > CUTS  # the cuts really fell after saves
    assert outcome.findings == []
    assert (outcome.lost, outcome.damaged, outcome.open_failures) == (0, 0, 0)
