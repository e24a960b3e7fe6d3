"""KivyMD fills each widget's background even while it is transparent; the app leaves
such fills out of the canvas (mobile/widgets/clear_fills.py) and puts one back, right
after its colour, once the colour shows."""

from kivymd.uix.boxlayout import MDBoxLayout


def instructions(group) -> list:
    """Every instruction under ``group``, nested groups opened, in drawing order."""
    flat = []
    for instruction in group.children:
        if type(instruction).__name__ == "InstructionGroup":
            flat += instructions(instruction)
        else:
            flat.append(instruction)
    return flat


def fill_of(widget) -> list:
    return [i for i in instructions(widget.canvas) if i.group == "Background_instruction"]


def drawn_in_order(widget) -> list[str]:
    """The background's instructions as drawn: its colour, its texture, its fill."""
    names = [type(i).__name__ for i in instructions(widget.canvas)]
    start = names.index("Color")
    return names[start : start + 3]


def test_a_transparent_background_is_left_out_and_comes_back_when_coloured(driver):
    box = MDBoxLayout()
    driver.app.shell.add_widget(box)
    try:
        driver.frames()
        assert fill_of(box) == []

        box.md_bg_color = (0.2, 0.4, 0.6, 1)
        driver.until(lambda: fill_of(box) != [], what="the fill back")
        assert drawn_in_order(box) == ["Color", "BindTexture", "RoundedRectangle"]

        box.md_bg_color = (0.2, 0.4, 0.6, 0)
        driver.until(lambda: fill_of(box) == [], what="the fill left out again")
    finally:
        driver.app.shell.remove_widget(box)


def test_every_transparent_background_in_the_shell_is_left_out(driver):
    from kivymd.uix.behaviors.backgroundcolor_behavior import BackgroundColorBehavior

    backgrounds = [w for w in driver.app.shell.walk() if isinstance(w, BackgroundColorBehavior)]
    clear = [w for w in backgrounds if w._md_bg_color[3] == 0 and not w.background]
    coloured = [w for w in backgrounds if w._md_bg_color[3] > 0]
    assert clear and coloured
    assert all(fill_of(w) == [] for w in clear)
    assert all(fill_of(w) != [] for w in coloured)
