-- P10 "who": an actor is "service:" and a service account's name of up to 64 characters; 64 cut it, and two
-- accounts alike in their first 56 characters could not be told apart.
ALTER TABLE audit_log MODIFY actor VARCHAR(96) NOT NULL;
