"""The Streamlit side of the wall: the browser script that keeps a TV alive, and each slide's body read through
the cached KPI calls (keyed on the data version, so an import shows at the next redraw)."""

import datetime

from pac_core import wall
from pac_core.kpi.scope import Scope
from ui import context

# Our own constant script (no data in it), kept once per browser tab:
# - the clock follows the TV's own time every second (the server redraws it only at each slide tick);
# - when the connection stays lost for 30 s (server restarted, network cut), reload the page, but only once the
#   server answers its health check: a reload into a dead server would leave Chromium's error page for good;
# - a full reload every night at 03:00 clears whatever a browser tab gathers over weeks.
WALL_SCRIPT = """<script>
(function () {
  if (window.__pacWall) { return; }
  window.__pacWall = true;
  var onWall = function () { return /\\/mural\\/?$/.test(window.location.pathname); };
  var tick = function () {
    var clock = document.getElementById("pac-clock");
    if (clock) { clock.textContent = new Date().toLocaleTimeString("fr-FR", {hour: "2-digit", minute: "2-digit"}); }
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
  var night = new Date();
  night.setHours(3, 0, 0, 0);
  if (night <= new Date()) { night.setDate(night.getDate() + 1); }
  setTimeout(function () { if (onWall()) { window.location.reload(); } }, night - new Date());
})();
</script>"""


def slide_body(name: str, scope: Scope) -> str:
    """The HTML of one slide for the scope's month."""
    if name == "chiffres":
        return wall.headline_slide(context.headline(scope))
    if name == "objectifs":
        return wall.objectives_slide(context.strategic(scope))
    if name == "actions":
        _, flop = context.top_and_flop(scope)
        return wall.actions_slide(context.status_counts(scope), flop)
    if name == "canaux":
        return wall.channels_slide(context.roi(scope, by="company"), context.roi(scope, by="channel"))
    return wall.pipeline_slide(context.pipeline_summary(scope), context.funnel(scope))


def screen(rotation: wall.Rotation, tick_count: int, now: datetime.datetime) -> str:
    """The whole wall at this tick: the slide due, the month of the newest results, the freshness banner."""
    name = rotation.slide_at(tick_count)
    as_of = context.latest_month()
    position = f"{rotation.slides.index(name) + 1}/{len(rotation.slides)}"
    if as_of is None:
        body = '<div class="pac-empty">Aucun réalisé importé pour l\'instant.</div>'
    else:
        body = slide_body(name, Scope(as_of=as_of))
    return wall.frame_html(wall.SLIDES[name], body, as_of=as_of, freshness=context.freshness(now.date()),
                           now=now, position=position)
