-- The rank list for the Match (issue 30): an interviewer flags an applicant they interviewed as
-- "do not rank", with the reason; coordinators see the flags on the rank list and decide (a flag
-- removes nobody by itself). One flag per interviewer and applicant; taken back, it is deleted
-- (the audit log keeps both).
CREATE TABLE do_not_rank (
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    applicant_id BIGINT NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    interviewer_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (applicant_id, interviewer_id)
);
CREATE INDEX do_not_rank_program ON do_not_rank (program_id);
