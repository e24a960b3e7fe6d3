"""SIGKILL at random moments never loses a save that returned, and never leaves a
store that fails to open. The same harness shows stock TinyDB losing data."""

import pytest

from bench.crash_harness import run_trials

# 200 kills in all, as four chains of 50 on folders of their own: each kill of a chain
# also checks the recovery from the one before (a shorter journal to reopen each time
# than one chain of 200).
TRIALS, CHAINS = 50, 4


@pytest.mark.parametrize("seed", range(2026, 2026 + CHAINS))
def test_our_store_keeps_every_acknowledged_record_through_50_kills_in_a_row(tmp_path, seed):
    outcome = run_trials("ours", tmp_path, TRIALS, seed=seed)

    assert outcome.trials == TRIALS
    assert outcome.acknowledged > TRIALS  # the writers really were writing when killed
    assert outcome.open_failures == []
    assert outcome.lost == 0
    assert outcome.damaged == 0


def test_stock_tinydb_under_the_same_harness_loses_data(tmp_path):
    outcome = run_trials("stock", tmp_path, 600, seed=7, stop_at_first_loss=True)

    assert outcome.first_loss_at_trial is not None
    assert outcome.lost + outcome.damaged > 0 or outcome.open_failures
