-- Scoring forms and scores. A program keeps a library of forms; a form's criteria belong to a
-- version of it, and a form that has scores is never edited under them: an edit makes a new
-- version, which later scores use. A session is scored on one form. An interviewer's sheet for
-- an applicant is a draft until submitted; a change after that keeps the earlier answers as a
-- revision, with its time.
CREATE TABLE scoring_forms (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (program_id, name)
);

CREATE TABLE scoring_form_versions (
    id INTEGER PRIMARY KEY,
    form_id INTEGER NOT NULL REFERENCES scoring_forms (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    -- The scale final scores are shown on (1 to 5 unless set).
    display_min INTEGER NOT NULL DEFAULT 1,
    display_max INTEGER NOT NULL DEFAULT 5 CHECK (display_max > display_min),
    -- The form asks for an overall comment.
    overall_comment INTEGER NOT NULL DEFAULT 1 CHECK (overall_comment IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (form_id, version)
);

CREATE TABLE scoring_criteria (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES scoring_form_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- What a score looks like, per value: JSON [[value, "text"], …].
    anchors TEXT NOT NULL DEFAULT '[]',
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL CHECK (scale_max > scale_min),
    -- Thousandths (1000 = a weight of 1).
    weight_milli INTEGER NOT NULL DEFAULT 1000 CHECK (weight_milli > 0),
    required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    UNIQUE (version_id, position)
);

CREATE TABLE session_forms (
    session_id INTEGER PRIMARY KEY REFERENCES interview_sessions (id) ON DELETE CASCADE,
    form_id INTEGER NOT NULL REFERENCES scoring_forms (id) ON DELETE CASCADE
);

CREATE TABLE scores (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    interviewer_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES scoring_form_versions (id),
    comment TEXT NOT NULL DEFAULT '',
    -- NULL: a draft.
    submitted_at INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (session_id, applicant_id, interviewer_id)
);
CREATE INDEX scores_program ON scores (program_id, interviewer_id);

-- A sheet's answers: a value, or NULL for "unable to assess"; no row: not answered.
CREATE TABLE score_answers (
    score_id INTEGER NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES scoring_criteria (id),
    value INTEGER,
    PRIMARY KEY (score_id, criterion_id)
);

-- A submitted sheet as it was before a later change: its answers (JSON [[criterion, value], …])
-- and comment, when it had been submitted and when it was replaced.
CREATE TABLE score_revisions (
    id INTEGER PRIMARY KEY,
    score_id INTEGER NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    answers TEXT NOT NULL,
    comment TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    replaced_at INTEGER NOT NULL
);
CREATE INDEX score_revisions_score ON score_revisions (score_id, id);

-- A coordinator leaves an interviewer's scores out of the ranks: for one applicant, or (no
-- applicant) altogether; audited, and listed on the ranks page until taken back.
CREATE TABLE score_exclusions (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    interviewer_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    applicant_id INTEGER REFERENCES applicants (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    by_user INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX score_exclusions_program ON score_exclusions (program_id);

-- A coordinator's final score for an applicant in place of the computed one, with the reason
-- (required); on 0–1 in millionths.
CREATE TABLE score_overrides (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    score_micro INTEGER NOT NULL CHECK (score_micro BETWEEN 0 AND 1000000),
    reason TEXT NOT NULL,
    by_user INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
