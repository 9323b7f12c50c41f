"""Mode mural: the plan on a TV (open /mural?embed=true). No sidebar, no widget; the slides chosen in the URL
(?ecrans=chiffres,objectifs&duree=20) rotate in place, redrawn by one fragment that also re-reads the data."""

import html

import streamlit as st

from pac_core import clock
from pac_core.wall import WALL_CSS, rotation as wall_rotation
from ui.login import current_user, still_allowed
from ui.wall import WALL_SCRIPT, screen

TICKS, OPENED = "mural_ticks", "mural_opened"
rotation = wall_rotation(st.query_params.get("ecrans"), st.query_params.get("duree"))
st.html(WALL_CSS)
st.html(WALL_SCRIPT, unsafe_allow_javascript=True)
if rotation.note:  # small, in a corner: the TV still shows the wall, and whoever set the link sees why
    st.html('<div style="position:fixed;left:1vw;bottom:0.6vh;z-index:10;font-size:1.5vh;color:#A0A4AE">'
            f"Lien du mur : {html.escape(rotation.note)}.</div>")


@st.fragment(run_every=rotation.tick)
def wall() -> None:
    st.session_state["store"].refresh()  # the wall re-reads what other servers imported (PostgreSQL)
    who = current_user()
    if who is not None and not still_allowed(st.session_state["store"], who):  # a revoked link goes dark
        st.html('<div class="pac-wall"><p style="font-size:4vh;margin:40vh auto;text-align:center">'
                "Ce lien d'écran a été révoqué : demandez-en un nouveau à un administrateur.</p></div>")
        return
    count = st.session_state.get(TICKS, -1) + 1
    st.session_state[TICKS] = count
    now = clock.now()  # the company's time, not the TV's
    st.html(screen(rotation, count, now, st.session_state.setdefault(OPENED, now)))


wall()
