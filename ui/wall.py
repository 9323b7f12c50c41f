"""The Streamlit side of the wall: the browser script that keeps a TV alive, and each slide's body read through
the cached KPI calls (keyed on the data version, so an import shows at the next redraw)."""

import datetime

from pac_core import wall
from pac_core.kpi.scope import Scope
from ui import context

# Our own constant script (no data in it), kept once per browser tab:
# - the clock ticks every second from the server's time in the company's time zone (the clock element carries
#   both, redrawn at each slide tick): a TV with a wrong clock or zone still shows the company's time;
# - the server says when the nightly reload is due (data-reload="1"), by the one clock: the script reloads then;
# - when the connection stays lost for 30 s (server restarted, network cut), reload the page, but only once the
#   server answers its health check: a reload into a dead server would leave Chromium's error page for good;
WALL_SCRIPT = """<script>
(function () {
  if (window.__pacWall) { return; }
  window.__pacWall = true;
  var onWall = function () { return /\\/mural\\/?$/.test(window.location.pathname); };
  var offset = 0;
  var tick = function () {
    var clock = document.getElementById("pac-clock");
    if (clock && clock.dataset.epoch) {
      if (!clock.dataset.seen) { offset = Number(clock.dataset.epoch) - Date.now(); clock.dataset.seen = "1"; }
      try {
        clock.textContent = new Date(Date.now() + offset).toLocaleTimeString(
          "fr-FR", {hour: "2-digit", minute: "2-digit", timeZone: clock.dataset.zone});
      } catch (error) {}
    }
    if (onWall() && document.querySelector('.pac-wall[data-reload="1"]')) { window.location.reload(); }
  };
  setInterval(tick, 1000);
  var down = 0;
  setInterval(function () {
    if (!onWall()) { down = 0; return; }
    var app = document.querySelector('[data-testid="stApp"]');
    var state = app ? app.getAttribute("data-test-connection-state") : null;
    down = (state && state !== "CONNECTED") ? down + 5 : 0;
    if (down >= 30) {
      fetch(window.location.pathname.replace(/mural\\/?$/, "") + "_stcore/health", {cache: "no-store"})
        .then(function (answer) { if (answer.ok) { window.location.reload(); } })
        .catch(function () {});
    }
  }, 5000);
})();
</script>"""


def slide_body(name: str, scope: Scope, room: int) -> str:
    """The HTML of one slide for the scope's month; its list shows at most `room` items."""
    if name == "chiffres":
        return wall.headline_slide(context.headline(scope), scope.on_track, scope.watch,
                                   wall.forecast_line(context.forecast_methods(scope, "ca")))
    if name == "objectifs":
        return wall.objectives_slide(context.strategic(scope), room)
    if name == "actions":
        late, late_count = context.late_actions(scope, room)
        return wall.actions_slide(context.status_counts(scope), late, late_count, room)
    if name == "canaux":
        return wall.channels_slide(context.roi(scope, by="company"), context.roi(scope, by="channel"), room)
    return wall.pipeline_slide(context.pipeline_summary(scope), context.funnel(scope))


def screen(rotation: wall.Rotation, tick_count: int, now: datetime.datetime, started: datetime.datetime) -> str:
    """The whole wall at this tick: the slide due, the month of reference, the freshness banner; `now` and `started`
    (when the page was opened) are the one clock's, in the company's time zone."""
    name = rotation.slide_at(tick_count)
    freshness = context.freshness(now.date())
    as_of = context.month_of_reference()
    position = f"{rotation.slides.index(name) + 1}/{len(rotation.slides)}"
    if as_of is None:
        body = '<div class="pac-empty">Aucun réalisé importé pour l\'instant.</div>'
    else:
        body = slide_body(name, Scope(as_of=as_of), wall.list_room(freshness, name))
    return wall.frame_html(wall.SLIDES[name], body, as_of=as_of, freshness=freshness, now=now, position=position,
                           reload=wall.reload_due(started, now))
