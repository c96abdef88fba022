"""Keys that cannot act now say why, instead of doing nothing.

A screen's `check_action` decides what is possible (and the footer hides what is not); this
mixin catches the key of such an action and shows the screen's `disabled_reason` for it as a
notification: "Staffing is TA'd: its agreed text is locked", "No conflicts to settle".
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class ExplainsDisabledKeys(Screen):
    """Base for screens; subclasses (and the action mixins) extend `disabled_reason`.

    A `Screen` itself, so the mixins built on it can handle their typed messages with `@on`.
    """

    loaded: bool = True  # screens that load say so (a reactive), until then keys are "loading"

    def disabled_reason(self, action: str) -> str | None:
        return None

    def on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            action = binding.action.split("(")[0]
            if self.check_action(action, ()) is True:
                return
            reason = self.disabled_reason(action) or (
                "Still loading…" if not self.loaded else "Not possible here."
            )
            title = f"{binding.description or action}: not now"
            self.app.notify(reason, title=title, severity="warning", timeout=5)
            return
