-- The Match (issue 30): when an applicant was marked as matched to the program after Match Day
-- (by hand on the rank list, or from the ids of a Match results file); empty: not matched. The
-- Reports page counts matched against ranked, per session and per interviewer.
ALTER TABLE applicants ADD COLUMN matched_at BIGINT;
