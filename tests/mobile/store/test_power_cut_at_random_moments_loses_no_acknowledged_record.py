"""A power cut, unlike a SIGKILL, loses whatever was not fsync'd: file contents and
directory entries alike. Cut at random moments of a recorded tablet's day (records,
drafts, photos, sync answers, checkpoints, compactions, reopening), and one time in
four again in the middle of the recovery, the store still opens and holds every save
that returned. ``python -m bench.power_cut`` runs 1,000 cuts."""

from bench.power_cut import RECOVERY_CUT_EVERY, run_cuts

CUTS = 100


def test_every_acknowledged_save_survives_100_random_power_cuts(tmp_path):
    outcome = run_cuts(CUTS, seed=2026, saves=60, work=tmp_path)

    assert outcome.cuts == CUTS
    assert outcome.recovery_cuts == CUTS // RECOVERY_CUT_EVERY
    assert outcome.acknowledged_checked > CUTS  # the cuts really fell after saves
    assert outcome.findings == []
    assert (outcome.lost, outcome.damaged, outcome.open_failures) == (0, 0, 0)
