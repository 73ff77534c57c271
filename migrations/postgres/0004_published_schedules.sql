-- Finalized schedules. Every publish of a session's day keeps the whole day as it was published
-- (JSON: times, rooms with their places or links and interviewers, who is where), numbered from
-- 1 per session; the session's day says which version is out (NULL: not finalized, so
-- applicants see only their confirmed session and interviewers no rounds).

CREATE TABLE schedule_versions (
    session_id BIGINT NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    version BIGINT NOT NULL CHECK (version >= 1),
    body TEXT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, version)
);

ALTER TABLE session_days ADD COLUMN published_version BIGINT;

-- Who interviews in the version that is out, so an interviewer's itinerary across sessions
-- and programs is one indexed lookup (rewritten at each publish, emptied by unfinalize).
CREATE TABLE published_interviewers (
    session_id BIGINT NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX published_interviewers_user ON published_interviewers (user_id);
