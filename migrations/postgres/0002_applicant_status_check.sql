-- An applicant's status is one of the seed's ten statuses (as memberships.role is one of four):
-- a stray word can no longer be written, and the app reads statuses straight into its enum.
ALTER TABLE applicants ADD CONSTRAINT applicants_status_check CHECK (status IN (
    'interview_candidate', 'invited_ready', 'pending', 'confirmed', 'waitlisted',
    'declined', 'cancelled', 'withdrawn', 'interviewed', 'no_show'
));
