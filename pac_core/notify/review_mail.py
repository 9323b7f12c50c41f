"""La revue (issue 22): once the month's review comment is saved, its PDF — the same as the page's download — goes
to the participants (the list kept on the Comptes page, or PAC_REVUE_PARTICIPANTS: names or addresses,
comma-separated), once per saved
comment: a comment corrected after the meeting sends the corrected review.
"""

from __future__ import annotations

from pac_core import formatting as fmt
from pac_core.kpi.scope import Scope
from pac_core.notify.outbox import Queued
from pac_core.notify.reminders import APP_URL, addresses_of
from pac_core.notify.transport import Message
from pac_core.review import month_comment, of_month, pdf_file_name, review_data, review_views
from pac_core.review_pdf import review_pdf

SAVED_SQL = """
SELECT comment_id, month, comment FROM history.review_comments
QUALIFY row_number() OVER (PARTITION BY month ORDER BY comment_id DESC) = 1
"""


def due_reviews(store, sent_keys: set[str]) -> list[Queued]:
    """The reviews whose newest comment has not been queued yet (`sent_keys`: the outbox's keys)."""
    to = addresses_of(store, "revue")
    if not to:
        return []
    due = []
    saved = store.query(SAVED_SQL)
    for comment_id, month, text in zip(saved["comment_id"], saved["month"], saved["comment"]):
        key = f"revue {month:%Y-%m} {comment_id}"
        if not text or key in sent_keys:
            continue
        month = month.date() if hasattr(month, "date") else month
        due.append(Queued(key, "revue", "email", to, review_message(store, month, to)))
    return due


def review_message(store, month, to: tuple[str, ...]) -> Message:
    """The review of `month` as its participants receive it: a few lines and the PDF."""
    scope = Scope(as_of=month)
    views = review_views(review_data(store, scope), month_comment(store, fmt.previous_month(month)),
                         month_comment(store, month))
    pdf = review_pdf(views, month)
    first = views[0]
    comment = month_comment(store, month)
    body = (f"Bonjour,\n\nVoici la revue {of_month(month)}, en pièce jointe.\n\n{first.message}\n\n"
            f"Noté à la revue ({comment.written_by}) : « {comment.text} »\n\n"
            f"La revue à l'écran : {APP_URL}/revue\n\n— PAC Pilot")
    return Message(to, f"PAC Pilot : la revue {of_month(month)}", body,
                   ((pdf_file_name(month, scope.filters), pdf, "application/pdf"),))
