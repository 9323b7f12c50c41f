"""Mode mural: the plan on a TV (open /mural?embed=true). No sidebar, no widget; the slides chosen in the URL
(?ecrans=chiffres,objectifs&duree=20) rotate in place, redrawn by one fragment that also re-reads the data."""

import datetime
import zoneinfo

import streamlit as st

from pac_core.wall import WALL_CSS, rotation as wall_rotation
from ui.login import current_user, still_allowed
from ui.wall import WALL_SCRIPT, screen

TICKS = "mural_ticks"
rotation = wall_rotation(st.query_params.get("ecrans"), st.query_params.get("duree"))
st.html(WALL_CSS)
st.html(WALL_SCRIPT, unsafe_allow_javascript=True)


def _now() -> datetime.datetime:
    """The TV's local time (its browser's time zone), Paris when the browser does not say."""
    try:
        zone = zoneinfo.ZoneInfo(st.context.timezone or "Europe/Paris")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("Europe/Paris")
    return datetime.datetime.now(zone)


@st.fragment(run_every=rotation.tick)
def wall() -> None:
    who = current_user()
    if who is not None and not still_allowed(st.session_state["store"], who):  # a revoked link goes dark
        st.html('<div class="pac-wall"><p style="font-size:4vh;margin:40vh auto;text-align:center">'
                "Ce lien d'écran a été révoqué : demandez-en un nouveau à un administrateur.</p></div>")
        return
    count = st.session_state.get(TICKS, -1) + 1
    st.session_state[TICKS] = count
    st.html(screen(rotation, count, _now()))


wall()
