"""Keys that cannot act now say why, instead of doing nothing.

A screen's `check_action` decides what is possible (and the footer hides what is not); this
mixin catches the key of such an action and shows the screen's `disabled_reason` for it as a
notification: "Staffing is TA'd: its agreed text is locked", "No conflicts to settle".
"""

from __future__ import annotations

from textual import events


class ExplainsDisabledKeys:
    """Mixin for screens; subclasses (and other mixins) extend `disabled_reason`."""

    def disabled_reason(self, action: str) -> str | None:
        return None

    def on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, []):  # type: ignore[attr-defined]
            action = binding.action.split("(")[0]
            if self.check_action(action, ()) is True:  # type: ignore[attr-defined]
                return
            reason = self.disabled_reason(action) or (
                "Still loading…" if not getattr(self, "loaded", True) else "Not possible here."
            )
            title = f"{binding.description or action}: not now"
            self.app.notify(reason, title=title, severity="warning", timeout=5)  # type: ignore[attr-defined]
            return
