"""A general phone complaint, from Today to saved, by the fewest taps and characters the
form needs: the room typed as people say it (the owner and phone come from the archive),
the matter and the demand, a category, read back, saved. Scripted input in the real
window is counted (taps, characters) and priced at what a person standing in a lobby
needs for each: the minute is a budget of human time, not of this machine's, which a
busy test machine would make meaningless."""

from domain.records import COMPLAINT
from tests.mobile.ui.complaint_steps import Typist, service_officer, tap_button

# Generous allowances for someone standing, perhaps in gloves: a deliberate tap on a big
# target, and one character typed on a pinyin keyboard with its candidate chosen.
SECONDS_A_TAP = 2.5
SECONDS_A_CHARACTER = 1.5


def test_a_general_complaint_is_taken_in_under_a_minute_of_scripted_input(driver, demo_server):
    with service_officer(driver, demo_server.url):
        app, typist = driver.app, Typist(driver)
        screen = driver.screen("complaint")
        if app.complaints.draft("complaint:new") is not None:  # an intake left from before
            app.complaints.discard("complaint:new")
        before = {r.id for r in app.store.records.find(kind=COMPLAINT)}
        driver.go("today")
        taps = driver.taps

        driver.tap(driver.button(driver.screen("today"), "新投诉"))
        typist.into("room_query", "3-2-1102")
        driver.until(lambda: screen.found_rooms, what="rooms found")
        tap_button(driver, "3栋2单元1102")
        typist.into("matter", "楼道灯不亮")
        typist.into("demand", "今天修好")
        tap_button(driver, "公共设施故障")
        tap_button(driver, "向业主复述确认")
        tap_button(driver, "业主确认，保存")

        all_taps = driver.taps - taps + typist.focus_taps
        human_seconds = all_taps * SECONDS_A_TAP + typist.characters * SECONDS_A_CHARACTER
        print(f"complaint_intake_taps: {all_taps}")
        print(f"complaint_intake_characters: {typist.characters}")
        print(f"complaint_intake_human_seconds: {human_seconds:.1f}")
        (saved,) = [r for r in app.store.records.find(kind=COMPLAINT) if r.id not in before]
        assert saved.payload["status"] == "classified" and saved.payload["complainant"]
        assert human_seconds < 60
        assert all_taps <= 9 and typist.characters <= 20
