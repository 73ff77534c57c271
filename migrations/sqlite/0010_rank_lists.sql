-- The program's rank lists: the main one (named '') and any extra named ones ("Alternates").
-- A list with entries keeps that manual order (applicants scored later are placed by score);
-- without entries it follows the computed order. Reverting to computed deletes the entries.
CREATE TABLE rank_lists (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (program_id, name)
);

CREATE TABLE rank_list_entries (
    list_id INTEGER NOT NULL REFERENCES rank_lists (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (list_id, applicant_id)
);
