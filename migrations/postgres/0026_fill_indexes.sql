-- The release rush (issue 32): a session's fill counts its pending applicants by their first and
-- second choice (sessions::repo, SESSION_COLUMNS), and a booking reads three fills. Without an
-- index each count read every applicant of every program: 2.4 ms a fill at 20,000 applicants on
-- SQLite, held inside the booking's write lock, so bookings queued behind it (91 a second over
-- HTTP, 79 in process). Indexed, a count is a lookup.
CREATE INDEX applicants_first_choice ON applicants (first_choice_id, status);
CREATE INDEX applicants_second_choice ON applicants (second_choice_id, status);
